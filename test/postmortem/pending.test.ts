// GitHub failing in the middle of the postmortem's compound write (branch, file, pull
// request): the incident is told once that the pull request is pending, and the next
// event on the incident finishes it from where it stopped, never a second branch or file.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { playground } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    await pg.close();
    pg = undefined;
  }
});

const botComments = (p: Playground) =>
  p.sim
    .comments(1)
    .filter((c) => c.user?.login === "hereby[bot]")
    .map((c) => c.body ?? "");
const requestsOf = (p: Playground, operationId: string) =>
  p.sim.requests.filter((r) => r.operationId === operationId).length;

/** The playground's client has no retry plugin: one 502 here stands for GitHub failing
 * through all of Octokit's retries in production. */
async function resolvedWhilePullsFail(failures: number): Promise<Playground> {
  pg = await playground();
  const p = pg;
  await p.openIssue("alice", "Checkout returns 502", "Customers can't pay.", ["incident"]);
  await p.settle();
  p.advance(3);
  for (let i = 0; i < failures; i++) {
    p.sim.failNext({ method: "POST", path: /\/pulls$/ }, { status: 502, applyFirst: false });
  }
  await p.comment("alice", 1, "/resolve");
  await p.settle();
  return p;
}

describe("a postmortem pull request that GitHub fails to open", () => {
  it("tells the incident once that the pull request is pending", async () => {
    const p = await resolvedWhilePullsFail(1);
    expect(p.sim.pulls()).toHaveLength(0);
    const pending = botComments(p).filter((b) => b.includes("hereby:postmortem pending"));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toContain("pending");
    expect(pending[0]).toContain("502");
  });

  it("is opened by the next command on the incident, on the branch and file already written", async () => {
    const p = await resolvedWhilePullsFail(1);
    p.advance(2);
    await p.comment("bob", 1, "/timeline customers confirm checkout works");
    await p.settle();
    expect(p.sim.pulls().map((x) => x.head.ref)).toEqual(["hereby/postmortem-1"]);
    expect(requestsOf(p, "git/create-ref")).toBe(1);
    // The file written before the failure is refreshed with the new entry, not written anew.
    expect(
      p.sim.file("docs/postmortems/2026-11-23-1-checkout-returns-502.md", "hereby/postmortem-1"),
    ).toContain("customers confirm checkout works");
    expect(botComments(p).filter((b) => b.includes("hereby:postmortem opened:"))).toHaveLength(1);
    expect(botComments(p).filter((b) => b.includes("hereby:postmortem pending"))).toHaveLength(1);
  });

  it("says it is pending only once while GitHub keeps failing, then opens it", async () => {
    const p = await resolvedWhilePullsFail(1);
    p.sim.failNext({ method: "POST", path: /\/pulls$/ }, { status: 503, applyFirst: false });
    await p.comment("bob", 1, "/timeline still failing");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(0);
    await p.comment("bob", 1, "/timeline now it works");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
    expect(botComments(p).filter((b) => b.includes("hereby:postmortem pending"))).toHaveLength(1);
  });

  it("is opened by a label change on the incident too", async () => {
    const p = await resolvedWhilePullsFail(1);
    await p
      .as("alice")
      .rest.issues.addLabels({ ...p.repo, issue_number: 1, labels: ["severity:critical"] });
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
  });

  it("leaves the incident alone once the pull request exists: later commands read no branch", async () => {
    const p = await resolvedWhilePullsFail(1);
    await p.comment("bob", 1, "/timeline first");
    await p.settle();
    const compares = requestsOf(p, "repos/compare-commits-with-basehead");
    await p.comment("bob", 1, "/timeline second");
    await p.settle();
    expect(requestsOf(p, "repos/compare-commits-with-basehead")).toBe(compares);
    expect(p.sim.pulls()).toHaveLength(1);
  });
});

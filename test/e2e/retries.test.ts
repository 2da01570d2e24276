// GitHub sometimes carries out a write and still answers 5xx. With Octokit's retries on,
// as in production, no comment, reaction or entry may appear twice.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { Playground as PG } from "../../packages/simulator/src/demo/playground.js";
import { PEOPLE, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  expect(pg?.sim.violations ?? []).toEqual([]);
  await pg?.close();
  pg = undefined;
});

async function start(): Promise<Playground> {
  pg = await PG.start({ config: "timezone: UTC\n", people: { ...PEOPLE }, retries: true });
  return pg;
}

const botComments = (p: Playground, n: number, marker: string) =>
  p.sim
    .comments(n)
    .filter((c) => c.user?.login.endsWith("[bot]") && (c.body ?? "").includes(marker));

describe("a write GitHub did but answered 502", () => {
  it("posts the checklist once", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    p.sim.failNext(
      { method: "POST", path: /\/issues\/\d+\/comments$/ },
      { status: 502, applyFirst: true },
    );
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await p.settle();
    expect(botComments(p, n, "hereby:checklist")).toHaveLength(1);
  });

  it("posts a rejection reply once", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    await p.comment("bob", n, "/severity sev9");
    p.sim.failNext(
      { method: "POST", path: /\/issues\/\d+\/comments$/ },
      { status: 502, applyFirst: true },
    );
    await p.settle();
    expect(botComments(p, n, "hereby:rejected")).toHaveLength(1);
  });

  it("reacts once and records the entry once when the reaction and the update are retried", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    const id = await p.comment("bob", n, "/timeline rollback started");
    p.sim.failNext({ method: "POST", path: /\/reactions$/ }, { status: 502, applyFirst: true });
    p.sim.failNext({ method: "PATCH", path: /\/issues\/\d+$/ }, { status: 502, applyFirst: true });
    await p.settle();
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["+1"]);
    expect(
      recordRows(p.sim.issue(n).body).filter((r) => r.includes("rollback started")),
    ).toHaveLength(1);
  });
});

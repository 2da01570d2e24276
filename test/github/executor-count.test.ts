// The executor counts every request its writes make, as the rate limit sees them: the
// look for a comment whose POST failed and its second POST, a withdrawn duplicate's
// DELETE, and each step of the postmortem's compound write. The
// Action's `writes` output and the dry run's printout are this count.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { inOrder, together } from "../../src/core/plan.js";
import { Executor } from "../../src/github/executor.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

async function started(retries = false) {
  pg = await Playground.start({ people: { alice: "write" }, retries });
  const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
  pg.sim.takeDeliveries();
  return { p: pg, n };
}

/** The bot's requests the simulator saw since `from`, as the rate limit counts them. */
const botRequests = (p: Playground, from: number) =>
  p.sim.requests.slice(from).filter((r) => r.actor === "hereby[bot]");
const writesIn = (p: Playground, from: number) =>
  botRequests(p, from).filter((r) => r.method !== "GET").length;

const reply = (issue: number) => ({
  type: "comment" as const,
  issue,
  body: "<!-- hereby:help 1 -->\nHelp",
  marker: "<!-- hereby:help 1 -->",
});

describe("the executor's request count", () => {
  it("counts a comment POST that failed, the look for it and the second POST", async () => {
    const { p, n } = await started();
    p.sim.failNext(
      { method: "POST", path: /\/issues\/\d+\/comments$/ },
      { status: 502, applyFirst: false },
    );
    const executor = new Executor(p.bot, p.repo);
    const from = p.sim.requests.length;
    await executor.apply(inOrder([reply(n)]));
    expect(p.sim.comments(n).filter((c) => c.body?.includes("hereby:help 1"))).toHaveLength(1);
    expect(executor.counter.writes).toBe(2);
    expect(executor.counter.writes).toBe(writesIn(p, from));
    expect(executor.counter.requests).toBe(botRequests(p, from).length);
  });

  it("counts the writes after a 304 (Octokit's retry plugin marks later requests as retried)", async () => {
    const { p, n } = await started(true);
    await p.bot.rest.issues.get({ ...p.repo, issue_number: n });
    expect((await p.bot.rest.issues.get({ ...p.repo, issue_number: n })).status).toBe(304);
    const executor = new Executor(p.bot, p.repo);
    const from = p.sim.requests.length;
    await executor.apply(
      inOrder([{ type: "updateIssue", issue: n, body: "502s, rolled back" }, reply(n)]),
    );
    expect(executor.counter.writes).toBe(writesIn(p, from));
    expect(executor.counter.writes).toBe(2);
  });

  it("counts the DELETE of a duplicate it withdrew", async () => {
    const { p, n } = await started();
    // Another handler posted the same marked comment first.
    await p.bot.rest.issues.createComment({ ...p.repo, issue_number: n, body: reply(n).body });
    const executor = new Executor(p.bot, p.repo);
    const from = p.sim.requests.length;
    await executor.apply(inOrder([reply(n)]));
    expect(p.sim.comments(n).filter((c) => c.body?.includes("hereby:help 1"))).toHaveLength(1);
    expect(botRequests(p, from).map((r) => r.method)).toEqual(["POST", "GET", "DELETE"]);
    expect(executor.counter.writes).toBe(2);
  });

  it("counts each request of the postmortem's compound write, and its dry run the same", async () => {
    const { p, n } = await started();
    const { data: main } = await p.bot.rest.git.getRef({ ...p.repo, ref: "heads/main" });
    const write = {
      type: "publishPostmortem" as const,
      incident: n,
      branch: `postmortem/${n}`,
      base: "main",
      createBranchAt: main.object.sha,
      file: {
        path: `postmortems/${n}.md`,
        content: "# Postmortem\n",
        message: "Postmortem",
        sha: null,
      },
      pull: { title: "Postmortem", body: `For #${n}`, reviewers: ["alice"] },
    };
    // The reviewer is asked by its own write, once the pull request has its number.
    const review = (pull: number) => ({
      type: "requestReviewers" as const,
      pull,
      reviewers: ["alice"],
    });
    const dry = new Executor(p.bot, p.repo, { dryRun: true });
    await dry.apply(inOrder([write, review(0)]));
    const executor = new Executor(p.bot, p.repo);
    const from = p.sim.requests.length;
    await executor.apply(inOrder([write]));
    expect(executor.counter.writes).toBe(3);
    await executor.apply(inOrder([review(executor.opened[0]!.number)]));
    expect(executor.counter.writes).toBe(4);
    expect(executor.counter.writes).toBe(writesIn(p, from));
    expect(dry.counter.writes).toBe(4);
  });

  it("takes back a 👍 given with a PATCH that failed", async () => {
    const { p, n } = await started();
    const id = await p.comment("alice", n, "/timeline rolled back");
    p.sim.failNext(
      { method: "PATCH", path: new RegExp(`/issues/${n}$`) },
      { status: 422, applyFirst: false },
    );
    const executor = new Executor(p.bot, p.repo);
    const batch = executor.apply(
      together([
        { type: "updateIssue", issue: n, body: "record" },
        { type: "react", commentId: id, content: "+1" },
      ]),
    );
    await expect(batch).rejects.toMatchObject({ status: 422 });
    expect(p.sim.reactions(id)).toEqual([]);
  });
});

// What a command costs in reads on a big incident: the history is read in full once, and
// the read-back after writing reads only what can have changed since.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { readIssueSnapshot } from "../../src/github/read-issue.js";
import { countRequests, tally } from "../../bench/counting.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

async function bigIncident(comments: number): Promise<{ p: Playground; n: number }> {
  const p = await Playground.start({
    config: "timezone: UTC\n",
    people: { alice: "write", bob: "write" },
  });
  pg = p;
  const n = await p.openIssue("alice", "Checkout returns 502", "Customers can't pay.", [
    "incident",
  ]);
  await p.settle();
  for (let i = 0; i < comments; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, comments - i) }, (_, j) =>
        p.comment("alice", n, `chatter ${i + j}`),
      ),
    );
  }
  p.sim.takeDeliveries();
  return { p, n };
}

const timelinePages = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === "GET" && r.path.endsWith("/timeline")).length;

describe("reads on a big incident", () => {
  it(
    "a command on a 1,200-comment incident reads the timeline in full once",
    { timeout: 120_000 },
    async () => {
      const { p, n } = await bigIncident(1200);
      const stamped = countRequests(p.bot);
      const before = p.sim.requests.length;
      p.advance(1);
      await p.comment("bob", n, "/timeline rolled back");
      await p.settle();
      const made = p.sim.requests.slice(before).filter((r) => r.actor !== "bob");
      const reads = made.filter((r) => r.method === "GET");
      if (process.env["HEREBY_READS"])
        console.log(made.map((r) => `${r.status} ${r.method} ${r.path}${r.query}`).join("\n"));
      // 1,200 comments and a few events: 13 pages of 100, read once, plus the tail again
      // (with 3,000 comments: 32 pages and 37 reads, down from 62 and 66).
      expect(timelinePages(made)).toBeLessThanOrEqual(14);
      expect(reads.length).toBeLessThanOrEqual(19);
      expect(p.sim.issue(n).body).toContain("rolled back");
      // The command budget, against the rate limit: a small incident's figure (6 here, bob's
      // permission read for the first time) plus one page per 100 comments, plus one: the
      // lean read-back asks for the comments edited since as well as the last page.
      expect(tally(stamped).rateLimited).toBeLessThanOrEqual(6 + 1200 / 100 + 1);
    },
  );

  it(
    "the lean read-back sees what a full read sees: new, edited and deleted comments",
    { timeout: 120_000 },
    async () => {
      const { p, n } = await bigIncident(450);
      const first = await readIssueSnapshot(p.bot, p.repo, n);
      const old = first.comments[10]!;
      p.advance(1);
      await p.as("alice").rest.issues.updateComment({
        ...p.repo,
        comment_id: old.id,
        body: "/timeline edited later",
      });
      await p.comment("bob", n, "/timeline new");
      const before = p.sim.requests.length;
      const lean = await readIssueSnapshot(p.bot, p.repo, n, { after: first });
      expect(timelinePages(p.sim.requests.slice(before))).toBe(1);
      const full = await readIssueSnapshot(p.bot, p.repo, n);
      expect(lean).toEqual(full);
      expect(lean.comments.find((c) => c.id === old.id)?.body).toBe("/timeline edited later");

      await p
        .as("alice")
        .rest.issues.deleteComment({ ...p.repo, comment_id: first.comments[5]!.id });
      const afterDelete = await readIssueSnapshot(p.bot, p.repo, n, { after: lean });
      expect(afterDelete).toEqual(await readIssueSnapshot(p.bot, p.repo, n));
    },
  );
});

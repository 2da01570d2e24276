// The review sweep against the simulated GitHub: the exact writes, idempotence, the
// budget, concurrent sweeps.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { interleaved } from "../support/interleave.js";
import { defaultConfig } from "../../src/config.js";
import { runSweep } from "../../src/handlers/sweep.js";
import {
  addItem,
  botCalls,
  botWrites,
  closeItem,
  DAY,
  resolvedIncident,
  reviewIssues,
  sweep,
  sweepContext,
  sweepPlayground,
} from "./support.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

describe("the review sweep", () => {
  it("opens the review at +30 days with one comment listing the open items, then does nothing the same day", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Checkout 502", { planner: "carol" });
    const item = await addItem(p, n, "Alert on gateway errors", "dave");
    p.advance(29 * DAY);
    const early = await sweep(p);
    expect(early.rows).toEqual([]);
    p.advance(DAY);
    const from = p.sim.requests.length;
    const result = await sweep(p);
    expect(botWrites(p, from)).toEqual([
      "POST issues/create",
      "POST issues/create-comment",
      "POST issues/create-comment",
    ]);
    expect(result.reviewsOpened).toBe(1);
    const [review] = reviewIssues(p);
    expect(p.sim.comments(n).at(-1)!.body).toContain(
      `1 action item is still open, so this incident's review is #${review!.number}.`,
    );
    expect(review).toMatchObject({
      title: `Incident review: Checkout 502 (#${n})`,
      state: "open",
      assignees: ["carol"],
    });
    const comments = p.sim.comments(review!.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(
      `#${item} Alert on gateway errors | [dave](https://github.com/dave) | 30 days |`,
    );
    expect(comments[0]!.body).toContain("@carol, please check");

    const again = p.sim.requests.length;
    const second = await sweep(p);
    expect(botWrites(p, again)).toEqual([]);
    expect(second.rows).toEqual([]);
  });
});

describe("the request budget's floor", () => {
  it("reviews one due incident per run when listing the repository takes the whole budget", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Disk full");
    await addItem(p, n, "Alert at 80%", "dave");
    p.advance(31 * DAY);
    // Three listings take 3 requests: a budget of 3 (a large repository's listings at the
    // configured budget) left nothing for any incident.
    const tight = {
      ...defaultConfig,
      timezone: "UTC",
      review: { ...defaultConfig.review, requests_per_run: 3 },
    };
    const result = await runSweep(sweepContext(p), tight);
    expect(result.reviewsOpened).toBe(1);
    expect(result.stopped).toBe(false);
    expect(result.notes.join("\n")).toContain(
      "review.requests_per_run is 3, but listing this repository took 3 requests: this run allows 20",
    );
  });
});

describe("due dates", () => {
  it("count from the first resolution hereby recorded, not from a later close that moved closed_at", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Cache stampede");
    await addItem(p, n, "Jitter the TTLs", "dave");
    p.advance(20 * DAY);
    // Someone reopens and closes it again by hand: GitHub's closed_at is now day 20.
    const carol = p.as("carol");
    await carol.rest.issues.update({ ...p.repo, issue_number: n, state: "open" });
    await p.settle();
    await carol.rest.issues.update({
      ...p.repo,
      issue_number: n,
      state: "closed",
      state_reason: "completed",
    });
    await p.settle();
    expect(Date.parse(p.sim.issue(n).closed_at ?? "")).toBeGreaterThan(
      Date.parse("2026-01-15T00:00:00Z"),
    );
    p.advance(10 * DAY);
    const result = await sweep(p);
    expect(result.reviewsOpened).toBe(1);
    expect(result.rows[0]).toMatchObject({ incident: n, outcome: "opened" });
  });
});

describe("close-out", () => {
  it("closes the review and sets status:complete once every item is closed, counting not planned as closed", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Queue backlog");
    const a = await addItem(p, n, "Add queue alarm", "dave");
    const b = await addItem(p, n, "Rewrite the consumer", "bob");
    p.advance(30 * DAY);
    await sweep(p);
    const [review] = reviewIssues(p);
    expect(review!.assignees).toEqual(["bob"]); // no planning role: the lead
    await closeItem(p, a);
    await closeItem(p, b, "not_planned");
    await p.comment("bob", b, "The consumer is retired in Q1: not worth rewriting.");
    p.advance(30 * DAY);
    const from = p.sim.requests.length;
    const result = await sweep(p);
    expect(result.reviewsClosed).toBe(1);
    expect(botWrites(p, from)).toEqual([
      "POST issues/create-comment",
      "PATCH issues/update", // review closed
      "PATCH issues/update", // incident: status:complete
      "PATCH issues/update", // the record shows it
    ]);
    expect(reviewIssues(p)[0]).toMatchObject({ state: "closed" });
    const last = p.sim.comments(review!.number).at(-1)!.body ?? "";
    expect(last).toContain(
      `#${b} Rewrite the consumer: not planned: The consumer is retired in Q1: not worth rewriting.`,
    );
    expect(last).toContain(`#${a} Add queue alarm: done`);
    const incident = p.sim.issue(n);
    expect(incident.labels.map((l) => (typeof l === "string" ? l : l.name))).toContain(
      "status:complete",
    );
    expect(incident.body).toContain("| **Status** | complete |");
    expect(incident.body).toContain(`| **Review** | #${review!.number} |`);
    expect(incident.body).toContain("Follow-up complete: every action item is closed");
    // A command afterwards keeps the incident complete.
    await p.comment("bob", n, "/timeline lessons shared");
    await p.settle();
    expect(p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name))).toContain(
      "status:complete",
    );
    const again = p.sim.requests.length;
    await sweep(p);
    expect(botWrites(p, again)).toEqual([]);
  });

  it("closes out with a comment on the incident when no items were linked", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Flaky login");
    p.advance(30 * DAY);
    const from = p.sim.requests.length;
    await sweep(p);
    expect(botWrites(p, from)).toEqual([
      "POST issues/create-comment",
      "PATCH issues/update",
      "PATCH issues/update",
    ]);
    expect(reviewIssues(p)).toEqual([]);
    expect(p.sim.comments(n).at(-1)!.body).toContain(`No action items were linked to #${n}`);
  });

  it("an item reopened after close-out brings the incident back into review, and the next cycle reopens the review", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Disk full");
    const a = await addItem(p, n, "Disk alarm", "dave");
    p.advance(30 * DAY);
    await sweep(p);
    await closeItem(p, a);
    p.advance(30 * DAY);
    await sweep(p);
    await p.as("alice").rest.issues.update({ ...p.repo, issue_number: a, state: "open" });
    await p.settle();
    p.advance(DAY);
    const back = await sweep(p);
    expect(back.rows.map((r) => r.outcome)).toEqual(["back-in-review"]);
    const labels = () => p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name));
    expect(labels()).toContain("status:resolved");
    expect(p.sim.issue(n).body).toContain("Back in review: an action item is open again");
    p.advance(29 * DAY);
    const next = await sweep(p);
    expect(next.rows.map((r) => r.outcome)).toEqual(["reopened"]);
    expect(reviewIssues(p)[0]).toMatchObject({ state: "open" });
  });
});

describe("review issues changed by hand", () => {
  it("a review closed by hand while items are open is reopened by the next cycle; a renamed one is kept", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Cache stampede");
    await addItem(p, n, "Jitter the TTLs");
    p.advance(30 * DAY);
    await sweep(p);
    const [review] = reviewIssues(p);
    await p.as("alice").rest.issues.update({
      ...p.repo,
      issue_number: review!.number,
      state: "closed",
      title: "Cache review (ours)",
    });
    await p.settle();
    p.advance(DAY);
    const quiet = p.sim.requests.length;
    await sweep(p);
    expect(botWrites(p, quiet)).toEqual([]);
    p.advance(29 * DAY);
    const from = p.sim.requests.length;
    await sweep(p);
    expect(botWrites(p, from)).toEqual(["PATCH issues/update", "POST issues/create-comment"]);
    expect(reviewIssues(p)).toMatchObject([
      { number: review!.number, state: "open", title: "Cache review (ours)" },
    ]);
    const cycles = p.sim
      .comments(review!.number)
      .filter((c) => (c.body ?? "").includes("hereby:cycle"));
    expect(cycles.map((c) => /### Review (\d+)/.exec(c.body ?? "")?.[1])).toEqual(["1", "2"]);
  });
});

describe("dry run", () => {
  it("prints the plan and writes nothing", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Search down");
    await addItem(p, n, "Index health check");
    p.advance(30 * DAY);
    const from = p.sim.requests.length;
    const result = await sweep(p, { dryRun: true });
    expect(botWrites(p, from)).toEqual([]);
    expect(result.writes.map((w) => w.type)).toEqual(["createIssue"]);
    expect(result.rows[0]!.done).toBe("would be review opened");
  });
});

describe("the request budget", () => {
  it("stops before the budget is spent and the next run continues, oldest due first", async () => {
    pg = await sweepPlayground("timezone: UTC\nreview:\n  requests_per_run: 25\n");
    const p = pg;
    const incidents: number[] = [];
    for (const title of ["One", "Two", "Three", "Four"]) {
      const n = await resolvedIncident(p, title);
      await addItem(p, n, `Fix ${title}`);
      incidents.push(n);
      p.advance(60);
    }
    p.advance(30 * DAY);
    const handled: number[][] = [];
    for (let run = 0; run < 6; run++) {
      const result = await sweep(p);
      expect(result.requests).toBeLessThanOrEqual(25);
      handled.push(result.rows.filter((r) => r.outcome === "opened").map((r) => r.incident));
      if (!result.stopped) break;
      expect(result.rows.at(-1)!.outcome).toBe("not reached");
    }
    expect(handled.length).toBeGreaterThan(1);
    expect(handled[0]).toEqual(incidents.slice(0, handled[0]!.length));
    expect(handled.flat()).toEqual(incidents);
    expect(reviewIssues(p)).toHaveLength(4);
  });
});

describe("two sweeps at once (App replicas)", () => {
  it("leave one review issue and one cycle comment (property)", async () => {
    await fc.assert(fc.asyncProperty(fc.scheduler(), twoSweepsAtOnce), { numRuns: 3 });
    void botCalls;
  });
});

/** Two sweeps at once, their requests let through in an order drawn by the scheduler. */
async function twoSweepsAtOnce(s: fc.Scheduler): Promise<void> {
  pg = await sweepPlayground();
  const p = pg;
  const n = await resolvedIncident(p, "Payments timeout");
  await addItem(p, n, "Timeout budget");
  p.advance(30 * DAY);
  await interleaved(p.sim, s, () => Promise.all([sweep(p), sweep(p)]));
  const open = reviewIssues(p).filter((r) => r.state === "open");
  expect(open).toHaveLength(1);
  const cycles = p.sim
    .comments(open[0]!.number)
    .filter((c) => (c.body ?? "").includes("hereby:cycle"));
  expect(cycles).toHaveLength(1);
  for (const dup of reviewIssues(p).filter((r) => r.state === "closed"))
    expect(p.sim.issue(dup.number).state_reason).toBe("duplicate");
  const from = p.sim.requests.length;
  await sweep(p);
  expect(botWrites(p, from)).toEqual([]);
  await p.close();
  expect(p.sim.violations).toEqual([]);
  pg = undefined;
}

describe("failures and races on a review that exists", () => {
  it("two sweeps at once on the second cycle leave one comment for it", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Slow search");
    await addItem(p, n, "Shard the index");
    p.advance(30 * DAY);
    await sweep(p);
    p.advance(30 * DAY);
    p.sim.latency = (req) => (req.method === "POST" ? 20 : 3);
    await Promise.all([sweep(p), sweep(p)]);
    p.sim.latency = () => 0;
    const [review] = reviewIssues(p);
    const cycles = p.sim
      .comments(review!.number)
      .map((c) => /hereby:cycle (\S+)/.exec(c.body ?? "")?.[1])
      .filter(Boolean);
    expect(cycles).toEqual([`${n}:1`, `${n}:2`]);
  });

  it("a 502 on opening the review (GitHub opened it anyway) leaves one review", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Cart empty");
    await addItem(p, n, "Session store alarm");
    p.advance(30 * DAY);
    p.sim.failNext({ method: "POST", path: /\/issues$/ }, { status: 502, applyFirst: true });
    await sweep(p);
    expect(reviewIssues(p)).toHaveLength(1);
    expect(
      p.sim
        .comments(reviewIssues(p)[0]!.number)
        .filter((c) => (c.body ?? "").includes("hereby:cycle")),
    ).toHaveLength(1);
  });
});

// A whole incident through the real handlers against the simulated GitHub, every request
// checked against GitHub's OpenAPI description (the simulator records violations).
import { afterEach, describe, expect, it } from "vitest";
import type { Delivery, Playground } from "../../packages/simulator/src/demo/playground.js";
import fc from "fast-check";
import { reviewIssues, sweep } from "../sweep/support.js";
import { actLifecycle, actPostmortem, POSTMORTEM_FILE } from "./support.js";
import { interleaved } from "../support/interleave.js";
import { playground, recordRows, visible } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

async function cleanRun() {
  pg = await playground();
  const p = pg;
  const n = await actLifecycle(p, async (ds) => {
    for (const d of ds) await p.handle(d);
  });
  return { pg: p, n };
}

describe("an incident's lifecycle", () => {
  it("goes from declaration to resolution as a user expects", async () => {
    const { pg: p, n } = await cleanRun();
    const seen = visible(p, n);
    expect(seen.labels).toEqual(["incident", "severity:major", "status:resolved"]);
    expect(seen.assignees).toEqual(["bob"]);
    expect(seen.state).toBe("closed");
    expect(seen.stateReason).toBe("completed");
    // People are profile links: nothing hidden comes along when the record is copied.
    expect(seen.body).not.toContain("\u200B");
    expect(
      seen.body?.startsWith(
        "Customers can't pay.\r\n\r\nSee ticket 4411.\n\n<!-- hereby:start -->",
      ),
    ).toBe(true);
    expect(
      recordRows(seen.body).map((r) =>
        r
          .split(" | ")
          .slice(1, 2)[0]
          ?.replace(/ \[↗\].*/, ""),
      ),
    ).toEqual([
      "Incident declared",
      "pager fired",
      "Severity set to critical",
      "Lead: @[bob](https://github.com/bob)",
      "rollback started",
      "Communications: @[carol](https://github.com/carol)",
      "Operations: @[dave](https://github.com/dave)",
      "Status set to identified: bad config push",
      "Summary updated",
      "Severity set to major (label changed by hand)",
      "Resolved: error rate at baseline",
      "Postmortem opened: #2",
    ]);
    expect(seen.body).toContain("**Summary:** EU checkout failed after a config push");
    const bot = seen.botComments;
    expect(bot.filter((b) => b.includes("hereby:checklist"))).toHaveLength(1);
    expect(bot.filter((b) => b.includes("hereby:refused"))).toHaveLength(1);
    expect(bot.filter((b) => b.includes("hereby:postmortem opened:2"))).toHaveLength(1);
    expect(bot).toHaveLength(3);
    // Every request is one GitHub's description lists (afterEach checks the violations);
    // this pins which ones, so a new kind of call is a deliberate change.
    const used = new Set(
      p.sim.requests.filter((r) => r.actor.endsWith("[bot]")).map((r) => r.operationId),
    );
    expect([...used].sort()).toEqual([
      // What changed around the incident, offered on declaration.
      "actions/list-workflow-runs-for-repo",
      "git/create-ref",
      "git/get-ref",
      "issues/create-comment",
      "issues/create-label",
      "issues/get",
      "issues/list-comments",
      "issues/list-events-for-timeline",
      "issues/list-labels-for-repo",
      "issues/list-sub-issues",
      "issues/update",
      "pulls/create",
      "pulls/list",
      "pulls/request-reviewers",
      "reactions/create-for-issue-comment",
      "repos/create-or-update-file-contents",
      // No repos/get: the deliveries name the default branch.
      "repos/get-collaborator-permission-level",
      "repos/get-content",
      "repos/list-deployments",
      "repos/list-releases",
    ]);
  });

  it("continues past /resolve: the postmortem is opened, edited by a person, and merged", async () => {
    const { pg: p, n } = await cleanRun();
    const pull = p.sim.pulls()[0]!;
    expect(pull.title).toBe("Postmortem: Checkout returns 502 (#1)");
    expect(pull.requested_reviewers?.map((r) => r.login)).toEqual(["bob"]);
    await actPostmortem(p, n, async (ds) => {
      for (const d of ds) await p.handle(d);
    });
    // carol's edit stands; hereby said what it would have changed instead of writing.
    const merged = p.sim.file(POSTMORTEM_FILE) ?? "";
    expect(merged).toContain("A config push reached every region at once");
    expect(p.sim.pulls()).toHaveLength(1);
    expect(p.sim.pulls()[0]?.merged).toBe(true);
    const seen = visible(p, n);
    const diff = seen.botComments.find((b) => b.includes("hereby:postmortem diff:")) ?? "";
    expect(diff).toMatch(/\n\+\| 2026-11-23 \d\d:\d\d \| refunds issued to affected customers/);
    expect(seen.botComments.filter((b) => b.includes("hereby:postmortem merged:2"))).toHaveLength(
      1,
    );
    expect(seen.body).toContain("| **Postmortem** | #2 (merged) |");
    expect(recordRows(seen.body).at(-1)).toContain("Postmortem merged: #2");
  });

  it("after resolution: action items, a review at +30 days, and the close-out when every item is closed", async () => {
    const { pg: p, n } = await cleanRun();
    p.advance(10);
    await p.comment(
      "bob",
      n,
      "/action Alert on config pushes @dave\n/action Review config ownership @carol",
    );
    await p.settle();
    const items = p.sim.subIssues(n).map((i) => i.number);
    expect(items).toHaveLength(2);
    p.advance(30 * 24 * 60);
    expect((await sweep(p)).rows.map((r) => r.outcome)).toEqual(["opened"]);
    const [review] = reviewIssues(p);
    expect(review).toMatchObject({
      title: `Incident review: Checkout returns 502 (#${n})`,
      state: "open",
      assignees: ["bob"],
    });
    await p.as("dave").rest.issues.update({ ...p.repo, issue_number: items[0]!, state: "closed" });
    // Closed as not planned with a reason on the item: the close-out needs one.
    await p.comment("carol", items[1]!, "Ownership moved to the platform team's own review.");
    await p.as("carol").rest.issues.update({
      ...p.repo,
      issue_number: items[1]!,
      state: "closed",
      state_reason: "not_planned",
    });
    await p.settle();
    p.advance(30 * 24 * 60);
    expect((await sweep(p)).rows.map((r) => r.outcome)).toEqual(["closed"]);
    expect(reviewIssues(p)[0]).toMatchObject({ state: "closed" });
    expect(visible(p, n).labels).toEqual(["incident", "severity:major", "status:complete"]);
    p.advance(24 * 60);
    const from = p.sim.requests.length;
    await sweep(p);
    expect(p.sim.requests.slice(from).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("reaches the same issue when every delivery arrives twice", async () => {
    const clean = await cleanRun();
    const expected = visible(clean.pg, clean.n);
    await clean.pg.close();
    pg = await playground();
    const p = pg;
    const n = await actLifecycle(p, async (ds) => {
      for (const d of ds) {
        await p.handle(d);
        await p.handle(d);
      }
    });
    expect(visible(p, n)).toEqual(expected);
  });

  it("reaches the same issue when deliveries of independent comments are reordered", async () => {
    const run = async (order: (ds: Delivery[]) => Delivery[]) => {
      const p = await playground();
      const n = await p.openIssue("alice", "Search is slow", "p99 is 8s", ["incident"]);
      for (const d of p.sim.takeDeliveries()) await p.handle(d);
      const bodies = [
        "/timeline cache cold",
        "/role comms @carol",
        "/severity minor",
        "/timeline index rebuilt",
        "/summary slow search",
        "/role scribe @dave",
      ];
      for (const [i, body] of bodies.entries()) {
        p.advance(1);
        await p.comment(i % 2 ? "carol" : "bob", n, body);
      }
      for (const d of order(p.sim.takeDeliveries())) await p.handle(d);
      for (const d of p.sim.takeDeliveries()) await p.handle(d);
      return { p, n };
    };
    const inOrder = await run((ds) => ds);
    const expected = visible(inOrder.p, inOrder.n);
    expect(inOrder.p.sim.violations).toEqual([]);
    await inOrder.p.close();
    const orders = fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6 });
    await fc.assert(
      fc.asyncProperty(orders, async (order) => {
        const shuffled = await run((ds) => order.map((i) => ds[i]!));
        pg = shuffled.p;
        expect(visible(shuffled.p, shuffled.n)).toEqual(expected);
        await shuffled.p.close();
        expect(shuffled.p.sim.violations).toEqual([]);
        pg = undefined;
      }),
      { numRuns: 3 },
    );
  });
});

describe("concurrent commands", () => {
  // One request at a time, 120 to 210 per run: five runs take 15 to 25 s on a busy machine.
  it(
    "keeps every entry when command comments are handled at once (property)",
    { timeout: 60_000 },
    async () => {
      // Every request waits until fast-check's scheduler lets it through, so the handlers'
      // reads and writes cross each other and the comments still being posted in an order
      // drawn from the seed: early handlers read an issue that lacks later comments, and a
      // write made from an early, stale read can land after handlers that saw them.
      const property = fc.asyncProperty(fc.constantFrom(8, 12), fc.scheduler(), handledAtOnce);
      await fc.assert(property, { numRuns: 5 });
    },
  );
});

async function handledAtOnce(count: number, s: fc.Scheduler): Promise<void> {
  pg = await playground();
  const p = pg;
  const n = await p.openIssue("alice", "Login failures", "SSO errors", ["incident"]);
  for (const d of p.sim.takeDeliveries()) await p.handle(d);
  await interleaved(p.sim, s, async () => {
    const running: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      p.advance(1);
      await p.comment(i % 2 ? "bob" : "carol", n, `/timeline step ${i}`);
      for (const d of p.sim.takeDeliveries()) running.push(p.handle(d));
    }
    await Promise.all(running);
  });
  const rows = recordRows(p.sim.issue(n).body).join("\n");
  const missing = Array.from({ length: count }, (_, i) => i).filter(
    (i) => !rows.includes(`step ${i} `),
  );
  expect(missing, "timeline entries lost to a concurrent write").toEqual([]);
  const reactions = p.sim
    .comments(n)
    .filter((c) => !c.user?.login.endsWith("[bot]"))
    .map((c) => p.sim.reactions(c.id).length);
  expect(reactions).toEqual(Array(count).fill(1));
  await p.close();
  expect(p.sim.violations).toEqual([]);
  pg = undefined;
}

describe("edits", () => {
  it("a comment fixed by an edit, and broken again, shows one verdict at a time", async () => {
    pg = await playground();
    const p = pg;
    const n = await p.openIssue("alice", "Queue backlog", "jobs stuck", ["incident"]);
    await p.settle();
    const id = await p.comment("bob", n, "/severity sev9");
    await p.settle();
    const mine = () => p.sim.reactions(id).map((r) => r.content);
    expect(mine()).toEqual(["confused"]);
    p.advance(1);
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/severity critical" });
    await p.settle();
    expect(mine()).toEqual(["+1"]);
    expect(visible(p, n).labels).toContain("severity:critical");
    p.advance(1);
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/severity sev10" });
    await p.settle();
    expect(mine()).toEqual(["confused"]);
    expect(visible(p, n).labels).toContain("severity:major");
  });

  it("an edit that takes back a /lead gives the lead back and unassigns only whom hereby assigned", async () => {
    pg = await playground();
    const p = pg;
    const n = await p.openIssue("alice", "Queue backlog", "jobs stuck", ["incident"]);
    await p.settle();
    await p
      .as("alice")
      .rest.issues.addAssignees({ ...p.repo, issue_number: n, assignees: ["dave"] });
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @carol");
    await p.settle();
    expect(visible(p, n).assignees).toEqual(["carol", "dave"]);
    p.advance(1);
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/timeline handing over" });
    await p.settle();
    const seen = visible(p, n);
    expect(seen.assignees).toEqual(["alice", "dave"]);
    expect(seen.body).toContain("| **Lead** | [alice](https://github.com/alice) |");
    expect(recordRows(seen.body).join("\n")).toContain("handing over");
  });
});

describe("the same delivery handled twice at once (two App replicas)", () => {
  it("leaves one checklist and one reply", async () => {
    pg = await playground();
    const p = pg;
    const n = await p.openIssue("alice", "Payments failing", "EU only");
    await p.settle();
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    const [labeled] = p.sim.takeDeliveries();
    if (!labeled) throw new Error("no delivery");
    await Promise.all([p.handle(labeled), p.handle(labeled)]);
    await p.settle();
    await p.comment("bob", n, "/severity sev9");
    const [comment] = p.sim.takeDeliveries();
    if (!comment) throw new Error("no delivery");
    await Promise.all([p.handle(comment), p.handle(comment)]);
    await p.settle();
    const bot = visible(p, n).botComments;
    expect(bot.filter((b) => b.includes("hereby:checklist"))).toHaveLength(1);
    expect(bot.filter((b) => b.includes("hereby:rejected"))).toHaveLength(1);
  });
});

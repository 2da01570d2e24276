// Close-out only when the work is done: an action item closed as not planned needs a
// reason (a comment on it, or `/action wontfix #N <reason>` on the incident). Until each
// has one, the review lists those without and the incident stays in review; the close-out
// lists every item with how it ended.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import {
  addItem,
  closeItem,
  DAY,
  resolvedIncident,
  reviewIssues,
  sweep,
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

const labelsOf = (p: Playground, n: number) =>
  p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name));
const lastComment = (p: Playground, n: number) => p.sim.comments(n).at(-1)?.body ?? "";

describe("closing out a review", () => {
  it("keeps the incident in review while an item closed as not planned has no reason, then closes out with it", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Queue backlog");
    const a = await addItem(p, n, "Add queue alarm", "dave");
    const b = await addItem(p, n, "Rewrite the consumer", "bob");
    p.advance(30 * DAY);
    await sweep(p);
    const review = reviewIssues(p)[0]!;
    await closeItem(p, a);
    await closeItem(p, b, "not_planned");

    p.advance(30 * DAY);
    const second = await sweep(p);
    expect(second.reviewsClosed).toBe(0);
    expect(labelsOf(p, n)).toContain("status:resolved");
    expect(lastComment(p, review.number)).toContain("Closed as not planned without a reason (1)");
    expect(lastComment(p, review.number)).toContain(
      `#${b} Rewrite the consumer: comment on it why, or \`/action wontfix #${b} <reason>\` on #${n}`,
    );

    await p.comment("bob", n, `/action wontfix #${b} the consumer is retired in Q1`);
    await p.settle();
    expect(lastComment(p, b)).toContain("**Reason:** the consumer is retired in Q1");
    expect(p.sim.issue(b)).toMatchObject({ state: "closed", state_reason: "not_planned" });

    p.advance(30 * DAY);
    const third = await sweep(p);
    expect(third.reviewsClosed).toBe(1);
    expect(labelsOf(p, n)).toContain("status:complete");
    const closeOut = lastComment(p, review.number);
    expect(closeOut).toContain(`#${a} Add queue alarm: done`);
    expect(closeOut).toContain(
      `#${b} Rewrite the consumer: not planned: the consumer is retired in Q1`,
    );
  });

  it("closes an open item as not planned with /action wontfix, and refuses an issue that is not the incident's item", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Queue backlog");
    const a = await addItem(p, n, "Add queue alarm", "dave");
    const stranger = await p.openIssue("alice", "Unrelated", "x");
    await p.settle();
    await p.comment("bob", n, `/action wontfix #${a} covered by the platform alarms`);
    await p.settle();
    expect(p.sim.issue(a)).toMatchObject({ state: "closed", state_reason: "not_planned" });
    await p.comment("bob", n, `/action wontfix #${stranger} nope`);
    await p.settle();
    expect(lastComment(p, n)).toContain(`#${stranger} is not an action item of #${n}`);
    expect(p.sim.issue(stranger).state).toBe("open");
    await p.comment("bob", n, `/action wontfix #${a}`);
    await p.settle();
    expect(lastComment(p, n)).toContain("missing reason");
  });
});

// The review sweep against the simulated GitHub: the exact writes, idempotence, the
// budget, concurrent sweeps.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../src/demo/playground.js";
import { addItem, botCalls, botWrites, closeItem, DAY, resolvedIncident, reviewIssues, sweep, sweepPlayground } from "./support.js";

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
    expect(botWrites(p, from)).toEqual(["POST issues/create", "POST issues/create-comment"]);
    expect(result.reviewsOpened).toBe(1);
    const [review] = reviewIssues(p);
    expect(review).toMatchObject({ title: `Incident review: Checkout 502 (#${n})`, state: "open", assignees: ["carol"] });
    const comments = p.sim.comments(review!.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`#${item} Alert on gateway errors | \`@dave\` | 30 days |`);
    expect(comments[0]!.body).toContain("@carol, please check");

    const again = p.sim.requests.length;
    const second = await sweep(p);
    expect(botWrites(p, again)).toEqual([]);
    expect(second.rows).toEqual([]);
  });
});

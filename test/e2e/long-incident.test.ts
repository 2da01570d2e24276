// An incident whose timeline passes a page (100 items) keeps recording commands. The App
// re-reads unchanged pages with their ETag; a page that was full, and stays the same when
// the 101st item lands on the next one, answers 304, and only that 304's Link says there
// is a next page now.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { PEOPLE, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

describe("an incident with more than a page of timeline", () => {
  it("records every /timeline as its timeline grows past 100 items", async () => {
    pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE } });
    const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await pg.settle();
    const before = recordRows(pg.sim.issue(n).body).length;
    for (let i = 1; i <= 110; i++) {
      pg.advance(1);
      await pg.comment("bob", n, `/timeline step ${i}`);
      const results = await pg.settle();
      expect(results[0]?.notes ?? [], `step ${i}`).not.toContain("the comment is gone");
    }
    expect(recordRows(pg.sim.issue(n).body)).toHaveLength(before + 110);
    expect(pg.sim.violations).toEqual([]);
  }, 60_000);
});

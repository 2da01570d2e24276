// The property: whatever the incidents, items and hand changes, a sweep run right after
// another writes nothing, and no incident ever has two open reviews or two comments for
// one cycle. Scenarios come from a seeded generator (replay a failure with its seed).
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../src/demo/playground.js";
import { prng } from "../support/builders.js";
import { addItem, botWrites, closeItem, DAY, resolvedIncident, reviewIssues, sweep, sweepPlayground } from "./support.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations).toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

describe("a second sweep", () => {
  it.each([11, 12, 13, 14, 15])("writes nothing, in a random history (seed %i)", async (seed) => {
    const random = prng(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    pg = await sweepPlayground();
    const p = pg;
    const items: number[] = [];
    for (let i = 0; i < 3; i++) {
      const n = await resolvedIncident(p, `Incident ${i}`, random() < 0.5 ? { planner: "carol" } : {});
      const count = Math.floor(random() * 3);
      for (let k = 0; k < count; k++) items.push(await addItem(p, n, `Item ${i}.${k}`, random() < 0.5 ? "dave" : undefined));
      p.advance(Math.floor(random() * 5) * DAY);
    }
    for (let step = 0; step < 6; step++) {
      p.advance(Math.floor(5 + random() * 30) * DAY);
      const change = random();
      if (change < 0.4 && items.length > 0) await closeItem(p, pick(items), random() < 0.5 ? "completed" : "not_planned");
      else if (change < 0.55 && items.length > 0) {
        await p.as("alice").rest.issues.update({ ...p.repo, issue_number: pick(items), state: "open" });
        await p.settle();
      } else if (change < 0.7 && reviewIssues(p).length > 0) {
        await p.as("alice").rest.issues.update({ ...p.repo, issue_number: pick(reviewIssues(p)).number, state: "closed" });
        await p.settle();
      }
      await sweep(p);
      const from = p.sim.requests.length;
      await sweep(p);
      expect(botWrites(p, from), `seed ${seed}, step ${step}`).toEqual([]);
    }
    const byIncident = new Map<string, number>();
    for (const r of reviewIssues(p).filter((r) => r.state === "open")) {
      const key = /hereby:review (\d+)/.exec(r.body)?.[1] ?? "";
      byIncident.set(key, (byIncident.get(key) ?? 0) + 1);
    }
    expect([...byIncident.values()].every((c) => c === 1)).toBe(true);
    for (const r of reviewIssues(p)) {
      const cycles = p.sim.comments(r.number).flatMap((c) => [...(c.body ?? "").matchAll(/hereby:(?:cycle|closeout) (\S+) /g)].map((m) => m[1]));
      expect(new Set(cycles).size).toBe(cycles.length);
    }
  });
});

// The property: whatever the incidents, items and hand changes, a sweep run right after
// another writes nothing, and no incident ever has two open reviews or two comments for
// one cycle. Histories come from fast-check (a failure shrinks and prints its seed).
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import fc from "fast-check";
import {
  addItem,
  botWrites,
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
    expect(pg.sim.violations).toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

describe("a second sweep", () => {
  it("writes nothing, in a random history (property)", async () => {
    const incident = fc.record({
      planner: fc.boolean(),
      items: fc.array(fc.boolean(), { maxLength: 2 }),
      gapDays: fc.nat({ max: 4 }),
    });
    const step = fc.record({
      days: fc.integer({ min: 5, max: 34 }),
      change: fc.constantFrom("close item", "reopen item", "close review", "none"),
      pick: fc.nat(),
      completed: fc.boolean(),
    });
    const history = fc.record({
      incidents: fc.array(incident, { minLength: 3, maxLength: 3 }),
      steps: fc.array(step, { minLength: 6, maxLength: 6 }),
    });
    await fc.assert(fc.asyncProperty(history, secondSweepWritesNothing), { numRuns: 5 });
    // Five histories of six double sweeps each: slow on a shared, loaded machine.
  }, 90_000);
});

type History = {
  incidents: { planner: boolean; items: boolean[]; gapDays: number }[];
  steps: { days: number; change: string; pick: number; completed: boolean }[];
};

async function secondSweepWritesNothing({ incidents, steps }: History): Promise<void> {
  pg = await sweepPlayground();
  const p = pg;
  const items: number[] = [];
  for (const [i, incident] of incidents.entries()) {
    const n = await resolvedIncident(
      p,
      `Incident ${i}`,
      incident.planner ? { planner: "carol" } : {},
    );
    for (const [k, owned] of incident.items.entries())
      items.push(await addItem(p, n, `Item ${i}.${k}`, owned ? "dave" : undefined));
    p.advance(incident.gapDays * DAY);
  }
  for (const [index, step] of steps.entries()) {
    p.advance(step.days * DAY);
    const reviews = reviewIssues(p);
    if (step.change === "close item" && items.length > 0) {
      await closeItem(
        p,
        items[step.pick % items.length]!,
        step.completed ? "completed" : "not_planned",
      );
    } else if (step.change === "reopen item" && items.length > 0) {
      await p.as("alice").rest.issues.update({
        ...p.repo,
        issue_number: items[step.pick % items.length]!,
        state: "open",
      });
      await p.settle();
    } else if (step.change === "close review" && reviews.length > 0) {
      await p.as("alice").rest.issues.update({
        ...p.repo,
        issue_number: reviews[step.pick % reviews.length]!.number,
        state: "closed",
      });
      await p.settle();
    }
    await sweep(p);
    const from = p.sim.requests.length;
    await sweep(p);
    expect(botWrites(p, from), `step ${index}`).toEqual([]);
  }
  const byIncident = new Map<string, number>();
  for (const r of reviewIssues(p).filter((r) => r.state === "open")) {
    const key = /hereby:review (\d+)/.exec(r.body)?.[1] ?? "";
    byIncident.set(key, (byIncident.get(key) ?? 0) + 1);
  }
  expect([...byIncident.values()].every((c) => c === 1)).toBe(true);
  for (const r of reviewIssues(p)) {
    const cycles = p.sim
      .comments(r.number)
      .flatMap((c) =>
        [...(c.body ?? "").matchAll(/hereby:(?:cycle|closeout) (\S+) /g)].map((m) => m[1]),
      );
    expect(new Set(cycles).size).toBe(cycles.length);
  }
  await p.close();
  expect(p.sim.violations).toEqual([]);
  pg = undefined;
}

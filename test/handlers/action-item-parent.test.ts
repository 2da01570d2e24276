// An action item closed or reopened: hereby asks GitHub for its parent, and refreshes
// the record only when that parent is an incident here. No parent (GitHub answers 404)
// is an ordinary answer, not a failure.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { playground } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    await pg.close();
    pg = undefined;
  }
});

const byHereby = (p: Playground, from: number) =>
  p.sim.requests.slice(from).filter((r) => r.actor !== "dave" && r.actor !== "bob");

describe("an action item closed", () => {
  it("without a parent: one read of the parent, answered 404, and nothing written", async () => {
    pg = await playground();
    const p = pg;
    const item = await p.openIssue("alice", "Alert on 5xx", "loose item", ["incident-action"]);
    await p.settle();
    const before = p.sim.requests.length;
    await p.as("dave").rest.issues.update({ ...p.repo, issue_number: item, state: "closed" });
    const results = await p.settle();
    const parentReads = byHereby(p, before).filter((r) => r.path.endsWith("/parent"));
    expect(parentReads.map((r) => r.status)).toEqual([404]);
    expect(results.at(-1)).toMatchObject({ handled: false, writes: [] });
    expect(results.at(-1)?.notes).toEqual(["an action item without a parent"]);
  });

  it("under an incident: the incident's record shows the item done", async () => {
    pg = await playground();
    const p = pg;
    const n = await p.openIssue("alice", "Checkout 502", "EU customers", ["incident"]);
    await p.settle();
    p.advance(1);
    await p.comment("bob", n, "/action Alert on gateway 5xx @dave");
    await p.settle();
    const [item] = p.sim.subIssues(n);
    const update = { ...p.repo, issue_number: item!.number, state: "closed" as const };
    await p.as("dave").rest.issues.update(update);
    await p.settle();
    expect(p.sim.issue(n).body).toContain(`| #${item!.number} Alert on gateway 5xx | done |`);
    expect(p.sim.violations).toEqual([]);
  });
});

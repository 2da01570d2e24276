// Merging a postmortem pull request turns its open action items into issues under the
// incident, with one comment listing them, once however often the merge is delivered.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { playground } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const POSTMORTEM = `# Postmortem: Checkout 502

## Action items

- [ ] Alert on gateway 5xx @dave
- [ ] Canary deploys
- [ ] Load test the EU region
- [ ] Rotate gateway credentials @carol
- [ ] Already tracked in #1
- [x] Roll back v2.31
`;

describe("a merged postmortem", () => {
  it("opens an issue per open action item, linked under the incident, and comments once", async () => {
    pg = await playground();
    const p = pg;
    const n = await p.openIssue("alice", "Checkout 502", "EU", ["incident"]);
    await p.settle();
    p.sim.seedFile(
      `docs/postmortems/2026-11-23-${n}-checkout-502.md`,
      POSTMORTEM,
      `hereby/postmortem-${n}`,
    );
    // hereby's own pull request (only that one is the postmortem).
    const { data: pr } = await p.bot.rest.pulls.create({
      ...p.repo,
      title: `Postmortem: Checkout 502 (#${n})`,
      head: `hereby/postmortem-${n}`,
      base: "main",
    });
    await p.settle();
    await p.as("alice").rest.pulls.merge({ ...p.repo, pull_number: pr.number });
    const deliveries = p.sim.takeDeliveries();
    expect(
      deliveries.map((d) => `${d.name}.${(d.payload as { action: string }).action}`),
    ).toContain("pull_request.closed");
    for (const d of deliveries) {
      await p.handle(d);
      await p.handle(d);
    }
    await p.settle();
    const items = p.sim.subIssues(n);
    expect(items.map((i) => [i.title, (i.assignees ?? []).map((a) => a.login)])).toEqual([
      ["Alert on gateway 5xx", ["dave"]],
      ["Canary deploys", []],
      ["Load test the EU region", []],
      ["Rotate gateway credentials", ["carol"]],
    ]);
    const comments = p.sim.comments(n).filter((c) => (c.body ?? "").includes("hereby:actions"));
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("Canary deploys: no owner yet: who will take it?");
    expect(comments[0]!.body).toContain("This incident now has 4 open action items. A gentle note");
    expect(p.sim.issue(n).body).toContain("#### Action items");
  });
});

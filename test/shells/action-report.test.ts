// The built Action with `report: true` on workflow_dispatch: the insights report in the
// job summary, no write; a bad `report-since` fails the run naming the input.
import { describe, expect, it } from "vitest";
import { openIncident } from "./support.js";
import { runAction, show, useActionRuns } from "./action-support.js";

const setup = useActionRuns();
const dispatch = {
  name: "workflow_dispatch",
  payload: { inputs: { report: "true" }, ref: "refs/heads/main" },
};

describe("the Action (dist/index.js) with report: true", () => {
  it("writes the insights report to the job summary and nothing to GitHub", async () => {
    const { sim, dir } = await setup();
    await openIncident(sim);
    const before = sim.requests.length;
    const run = await runAction(sim, dir, dispatch, { with: { report: "true" } });
    expect(run.code, show(run)).toBe(0);
    expect(run.summary).toContain("# Incident report: acme/shop");
    expect(run.summary).toContain("**1** incidents, and **0** cancelled");
    expect(run.summary).toContain("```mermaid\nxychart-beta");
    expect(sim.requests.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("fails naming report-since when it is not a date", async () => {
    const { sim, dir } = await setup();
    const run = await runAction(sim, dir, dispatch, {
      with: { report: "true", "report-since": "last month" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'input report-since must be a date like 2026-01-01 or an ISO 8601 time, not "last month"',
    );
  });
});

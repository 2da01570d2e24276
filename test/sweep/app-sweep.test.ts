// The App's sweep over every installation's repositories, as two replicas run it at once.
import { afterEach, describe, expect, it } from "vitest";
import { sweepInstallations, sweepInterval } from "../../src/app-sweep.js";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { createClient } from "../../src/github/client.js";
import {
  addItem,
  botWrites,
  DAY,
  resolvedIncident,
  reviewIssues,
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

function replica(p: Playground) {
  const app = createClient({
    token: "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjkwMDAwMX0.c2ln",
    baseUrl: p.sim.url,
    retries: false,
    throttle: false,
  });
  return sweepInstallations({
    app,
    installation: async () =>
      createClient({ token: p.sim.botToken, baseUrl: p.sim.url, retries: false, throttle: false }),
    clock: () => p.clock(),
    log: { info: () => {}, warn: () => {} },
    self: "hereby[bot]",
  });
}

describe("the App's sweep", () => {
  it("sweeps every installation's repositories; two replicas at once leave one review and one cycle comment", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Webhooks delayed");
    await addItem(p, n, "Queue depth alert", "dave");
    p.advance(30 * DAY);
    p.sim.latency = (req) => (req.method === "POST" ? 15 : 2);
    const [a, b] = await Promise.all([replica(p), replica(p)]);
    p.sim.latency = () => 0;
    expect(a.repositories + b.repositories).toBe(2);
    const open = reviewIssues(p).filter((r) => r.state === "open");
    expect(open).toHaveLength(1);
    expect(
      p.sim.comments(open[0]!.number).filter((c) => (c.body ?? "").includes("hereby:cycle")),
    ).toHaveLength(1);
    const from = p.sim.requests.length;
    await replica(p);
    expect(botWrites(p, from)).toEqual([]);
  });

  it("report: the App's periodic sweep keeps the monthly report issue too, once a month, with two replicas at once", async () => {
    pg = await sweepPlayground("timezone: UTC\nreport:\n  schedule: monthly\n");
    const p = pg;
    await resolvedIncident(p, "Webhooks delayed");
    await Promise.all([replica(p), replica(p)]);
    // #1 is the incident; the report issue (and a replica's closed duplicate) come after it.
    const reportIssue = (n: number) =>
      p.sim.issue(n).labels.some((l) => (typeof l === "string" ? l : l.name) === "incident-report");
    const created = p.sim.requests.filter((r) => r.operationId === "issues/create").length;
    const open = Array.from({ length: created }, (_, i) => i + 2).filter(
      (n) => reportIssue(n) && p.sim.issue(n).state === "open",
    );
    expect(open).toHaveLength(1);
    expect(p.sim.issue(open[0]!).body).toContain("<!-- hereby:reportmonth 2026-11 -->");
    const from = p.sim.requests.length;
    p.advance(DAY);
    await replica(p);
    expect(botWrites(p, from)).toEqual([]);
  });

  it("runs daily unless HEREBY_SWEEP_HOURS says otherwise", () => {
    expect(sweepInterval({})).toBe(24 * 3_600_000);
    expect(sweepInterval({ HEREBY_SWEEP_HOURS: "6" })).toBe(6 * 3_600_000);
    expect(sweepInterval({ HEREBY_SWEEP_HOURS: "0" })).toBeNull();
    expect(() => sweepInterval({ HEREBY_SWEEP_HOURS: "daily" })).toThrow('not "daily"');
  });
});

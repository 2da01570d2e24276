// The Action's scheduled run with `report.schedule: monthly`: the month's report in the
// report issue, written once a month, found again by hereby's identity (never by its
// marker alone), and nothing at all with the default `off`.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { seedIncidents } from "../../packages/simulator/src/demo/seed-incidents.js";
import { handleTrigger } from "../../src/handlers/index.js";
import type { HandlerResult } from "../../src/handlers/context.js";
import { PEOPLE } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const MONTHLY = "timezone: Europe/Berlin\nreport:\n  schedule: monthly\n";

/** Three incidents declared on 1 January (UTC), the clock then moved to `at`. */
async function seeded(config: string, at: string): Promise<Playground> {
  const p = (pg = await Playground.start({
    start: new Date("2026-01-01T00:00:00Z"),
    config,
    people: { ...PEOPLE },
  }));
  const moveTo = (to: Date) => p.advance((to.getTime() - p.clock().getTime()) / 60_000);
  await seedIncidents(p.bot, p.repo, moveTo, 3);
  p.sim.takeDeliveries();
  moveTo(new Date(at));
  return p;
}

/** A scheduled workflow run, as the Action hands it over (the workflow's token: login unknown). */
function scheduled(p: Playground): Promise<HandlerResult> {
  return handleTrigger(
    "schedule",
    {},
    {
      octokit: p.bot,
      repo: p.repo,
      clock: () => p.clock(),
      log: { info: () => {}, warn: () => {} },
      rereadBeforeWrite: true,
    },
  );
}

/** Issues #1–#20 that carry the report label. */
const reportIssues = (p: Playground) =>
  Array.from({ length: 20 }, (_, i) => i + 1).flatMap((n) => {
    try {
      const issue = p.sim.issue(n);
      return issue.labels.some((l) => (typeof l === "string" ? l : l.name) === "incident-report")
        ? [issue]
        : [];
    } catch {
      return [];
    }
  });

const writesOf = (p: Playground, from: number) =>
  p.sim.requests
    .slice(from)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.operationId}`);
/** The writes that concern the report issue (the sweep's close-outs of the seeded incidents aside). */
const reportWrites = (result: HandlerResult) =>
  result.writes.filter(
    (w) =>
      (w.type === "createIssue" && w.labels.includes("incident-report")) ||
      (w.type === "updateIssue" && (w.body ?? "").startsWith("<!-- hereby:reportissue")),
  );

describe("the monthly report", () => {
  it("report: the schedule writes the month's report to the report issue once", async () => {
    const p = await seeded(MONTHLY, "2026-02-03T06:00:00Z");
    const result = await scheduled(p);
    const [issue, ...more] = reportIssues(p);
    expect(more).toEqual([]);
    expect(issue!.title).toBe("Incident report");
    expect(issue!.user?.login).toBe("hereby[bot]");
    expect(issue!.body).toContain("<!-- hereby:reportmonth 2026-02 -->");
    expect(issue!.body).toContain("**3** incidents");
    // Every incident declared before February began in Berlin.
    expect(issue!.body).toContain(
      "Incidents declared from the first incident to before 2026-01-31 23:00 UTC; months in Europe/Berlin.",
    );
    expect(result.table).toContain("# Incident report: acme/shop");

    const before = p.sim.requests.length;
    p.advance(24 * 60);
    await scheduled(p);
    expect(writesOf(p, before)).toEqual([]);
    expect(
      p.sim.requests.slice(before).filter((r) => r.operationId === "issues/list-events"),
    ).toEqual([]);
  });

  it("report: a new month rewrites the same issue with that month's report", async () => {
    const p = await seeded(MONTHLY, "2026-02-03T06:00:00Z");
    await scheduled(p);
    const n = await p.openIssue("alice", "Search is slow", "p99 at 4 s", ["incident"]);
    await p.settle();
    await p.comment("bob", n, "/resolve cache warmed");
    await p.settle();
    p.advance(30 * 24 * 60);
    const result = await scheduled(p);
    const [issue, ...more] = reportIssues(p);
    expect(more).toEqual([]);
    expect(reportWrites(result).map((w) => w.type)).toEqual(["updateIssue"]);
    expect(issue!.body).toContain("<!-- hereby:reportmonth 2026-03 -->");
    expect(issue!.body).toContain("**4** incidents");
  });

  it("report: an issue a person labelled with a copied marker is not taken for the report issue", async () => {
    const p = await seeded(MONTHLY, "2026-02-03T06:00:00Z");
    const forged =
      "<!-- hereby:reportissue monthly -->\n<!-- hereby:reportmonth 2026-02 -->\nMy notes.";
    const mine = await p.openIssue("alice", "My notes", forged, ["incident-report"]);
    await scheduled(p);
    expect(p.sim.issue(mine).body).toBe(forged);
    const ours = reportIssues(p).filter((i) => i.user?.login === "hereby[bot]");
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain("**3** incidents");
  });

  it("report: with the default schedule off, a scheduled run writes no report", async () => {
    const p = await seeded("timezone: UTC\n", "2026-02-03T06:00:00Z");
    const result = await scheduled(p);
    expect(reportIssues(p)).toEqual([]);
    expect(reportWrites(result)).toEqual([]);
  });

  it("report: a dry run says what it would write and writes nothing", async () => {
    const p = await seeded(MONTHLY, "2026-02-03T06:00:00Z");
    const before = p.sim.requests.length;
    const result = await handleTrigger(
      "schedule",
      {},
      {
        octokit: p.bot,
        repo: p.repo,
        clock: () => p.clock(),
        log: { info: () => {}, warn: () => {} },
        dryRun: true,
      },
    );
    expect(writesOf(p, before)).toEqual([]);
    expect(reportWrites(result).map((w) => w.type)).toEqual(["createIssue"]);
  });
});

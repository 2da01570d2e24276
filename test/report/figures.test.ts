// The figures on a hand-built set with known answers (see cases.ts).
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { computeReport } from "../../src/core/report/compute.js";
import { spread } from "../../src/core/report/stats.js";
import { config, HAND_SET } from "./cases.js";

const report = computeReport(HAND_SET, config);
const row = (n: number) => report.incidents.find((r) => r.number === n);

describe("incident counts", () => {
  it("counts cancelled incidents apart and leaves them out of every other figure", () => {
    expect(report.total).toBe(6);
    expect(report.cancelled).toBe(1);
    expect(report.bySeverity).toEqual({ critical: 2, major: 1, minor: 2, trivial: 1 });
    expect(report.byStatus).toEqual({ cancelled: 1, complete: 2, investigating: 1, resolved: 3 });
  });

  it("counts an incident whose severity changed midway once, at the highest it had, and says so", () => {
    expect(row(2)).toMatchObject({ severity: "critical", severityChanged: true });
    expect(row(1)).toMatchObject({ severity: "critical", severityChanged: false });
    expect(report.severityChanged).toBe(1);
  });

  it("buckets months in the configured time zone, summer time included", () => {
    expect(row(4)?.month).toBe("2026-07");
    expect(row(1)?.month).toBe("2026-03");
    expect(computeReport(HAND_SET, defaultConfig).incidents.find((r) => r.number === 4)?.month).toBe("2026-06");
    expect(report.perMonth).toEqual([
      { month: "2026-03", bySeverity: { critical: 1 } },
      { month: "2026-04", bySeverity: { critical: 1, major: 1 } },
      { month: "2026-05", bySeverity: { minor: 1, trivial: 1 } },
      { month: "2026-06", bySeverity: {} },
      { month: "2026-07", bySeverity: { minor: 1 } },
    ]);
  });
});

describe("time to resolve and to mitigate", () => {
  it("measures real elapsed time across a DST change (3 h, not the 4 h the wall clock shows)", () => {
    expect(report.resolve.critical).toEqual({ count: 2, median: 210, p90: 240 });
  });

  it("takes the final resolution of a reopened incident and leaves unresolved ones out", () => {
    expect(row(3)).toMatchObject({ reopened: 1, resolvedAt: "2026-04-20T13:00:00.000Z" });
    expect(row(4)?.resolvedAt).toBeNull();
    expect(report.resolve.all).toEqual({ count: 5, median: 180, p90: 240 });
    expect(report.resolve.minor).toEqual({ count: 1, median: 60, p90: 60 });
    expect(report.resolve.trivial).toEqual({ count: 1, median: 20, p90: 20 });
    expect(report.unresolved).toBe(1);
    expect(report.reopened).toBe(1);
  });

  it("measures mitigation to the first status:monitoring, only where it was set", () => {
    expect(report.mitigate.critical).toEqual({ count: 2, median: 90, p90: 120 });
    expect(report.mitigate.major).toEqual({ count: 0, median: null, p90: null });
    expect(report.mitigate.all).toEqual({ count: 3, median: 60, p90: 120 });
  });

  it("shows the monthly median time to resolve, with no value for months without one", () => {
    expect(report.resolveTrend.map((t) => t.median)).toEqual([180, 240, 40, null, null]);
  });

  it("measures a backdated timeline entry before the declaration", () => {
    expect(row(6)?.backdatedMinutes).toBe(45);
    expect(report.backdated).toEqual({ count: 1, median: 45, max: 45 });
  });
});

describe("follow-up", () => {
  it("counts postmortems opened and merged, and the days from resolution to merge", () => {
    expect(report.postmortems).toEqual({ opened: 2, merged: 1, daysToMerge: { count: 1, median: 2, p90: 2 } });
  });

  it("counts action items and the age of the open ones", () => {
    expect(report.actionItems).toEqual({
      created: 3,
      closed: 1,
      open: 2,
      openAgeDays: { count: 2, median: 52, p90: 92 },
      openByAge: { "under 30 days": 1, "30-90 days": 0, "over 90 days": 1 },
    });
  });

  it("counts review cycles per incident, and closed-out against still in review", () => {
    expect(report.reviews).toEqual({ incidentsReviewed: 2, cycles: 3, perIncident: { count: 2, median: 1.5, p90: 2 } });
    expect(report.closedOut).toBe(2);
    expect(report.inReview).toBe(3);
  });
});

describe("the period", () => {
  it("keeps incidents declared from --since up to (not including) --until", () => {
    const part = computeReport({ ...HAND_SET, since: "2026-04-01T00:00:00.000Z", until: "2026-05-20T08:00:00.000Z" }, config);
    expect(part.incidents.map((r) => r.number)).toEqual([2, 3, 5, 6]);
    expect(part.total).toBe(3);
    expect(part.cancelled).toBe(1);
    expect(part.actionItems.created).toBe(2);
    expect(part.reviews.incidentsReviewed).toBe(1);
  });
});

describe("median and p90", () => {
  it.each([
    [[], null, null],
    [[5], 5, 5],
    [[1, 2, 3, 4], 2.5, 4],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 5.5, 9],
    [Array.from({ length: 20 }, (_, i) => i + 1), 10.5, 18],
  ])("of %j: median %s, p90 %s", (values, median, p90) => {
    expect(spread(values)).toMatchObject({ median, p90 });
  });
});

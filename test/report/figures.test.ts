// The figures on a hand-built set with known answers (see cases.ts).
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { computeReport, spread } from "../../src/core/report/compute.js";
import { renderReport } from "../../src/core/report/index.js";
import { config, HAND_SET } from "./cases.js";
import { incidentInput } from "./support.js";

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
    expect(
      computeReport(HAND_SET, defaultConfig).incidents.find((r) => r.number === 4)?.month,
    ).toBe("2026-06");
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
    // #6 counts from its impact start, 45 minutes before the declaration.
    expect(report.resolve.minor).toEqual({ count: 1, median: 105, p90: 105 });
    expect(report.resolve.trivial).toEqual({ count: 1, median: 20, p90: 20 });
    expect(report.unresolved).toBe(1);
    expect(report.reopened).toBe(1);
  });

  it("measures mitigation to the first status:monitoring, only where it was set", () => {
    expect(report.mitigate.critical).toEqual({ count: 2, median: 90, p90: 120 });
    expect(report.mitigate.major).toEqual({ count: 0, median: null, p90: null });
    expect(report.mitigate.all).toEqual({ count: 3, median: 75, p90: 120 });
  });

  it("shows the monthly median time to resolve, with no value for months without one", () => {
    expect(report.resolveTrend.map((t) => t.median)).toEqual([180, 240, 62.5, null, null]);
  });

  it("measures a backdated timeline entry before the declaration", () => {
    expect(row(6)?.backdatedMinutes).toBe(45);
    expect(report.backdated).toEqual({ count: 1, median: 45, max: 45 });
  });
});

describe("time to detect", () => {
  it("measures declared minus impact start per severity, from the earliest entry before the declaration", () => {
    expect(row(6)?.impactStartedAt).toBe("2026-05-05T09:15:00.000Z");
    expect(report.detect.minor).toEqual({ count: 1, median: 45, p90: 45 });
    // Without a known impact start there is no time to detect, and mitigate and resolve
    // count from the declaration.
    expect(row(1)?.impactStartedAt).toBeNull();
    expect(report.detect.all?.count).toBe(1);
  });

  it('takes impact start from the issue form\'s "When did it start?"', () => {
    const hand = {
      number: 8,
      severity: "major",
      status: "resolved" as const,
      declaredAt: "2026-05-10T10:00:00.000Z",
      resolvedAt: "2026-05-10T11:00:00.000Z",
    };
    const input = incidentInput(hand);
    const form =
      "### Severity\n\nmajor\n\n### What is broken?\n\nCheckout\n\n### When did it start?\n\n2026-05-10T09:40:00Z";
    const withForm = computeReport(
      { ...HAND_SET, incidents: [{ ...input, issue: { ...input.issue, body: form } }] },
      config,
    );
    expect(withForm.detect.major).toEqual({ count: 1, median: 20, p90: 20 });
    expect(withForm.resolve.major).toEqual({ count: 1, median: 80, p90: 80 });
  });

  it("shows time to detect per severity in the Markdown report and the CSV", () => {
    const md = renderReport(HAND_SET, config, "md");
    expect(md).toContain(
      "| to detect | incidents | median | p90 |\n|---|---:|---:|---:|\n| critical | 0 | — | — |\n| major | 0 | — | — |\n| minor | 1 | 45m | 45m |",
    );
    const csv = renderReport(HAND_SET, config, "csv").split("\r\n");
    expect(csv[0]).toMatch(/,impact_started_at,minutes_to_detect$/);
    expect(csv.find((l) => l.startsWith("6,"))).toMatch(/,2026-05-05T09:15:00.000Z,45$/);
  });
});

describe("follow-up", () => {
  it("counts postmortems opened and merged, and the days from resolution to merge", () => {
    expect(report.postmortems).toEqual({
      opened: 2,
      merged: 1,
      daysToMerge: { count: 1, median: 2, p90: 2 },
    });
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
    expect(report.reviews).toEqual({
      incidentsReviewed: 2,
      cycles: 3,
      perIncident: { count: 2, median: 1.5, p90: 2 },
    });
    expect(report.closedOut).toBe(2);
    expect(report.inReview).toBe(3);
  });
});

describe("the period", () => {
  it("keeps incidents declared from --since up to (not including) --until", () => {
    const part = computeReport(
      { ...HAND_SET, since: "2026-04-01T00:00:00.000Z", until: "2026-05-20T08:00:00.000Z" },
      config,
    );
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

// Where the report's figures come from: GitHub's own data (label events, closes, hereby's
// comments checked by identity) through the reducer, never the description, which the
// issue's author and anyone with triage can edit.
import { describe, expect, it } from "vitest";
import { computeReport } from "../../src/core/report/compute.js";
import { renderReport } from "../../src/core/report/index.js";
import type { ReportInput } from "../../src/core/report/types.js";
import { config, HAND_SET } from "./cases.js";
import { incidentInput } from "./support.js";

const resolvedIn3h = incidentInput({
  number: 9,
  severity: "major",
  status: "resolved",
  declaredAt: "2026-02-02T10:00:00.000Z",
  resolvedAt: "2026-02-02T13:00:00.000Z",
});
const withBody = (body: string): ReportInput => ({
  ...HAND_SET,
  incidents: [{ ...resolvedIn3h, issue: { ...resolvedIn3h.issue, body } }],
});

describe("figures from GitHub's data, not the description", () => {
  it("keeps time to resolve when the description's Resolved time is edited", () => {
    const edited = (resolvedIn3h.issue.body ?? "").replace(
      "2026-02-02 13:00 UTC",
      "2026-02-02 10:05 UTC",
    );
    expect(edited).not.toBe(resolvedIn3h.issue.body);
    const report = computeReport(withBody(edited), config);
    expect(report.resolve.major).toMatchObject({ count: 1, median: 180 });
  });

  it("reports every incident when a description holds a crafted record row", () => {
    const crafted = (resolvedIn3h.issue.body ?? "").replace(
      /\| \*\*Declared\*\* \| [^|]*\|/,
      "| **Declared** | 2026-13-45 99:99 UTC |",
    );
    expect(crafted).toContain("2026-13-45 99:99");
    const md = renderReport(
      { ...withBody(crafted), incidents: [...HAND_SET.incidents, withBody(crafted).incidents[0]!] },
      config,
      "md",
    );
    expect(md).toContain("**7** incidents");
    expect(computeReport(withBody(crafted), config).incidents[0]).toMatchObject({
      number: 9,
      declaredAt: "2026-02-02T10:00:00.000Z",
    });
  });

  it("counts the figures with the description deleted", () => {
    const report = computeReport(withBody(""), config);
    expect(report.incidents[0]).toMatchObject({
      number: 9,
      severity: "major",
      resolvedAt: "2026-02-02T13:00:00.000Z",
    });
  });

  it("leaves out an incident whose facts can't be read, with a note, and reports the rest", () => {
    const broken = {
      ...resolvedIn3h,
      timeline: {
        ...resolvedIn3h.timeline!,
        events: resolvedIn3h.timeline!.events.map((e) => ({ ...e, createdAt: "not a time" })),
      },
    };
    const input: ReportInput = { ...HAND_SET, incidents: [...HAND_SET.incidents, broken] };
    const report = computeReport(input, config);
    expect(report.total).toBe(6);
    expect(report.skipped).toEqual([{ number: 9, reason: expect.any(String) }]);
    expect(renderReport(input, config, "md")).toMatch(/## Left out\n\n- #9: /);
  });
});

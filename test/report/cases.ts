// The hand-built set with known answers (months in Europe/London):
//   #1 critical, across the spring DST change, monitoring after 1 h, resolved after 3 h,
//      postmortem merged 2 days after resolution, 1 review cycle;
//   #2 raised major → critical → lowered to minor midway: counts as critical, 4 h, 2 review cycles;
//   #3 major, resolved, reopened, resolved again: 4 h to the final resolution;
//   #4 minor, never resolved, declared 23:30 UTC on 30 June = 00:30 BST on 1 July;
//   #5 major, cancelled (counted apart);
//   #6 minor, a timeline entry 45 min before the declaration, 1 h, monitoring after 30 m;
//   #7 trivial, closed out (status:complete), 20 m.
import type { ReportInput } from "../../src/core/report/types.js";
import { incidentInput, labeled, listed, londonConfig, review, unlabeled } from "./support.js";

export const HAND_SET: ReportInput = {
  repository: "acme/shop",
  since: null,
  until: null,
  now: new Date("2026-08-01T00:00:00Z"),
  incidents: [
    incidentInput({
      number: 1,
      severity: "critical",
      status: "resolved",
      declaredAt: "2026-03-28T23:30:00.000Z",
      resolvedAt: "2026-03-29T02:30:00.000Z",
      postmortem: { number: 50, mergedAt: "2026-03-31T02:30:00Z" },
      events: [
        labeled("2026-03-28T23:30:00Z", "severity:critical"),
        labeled("2026-03-29T00:30:00Z", "status:monitoring"),
        { event: "closed", at: "2026-03-29T02:30:00Z" },
      ],
    }),
    incidentInput({
      number: 2,
      severity: "minor",
      status: "complete",
      declaredAt: "2026-04-10T10:00:00.000Z",
      resolvedAt: "2026-04-10T14:00:00.000Z",
      postmortem: { number: 51, mergedAt: null },
      events: [
        labeled("2026-04-10T10:00:00Z", "severity:major"),
        unlabeled("2026-04-10T10:20:00Z", "severity:major"),
        labeled("2026-04-10T10:20:00Z", "severity:critical"),
        labeled("2026-04-10T12:00:00Z", "status:monitoring"),
        unlabeled("2026-04-10T13:00:00Z", "severity:critical"),
        labeled("2026-04-10T13:00:00Z", "severity:minor"),
      ],
    }),
    incidentInput({
      number: 3,
      severity: "major",
      status: "resolved",
      declaredAt: "2026-04-20T09:00:00.000Z",
      resolvedAt: "2026-04-20T13:00:00.000Z",
      events: [
        { event: "closed", at: "2026-04-20T10:00:00Z" },
        { event: "reopened", at: "2026-04-20T11:00:00Z" },
        { event: "closed", at: "2026-04-20T13:00:00Z" },
      ],
    }),
    incidentInput({
      number: 4,
      severity: "minor",
      status: "investigating",
      declaredAt: "2026-06-30T23:30:00.000Z",
    }),
    incidentInput({
      number: 5,
      severity: "major",
      status: "cancelled",
      declaredAt: "2026-05-01T12:00:00.000Z",
      open: false,
    }),
    incidentInput({
      number: 6,
      severity: "minor",
      status: "resolved",
      declaredAt: "2026-05-05T10:00:00.000Z",
      resolvedAt: "2026-05-05T11:00:00.000Z",
      entries: ["2026-05-05T09:15:00.000Z"],
      events: [labeled("2026-05-05T10:30:00Z", "status:monitoring")],
    }),
    incidentInput({
      number: 7,
      severity: "trivial",
      status: "complete",
      declaredAt: "2026-05-20T08:00:00.000Z",
      resolvedAt: "2026-05-20T08:20:00.000Z",
    }),
  ],
  actionItems: [
    listed(20, {
      createdAt: "2026-04-01T00:00:00Z",
      state: "closed",
      closedAt: "2026-04-15T00:00:00Z",
    }),
    listed(21, { createdAt: "2026-05-01T00:00:00Z" }),
    listed(22, { createdAt: "2026-07-20T00:00:00Z" }),
  ],
  reviews: [review(1, 1), review(2, 2)],
};

export const config = londonConfig;

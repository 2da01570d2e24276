// The figures: pure arithmetic over the incidents, action items and reviews gathered.
import type { Config } from "../../config.js";
import { incidentRow, minutesBetween, monthOf } from "./incident-row.js";
import type { ListedIssue } from "../review/types.js";
import type { IncidentRow, Report, ReportInput, Spread } from "./types.js";

const DAY = 1440;

/** Open action items by age, the buckets of the pie chart. */
export const AGE_BUCKETS = [
  { name: "under 30 days", max: 30 },
  { name: "30-90 days", max: 90 },
  { name: "over 90 days", max: Number.POSITIVE_INFINITY },
] as const;

const inRange = (at: string, since: string | null, until: string | null): boolean =>
  (since === null || Date.parse(at) >= Date.parse(since)) &&
  (until === null || Date.parse(at) < Date.parse(until));

function perSeverity(
  rows: IncidentRow[],
  severities: string[],
  minutes: (r: IncidentRow) => number | null,
): Record<string, Spread> {
  const out: Record<string, Spread> = {};
  for (const level of [...severities, "all"]) {
    const values = rows
      .filter((r) => level === "all" || r.severity === level)
      .map(minutes)
      .filter((m): m is number => m !== null && m >= 0);
    out[level] = spread(values);
  }
  return out;
}

const detectMinutes = (r: IncidentRow): number | null =>
  r.impactStartedAt ? minutesBetween(r.impactStartedAt, r.declaredAt) : null;
/** Mitigate and resolve count from impact start when known, else from the declaration
 * (docs/metrics.md): the users' wait, not only the responders'. */
const startOf = (r: IncidentRow): string => r.impactStartedAt ?? r.declaredAt;
const resolveMinutes = (r: IncidentRow): number | null =>
  r.resolvedAt ? minutesBetween(startOf(r), r.resolvedAt) : null;
const mitigateMinutes = (r: IncidentRow): number | null =>
  r.mitigatedAt ? minutesBetween(startOf(r), r.mitigatedAt) : null;

/** Every month from the first to the last declaration, so gaps show as zero. */
function monthsBetween(rows: IncidentRow[]): string[] {
  const months = rows.map((r) => r.month).sort();
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return [];
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  for (let month = first; month <= last;) {
    out.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    month = `${y}-${String(m).padStart(2, "0")}`;
  }
  return out;
}

function counts(keys: (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k ?? "none"] = (out[k ?? "none"] ?? 0) + 1;
  return out;
}

function actionFigures(items: ListedIssue[], now: Date): Report["actionItems"] {
  const open = items.filter((i) => i.state === "open");
  const ages = open.map((i) => minutesBetween(i.createdAt, now.toISOString()) / DAY);
  const openByAge: Record<string, number> = {};
  for (const b of AGE_BUCKETS) openByAge[b.name] = 0;
  for (const age of ages) {
    const name = (AGE_BUCKETS.find((b) => age < b.max) ?? AGE_BUCKETS[2]).name;
    openByAge[name] = (openByAge[name] ?? 0) + 1;
  }
  const days = spread(ages.map(Math.floor));
  return {
    created: items.length,
    closed: items.length - open.length,
    open: open.length,
    openAgeDays: days,
    openByAge,
  };
}

const validTime = (at: string | null): boolean => at === null || Number.isFinite(Date.parse(at));

/** Each incident's row; one whose facts can't be read is left out with the reason, so no
 * text anyone wrote on one incident can stop the report on all of them. */
function rowsOf(
  input: ReportInput,
  config: Config,
): { rows: IncidentRow[]; skipped: Report["skipped"] } {
  const cycles = new Map(
    input.reviews.filter((r) => r.incident !== null).map((r) => [r.incident as number, r.cycles]),
  );
  const rows: IncidentRow[] = [];
  const skipped: Report["skipped"] = [];
  for (const i of input.incidents) {
    try {
      const row = incidentRow(i, config, cycles.get(i.issue.number) ?? 0, input.self ?? null);
      const times = [row.declaredAt, row.impactStartedAt, row.mitigatedAt, row.resolvedAt];
      if (times.every(validTime)) rows.push(row);
      else skipped.push({ number: i.issue.number, reason: "a time in its record is not a date" });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      skipped.push({ number: i.issue.number, reason: `its record could not be read (${why})` });
    }
  }
  return { rows, skipped };
}

export function computeReport(input: ReportInput, config: Config): Report {
  const { rows: all, skipped } = rowsOf(input, config);
  const rows = all
    .filter((r) => inRange(r.declaredAt, input.since, input.until))
    .sort((a, b) => a.declaredAt.localeCompare(b.declaredAt) || a.number - b.number);
  const live = rows.filter((r) => !r.cancelled);
  const severities = config.severities.map((s) => s.name);
  const items = input.actionItems.filter((i) => inRange(i.createdAt, input.since, input.until));
  const count = countFigures(rows, live);
  const time = timeFigures(live, severities);
  const monthly = monthlyFigures(live);
  // In the order the JSON has always listed them.
  return {
    repository: input.repository,
    since: input.since,
    until: input.until,
    generatedAt: input.now.toISOString(),
    timezone: config.timezone,
    severities,
    incidents: rows,
    total: count.total,
    cancelled: count.cancelled,
    bySeverity: count.bySeverity,
    byStatus: count.byStatus,
    severityChanged: count.severityChanged,
    resolve: time.resolve,
    mitigate: time.mitigate,
    detect: time.detect,
    skipped,
    resolveTrend: monthly.resolveTrend,
    perMonth: monthly.perMonth,
    afterChange: count.afterChange,
    backdated: time.backdated,
    postmortems: postmortemFigures(live),
    actionItems: actionFigures(items, input.now),
    reviews: reviewFigures(input, rows),
    closedOut: count.closedOut,
    inReview: count.inReview,
    reopened: count.reopened,
    unresolved: count.unresolved,
  };
}

/** How many incidents, by severity and status, and how many are where in their life. */
function countFigures(rows: IncidentRow[], live: IncidentRow[]) {
  const where = (keep: (r: IncidentRow) => boolean): number => live.filter(keep).length;
  return {
    total: live.length,
    cancelled: rows.length - live.length,
    bySeverity: counts(live.map((r) => r.severity)),
    byStatus: counts(rows.map((r) => r.status)),
    severityChanged: where((r) => r.severityChanged),
    afterChange: where((r) => r.afterChange),
    closedOut: where((r) => r.status === "complete"),
    inReview: where((r) => r.status === "resolved"),
    reopened: where((r) => r.reopened > 0),
    unresolved: where((r) => r.resolvedAt === null),
  };
}

/** Times to detect, mitigate and resolve per severity, and how far records were backdated. */
function timeFigures(live: IncidentRow[], severities: string[]) {
  const backdated = live.map((r) => r.backdatedMinutes).filter((m): m is number => m !== null);
  return {
    resolve: perSeverity(live, severities, resolveMinutes),
    mitigate: perSeverity(live, severities, mitigateMinutes),
    detect: perSeverity(live, severities, detectMinutes),
    backdated: {
      count: backdated.length,
      median: spread(backdated).median,
      max: backdated.length ? Math.max(...backdated) : null,
    },
  };
}

/** The charts' series: incidents per month by severity, and the monthly median resolve. */
function monthlyFigures(live: IncidentRow[]) {
  const months = monthsBetween(live);
  const of = (month: string) => live.filter((r) => r.month === month);
  const resolved = (month: string) =>
    of(month)
      .map(resolveMinutes)
      .filter((m): m is number => m !== null);
  return {
    resolveTrend: months.map((month) => ({ month, median: spread(resolved(month)).median })),
    perMonth: months.map((month) => ({
      month,
      bySeverity: counts(of(month).map((r) => r.severity)),
    })),
  };
}

function postmortemFigures(live: IncidentRow[]): Report["postmortems"] {
  const merged = live.filter((r) => r.postmortem?.merged);
  const toMerge = merged.flatMap((r) =>
    r.resolvedAt && r.postmortem?.mergedAt
      ? [minutesBetween(r.resolvedAt, r.postmortem.mergedAt) / DAY]
      : [],
  );
  return {
    opened: live.filter((r) => r.postmortem).length,
    merged: merged.length,
    daysToMerge: spread(toMerge.map((d) => Math.round(d * 10) / 10)),
  };
}

/** The review cycles run on the incidents in the report. */
function reviewFigures(input: ReportInput, rows: IncidentRow[]): Report["reviews"] {
  const numbers = new Set(rows.map((r) => r.number));
  const reviewed = input.reviews.filter((r) => r.incident !== null && numbers.has(r.incident));
  return {
    incidentsReviewed: reviewed.length,
    cycles: reviewed.reduce((n, r) => n + r.cycles, 0),
    perIncident: spread(reviewed.map((r) => r.cycles)),
  };
}

export { monthOf };

/** Median and p90 of a sample. Median: the middle value, or the mean of the two middle
 * ones. p90: nearest rank, the smallest value with at least 90% of the sample at or below it. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null };
  const mid = Math.floor(n / 2);
  const median =
    n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1] ?? 0;
  return { count: n, median, p90 };
}

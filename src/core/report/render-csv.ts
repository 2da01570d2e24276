// The report as CSV (RFC 4180): one row per incident. Fields with a comma, quote, CR or
// LF are quoted and their quotes doubled; a field a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) gets a leading `'`. Titles are redacted first.
import { redactSecrets } from "../redact.js";
import type { IncidentRow, Report } from "./types.js";

export const CSV_COLUMNS = [
  "number",
  "title",
  "url",
  "severity",
  "severity_changed",
  "status",
  "cancelled",
  "declared_at",
  "month",
  "mitigated_at",
  "resolved_at",
  "minutes_to_mitigate",
  "minutes_to_resolve",
  "backdated_minutes",
  "reopened",
  "postmortem",
  "postmortem_merged_at",
  "review_cycles",
  "impact_started_at",
  "minutes_to_detect",
] as const;

/** One CSV field, safe in a spreadsheet. */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const minutes = (from: string, to: string | null): number | null =>
  to ? Math.round((Date.parse(to) - Date.parse(from)) / 60_000) : null;

function cells(r: IncidentRow): (string | number | boolean | null)[] {
  return [
    r.number,
    redactSecrets(r.title).text,
    r.url,
    r.severity,
    r.severityChanged,
    r.status,
    r.cancelled,
    r.declaredAt,
    r.month,
    r.mitigatedAt,
    r.resolvedAt,
    minutes(r.impactStartedAt ?? r.declaredAt, r.mitigatedAt),
    minutes(r.impactStartedAt ?? r.declaredAt, r.resolvedAt),
    r.backdatedMinutes,
    r.reopened,
    r.postmortem ? r.postmortem.number : null,
    r.postmortem?.mergedAt ?? null,
    r.reviewCycles,
    r.impactStartedAt,
    r.impactStartedAt ? minutes(r.impactStartedAt, r.declaredAt) : null,
  ];
}

/** Rows end with CRLF, as RFC 4180 says. */
export function renderCsv(report: Report): string {
  const lines = [
    CSV_COLUMNS.join(","),
    ...report.incidents.map((r) => cells(r).map(csvField).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

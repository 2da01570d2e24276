// The four moments of an incident (impact start, declared, mitigated, resolved) and the
// three durations between them, as the record and the postmortem show them and
// docs/metrics.md defines them. Without an impact start there is no time to detect, and
// the other two count from the declaration. Pure.
import { formatDuration, utcMinute } from "./record-time.js";
import { marker } from "./markers.js";
import type { Incident } from "./types.js";

export interface IncidentTimes {
  impactStartedAt: string | null;
  declaredAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** `8m`, or "" when unknown. */
  toDetect: string;
  toMitigate: string;
  toResolve: string;
  /** What the last two count from: "impact start" or "declared". */
  from: "impact start" | "declared";
}

export function incidentTimes(incident: Incident): IncidentTimes {
  const start = incident.impactStartedAt ?? null;
  const declared = incident.declaredAt;
  const mitigated = incident.mitigatedAt ?? null;
  const resolved = incident.resolvedAt;
  const origin = start ?? declared;
  const span = (a: string | null, b: string | null) => (a && b ? formatDuration(a, b) : "");
  return {
    impactStartedAt: start,
    declaredAt: declared,
    mitigatedAt: mitigated,
    resolvedAt: resolved,
    toDetect: span(start, declared),
    toMitigate: span(origin, mitigated),
    toResolve: span(origin, resolved),
    from: start ? "impact start" : "declared",
  };
}

/** The record's rows for the times; `dash` for an unknown one. */
export function timeRows(incident: Incident, declaredBy: string): string[] {
  const t = incidentTimes(incident);
  const dash = "—";
  const when = (iso: string | null) => (iso ? `${utcMinute(iso)} UTC` : dash);
  const from = t.from === "impact start" ? "from impact start" : "from declaration";
  const unknownStart = `${dash} (\`/started <time>\` records it)`;
  return [
    `| **Impact started** | ${t.impactStartedAt ? when(t.impactStartedAt) : unknownStart} |`,
    `| **Declared** | ${when(t.declaredAt)}${declaredBy} |`,
    `| **Mitigated** | ${t.mitigatedAt ? `${when(t.mitigatedAt)} (monitoring)` : dash} |`,
    `| **Resolved** | ${when(t.resolvedAt)} |`,
    `| **Time to detect** | ${t.toDetect || dash} |`,
    `| **Time to mitigate** | ${t.toMitigate ? `${t.toMitigate} (${from})` : dash} |`,
    `| **Time to resolve** | ${t.toResolve ? `${t.toResolve} (${from})` : dash} |`,
  ];
}

/**
 * A backdated entry before the declaration, when no impact start is recorded: offered as
 * the impact start in a reply (never assumed: a note about a deploy the day before is not
 * when users were hurt). Only for the earliest such entry, once per comment.
 */
export function impactOffer(
  incident: Incident,
  commentId: number,
): { body: string; marker: string } | null {
  if (incident.impactStartedAt || !incident.declaredAt) return null;
  const source = `comment:${commentId}`;
  const earliest = incident.timeline.find((e) => e.kind === "note" && e.at < incident.declaredAt!);
  if (!earliest || earliest.source !== source) return null;
  const at = earliest.at.slice(0, 16) + "Z";
  const mark = marker("impactoffer", String(commentId));
  return {
    marker: mark,
    body: [
      mark,
      `Your entry at ${utcMinute(earliest.at)} UTC is before the incident was ` +
        `declared (${utcMinute(incident.declaredAt)} UTC). If users were affected from ` +
        `then on, record it as the impact start:`,
      "",
      "```",
      `/started ${at}`,
      "```",
      "",
      `Time to detect would then be ` +
        `${formatDuration(earliest.at, incident.declaredAt)}. Nothing is assumed until ` +
        `someone says so.`,
    ].join("\n"),
  };
}

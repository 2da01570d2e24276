// The report as Markdown: the figures as tables, the charts as ```mermaid blocks
// (GitHub draws them), and every incident as one row. Titles are the users' text:
// redacted and escaped like everything else hereby writes.
import { escapeCell, truncate } from "../escape.js";
import { redactSecrets } from "../redact.js";
import type { Report, Spread } from "./types.js";

/** `3d 4h`, `2h 5m`, `12m` for a number of minutes; an em dash for none. */
export function duration(minutes: number | null): string {
  if (minutes === null) return "—";
  const m = Math.round(minutes);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  if (d > 0) return `${d}d ${h}h`;
  return h > 0 ? `${h}h ${m % 60}m` : `${m % 60}m`;
}

const days = (n: number | null): string => (n === null ? "—" : `${n} d`);
const fence = (chart: string | null): string[] => (chart ? ["```mermaid", chart, "```", ""] : []);
const title = (text: string): string => escapeCell(truncate(redactSecrets(text).text, 80));

function period(report: Report): string {
  const from = report.since ? report.since.slice(0, 10) : "the first incident";
  // A month's start in the configured zone is rarely midnight UTC: then the time says so.
  const until = (iso: string) =>
    iso.slice(11, 16) === "00:00" ? iso.slice(0, 10) : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  const to = report.until ? `before ${until(report.until)}` : `${report.generatedAt.slice(0, 10)}`;
  return `${from} to ${to}`;
}

function spreadTable(heading: string, report: Report, figures: Record<string, Spread>): string[] {
  const rows = [...report.severities, "all"].map((level) => {
    const s = figures[level] ?? { count: 0, median: null, p90: null };
    return `| ${level} | ${s.count} | ${duration(s.median)} | ${duration(s.p90)} |`;
  });
  return [`| ${heading} | incidents | median | p90 |`, "|---|---:|---:|---:|", ...rows, ""];
}

function countsSection(report: Report): string[] {
  const severity = [...report.severities, "none"]
    .filter((l) => report.bySeverity[l])
    .map((l) => `| ${l} | ${report.bySeverity[l]} |`);
  const status = Object.entries(report.byStatus)
    .sort()
    .map(([s, n]) => `| ${s} | ${n} |`);
  return [
    "## Incidents",
    "",
    `**${report.total}** incidents, and **${report.cancelled}** cancelled ` +
      `(declared in error, counted apart below and left out of every other figure).`,
    `${report.severityChanged} changed severity midway: each counts once, at the ` +
      `highest severity it had. ${report.reopened} were reopened; ` +
      `${report.unresolved} are not resolved.`,
    "",
    "| highest severity | incidents |",
    "|---|---:|",
    ...severity,
    "",
    "| status now | incidents |",
    "|---|---:|",
    ...status,
    "",
    ...fence(perMonthChart(report)),
    ...perMonthTable(report),
  ];
}

/** Incidents per month and severity: a table, where overlapping bars would mislead. */
function perMonthTable(report: Report): string[] {
  if (report.perMonth.length === 0) return [];
  const levels = [...report.severities, "none"].filter((l) =>
    report.perMonth.some((m) => (m.bySeverity[l] ?? 0) > 0),
  );
  const rows = report.perMonth.map((m) => {
    const total = Object.values(m.bySeverity).reduce((n, k) => n + k, 0);
    return `| ${m.month} | ${levels.map((l) => m.bySeverity[l] ?? 0).join(" | ")} | ${total} |`;
  });
  return [
    `| month | ${levels.join(" | ")} | all |`,
    `|---|${levels.map(() => "---:|").join("")}---:|`,
    ...rows,
    "",
  ];
}

function timesSection(report: Report): string[] {
  const b = report.backdated;
  return [
    "## Time to detect, mitigate and resolve",
    "",
    "Detect: impact start to declaration. Mitigate and resolve: impact start " +
      "(else the declaration) to `status:monitoring` and to resolution. " +
      "[docs/metrics.md](https://github.com/hereby-incident/hereby/blob/main/docs/metrics.md#the-four-moments) defines each.",
    "",
    ...spreadTable("to detect", report, report.detect),
    ...spreadTable("to resolve", report, report.resolve),
    ...spreadTable("to mitigate", report, report.mitigate),
    ...fence(resolveTrendChart(report)),
    `After a change: ${report.afterChange} incidents were declared within an hour ` +
      `of a deploy or merge kept on their timeline.`,
    "",
    `Backdated: ${b.count} incidents have a timeline entry before their ` +
      `declaration (median ${duration(b.median)}, longest ${duration(b.max)} before).`,
    "",
  ];
}

function followUpSection(report: Report): string[] {
  const { postmortems: p, actionItems: a, reviews: r } = report;
  return [
    "## Follow-up",
    "",
    "| figure | value |",
    "|---|---:|",
    `| postmortems opened | ${p.opened} |`,
    `| postmortems merged | ${p.merged} |`,
    `| days from resolution to merge, median / p90 | ` +
      `${days(p.daysToMerge.median)} / ${days(p.daysToMerge.p90)} |`,
    `| action items created / closed / open | ${a.created} / ${a.closed} / ${a.open} |`,
    `| age of open action items, median / p90 | ${days(a.openAgeDays.median)} / ` +
      `${days(a.openAgeDays.p90)} |`,
    `| review cycles run (incidents reviewed) | ${r.cycles} (${r.incidentsReviewed}) |`,
    `| review cycles per reviewed incident, median / p90 | ` +
      `${r.perIncident.median ?? "—"} / ${r.perIncident.p90 ?? "—"} |`,
    `| closed out (\`status:complete\`) | ${report.closedOut} |`,
    `| still in review (\`status:resolved\`) | ${report.inReview} |`,
    "",
    "| open action items by age | items |",
    "|---|---:|",
    ...Object.entries(a.openByAge).map(([age, n]) => `| ${age} | ${n} |`),
    "",
  ];
}

/** Incidents left out of the figures, and why: a note, never a failed report. */
function skippedSection(report: Report): string[] {
  if (report.skipped.length === 0) return [];
  return [
    "## Left out",
    "",
    ...report.skipped.map((s) => `- #${s.number}: ${escapeCell(redactSecrets(s.reason).text)}.`),
    "",
  ];
}

const TABLE_HEAD = [
  "## Every incident",
  "",
  "| # | title | severity | status | declared (UTC) | to resolve |",
  "|---|---|---|---|---|---:|",
];

function incidentRows(report: Report): string[] {
  return report.incidents.map((r) => {
    const sev = r.severity ? `${r.severity}${r.severityChanged ? " (changed)" : ""}` : "—";
    const resolve = r.resolvedAt
      ? duration(
          Math.round(
            (Date.parse(r.resolvedAt) - Date.parse(r.impactStartedAt ?? r.declaredAt)) / 60_000,
          ),
        )
      : "—";
    return (
      `| [#${r.number}](${r.url}) | ${title(r.title)} | ${sev} | ` +
      `${r.status ?? "—"} | ${r.declaredAt.slice(0, 16).replace("T", " ")} | ` +
      `${resolve} |`
    );
  });
}

/** The incident table, its rows cut (with a line saying how many) to fit `room` characters. */
function incidentTable(report: Report, room: number): string[] {
  const rows = incidentRows(report);
  const whole = [...TABLE_HEAD, ...rows, ""];
  if (whole.join("\n").length <= room) return whole;
  const note = (left: number) =>
    `…and ${left} more: \`hereby report --repo ${report.repository}\` lists every incident.`;
  let used = TABLE_HEAD.join("\n").length + note(rows.length).length + 4;
  let kept = 0;
  while (kept < rows.length && used + rows[kept]!.length + 1 <= room)
    used += rows[kept++]!.length + 1;
  return [...TABLE_HEAD, ...rows.slice(0, kept), "", note(rows.length - kept), ""];
}

/** The report in Markdown; with `room`, at most that many characters (a comment's or an
 * issue body's limit): the figures and charts stay whole, the incident rows are cut. */
export function renderMarkdown(report: Report, room = Number.POSITIVE_INFINITY): string {
  const head = [
    `# Incident report: ${escapeCell(report.repository)}`,
    "",
    `Incidents declared from ${period(report)}; months in ${report.timezone}. ` +
      `Generated ${report.generatedAt.slice(0, 16).replace("T", " ")} UTC by hereby ` +
      `from the incidents' labels, events and comments, their action items and reviews.`,
    "",
    ...countsSection(report),
    ...timesSection(report),
    ...followUpSection(report),
    ...skippedSection(report),
  ].join("\n");
  return `${head}\n${incidentTable(report, room - head.length - 1).join("\n")}`;
}

// Mermaid charts GitHub renders, each with one series so it reads right without a legend
// (bars of several series overlap in xychart and the tallest looks like the first one):
// incidents per month (all severities; the per-severity split is a table), and the
// monthly median time to resolve (a line). Shares and ages are tables, not pies.
const hours = (minutes: number | null): number =>
  minutes === null ? 0 : Math.round((minutes / 60) * 10) / 10;
const axisTop = (values: number[]): number => Math.max(1, Math.ceil(Math.max(0, ...values) * 1.1));
const months = (report: Report): string =>
  `[${report.perMonth.map((m) => `"${m.month}"`).join(", ")}]`;

/** Incidents declared per month, every severity together: one bar a month. */
export function perMonthChart(report: Report): string | null {
  if (report.perMonth.length === 0) return null;
  const totals = report.perMonth.map((m) => Object.values(m.bySeverity).reduce((n, k) => n + k, 0));
  return [
    "xychart-beta",
    `  title "Incidents declared per month (all severities)"`,
    `  x-axis ${months(report)}`,
    `  y-axis "Incidents" 0 --> ${axisTop(totals)}`,
    `  bar [${totals.join(", ")}]`,
  ].join("\n");
}

export function resolveTrendChart(report: Report): string | null {
  if (report.resolveTrend.length === 0) return null;
  const values = report.resolveTrend.map((t) => hours(t.median));
  return [
    "xychart-beta",
    `  title "Median time to resolve (hours) by month declared"`,
    `  x-axis ${months(report)}`,
    `  y-axis "Hours" 0 --> ${axisTop(values)}`,
    `  line [${values.join(", ")}]`,
  ].join("\n");
}

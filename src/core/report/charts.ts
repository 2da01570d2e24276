// Mermaid charts GitHub renders: incidents per month by severity (bars drawn over each
// other from the total down, so they read as stacked), the monthly median time to
// resolve (a line), and pies of open action items by age and incidents by severity.
import type { Report } from "./types.js";

const hours = (minutes: number | null): number => (minutes === null ? 0 : Math.round((minutes / 60) * 10) / 10);
const axisTop = (values: number[]): number => Math.max(1, Math.ceil(Math.max(0, ...values) * 1.1));
const months = (report: Report): string => `[${report.perMonth.map((m) => `"${m.month}"`).join(", ")}]`;

/** Bars per severity, stacked by drawing the running totals from the largest down. */
export function perMonthChart(report: Report): string | null {
  if (report.perMonth.length === 0) return null;
  const levels = [...report.severities, "none"].filter((l) => report.perMonth.some((m) => (m.bySeverity[l] ?? 0) > 0));
  const bars = levels.map((_, i) => report.perMonth.map((m) => levels.slice(i).reduce((n, l) => n + (m.bySeverity[l] ?? 0), 0)));
  return [
    "xychart-beta",
    `  title "Incidents per month by severity"`,
    `  x-axis ${months(report)}`,
    `  y-axis "Incidents" 0 --> ${axisTop(bars[0] ?? [])}`,
    ...bars.map((values) => `  bar [${values.join(", ")}]`),
  ].join("\n");
}

/** The series order of `perMonthChart`, for the caption under it. */
export function perMonthLegend(report: Report): string[] {
  return [...report.severities, "none"].filter((l) => report.perMonth.some((m) => (m.bySeverity[l] ?? 0) > 0));
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

function pie(title: string, slices: [string, number][]): string | null {
  const shown = slices.filter(([, n]) => n > 0);
  if (shown.length === 0) return null;
  return [`pie showData title ${title}`, ...shown.map(([name, n]) => `  "${name.replace(/"/g, "'")}" : ${n}`)].join("\n");
}

export function actionAgeChart(report: Report): string | null {
  return pie("Open action items by age", Object.entries(report.actionItems.openByAge));
}

export function severityChart(report: Report): string | null {
  return pie("Incidents by highest severity", [...report.severities, "none"].map((l) => [l, report.bySeverity[l] ?? 0]));
}

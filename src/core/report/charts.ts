// Mermaid charts GitHub renders, each with one series so it reads right without a legend
// (bars of several series overlap in xychart and the tallest looks like the first one):
// incidents per month (all severities; the per-severity split is a table), and the
// monthly median time to resolve (a line). Shares and ages are tables, not pies.
import type { Report } from "./types.js";

const hours = (minutes: number | null): number => (minutes === null ? 0 : Math.round((minutes / 60) * 10) / 10);
const axisTop = (values: number[]): number => Math.max(1, Math.ceil(Math.max(0, ...values) * 1.1));
const months = (report: Report): string => `[${report.perMonth.map((m) => `"${m.month}"`).join(", ")}]`;

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

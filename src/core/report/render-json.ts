// The report as JSON: every figure and every incident row, titles redacted.
import { redactSecrets } from "../redact.js";
import type { Report } from "./types.js";

export function renderJson(report: Report): string {
  const incidents = report.incidents.map((r) => ({ ...r, title: redactSecrets(r.title).text }));
  return `${JSON.stringify({ ...report, incidents }, null, 2)}\n`;
}

// The insights report: plain data in, figures out, rendered three ways.
import type { Config } from "../../config.js";
import { computeReport } from "./compute.js";
import { renderCsv } from "./render-csv.js";
import { renderMarkdown } from "./render-md.js";
import { redactSecrets } from "../redact.js";
import type { Report, ReportInput } from "./types.js";

export const REPORT_FORMATS = ["md", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `room`: the most characters the Markdown may take (a comment's room); the other
 * formats are whole. */
export function renderReport(
  input: ReportInput,
  config: Config,
  format: ReportFormat,
  room?: number,
): string {
  const report = computeReport(input, config);
  if (format === "csv") return renderCsv(report);
  if (format === "json") return renderJson(report);
  return renderMarkdown(report, room);
}

/** The report as JSON: every figure and every incident row, titles redacted. */
export function renderJson(report: Report): string {
  const incidents = report.incidents.map((r) => ({ ...r, title: redactSecrets(r.title).text }));
  return `${JSON.stringify({ ...report, incidents }, null, 2)}\n`;
}

export { computeReport };
export type { Report, ReportInput } from "./types.js";

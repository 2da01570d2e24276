// The insights report: plain data in, figures out, rendered three ways.
import type { Config } from "../../config.js";
import { computeReport } from "./compute.js";
import { renderCsv } from "./render-csv.js";
import { renderJson } from "./render-json.js";
import { renderMarkdown } from "./render-md.js";
import type { ReportInput } from "./types.js";

export const REPORT_FORMATS = ["md", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `room`: the most characters the Markdown may take (a comment's room); the other formats are whole. */
export function renderReport(input: ReportInput, config: Config, format: ReportFormat, room?: number): string {
  const report = computeReport(input, config);
  if (format === "csv") return renderCsv(report);
  if (format === "json") return renderJson(report);
  return renderMarkdown(report, room);
}

export { computeReport };
export type { Report, ReportInput } from "./types.js";

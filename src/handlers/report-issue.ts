// A scheduled sweep (the Action's `schedule` run, the App's periodic one): the review sweep,
// then, with `report.schedule: monthly`, the month's incident report in the report issue
// (opened when hereby has none). The month it was written for is in the issue itself:
// nothing is stored anywhere else, and a second run in the same month reads one listing and
// writes nothing.
import { ConfigError, type Config } from "../config.js";
import { decideScheduledReport } from "../core/report/report-issue.js";
import { listReportIssues } from "../github/gather-report.js";
import { loadConfig } from "../github/load-config.js";
import { inOrder } from "../core/plan.js";
import { Run, type HandlerContext, type HandlerResult } from "./context.js";
import { runReport } from "./report.js";
import { runSweep } from "./sweep.js";

export async function runScheduled(ctx: HandlerContext): Promise<HandlerResult> {
  let config: Config;
  try {
    config = await loadConfig(ctx.octokit, ctx.repo, ctx.configPath);
  } catch (error) {
    // The sweep answers an invalid config (a failed run naming each bad key).
    if (error instanceof ConfigError) return runSweep(ctx);
    throw error;
  }
  const sweep = await runSweep(ctx, config);
  if (config.report.schedule !== "monthly") return sweep;
  const monthly = await runMonthlyReport(ctx, config);
  return {
    ...sweep,
    notes: [...sweep.notes, ...monthly.notes],
    writes: [...sweep.writes, ...monthly.writes],
    ...(monthly.markdown
      ? { table: [sweep.table, monthly.markdown].filter(Boolean).join("\n\n") }
      : {}),
  };
}

export interface MonthlyReport {
  notes: string[];
  writes: HandlerResult["writes"];
  /** The report written this run, for the job summary; null when the month had it. */
  markdown: string | null;
}

export async function runMonthlyReport(
  ctx: HandlerContext,
  config: Config,
): Promise<MonthlyReport> {
  const run = new Run(ctx);
  const issues = await listReportIssues(ctx.octokit, ctx.repo, config.labels.report);
  const now = ctx.clock();
  const decision = decideScheduledReport(config, issues, ctx.self ?? null, now);
  if (decision.kind === "current") {
    return {
      notes: [`monthly report: #${decision.issue} has the report for ${decision.month} already`],
      writes: [],
      markdown: null,
    };
  }
  const range = { since: null, until: decision.until };
  const markdown = await runReport({
    octokit: ctx.octokit,
    repo: ctx.repo,
    range,
    format: "md",
    now,
    config,
    self: ctx.self ?? null,
    room: decision.room,
  });
  await run.apply(inOrder([decision.write(markdown)]));
  const note = `monthly report: the report for ${decision.month} written to the report issue "${config.report.issue}"`;
  return { notes: [note], writes: run.executor.done, markdown };
}

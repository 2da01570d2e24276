// The Action's report run: `report: true` on workflow_dispatch or schedule writes the
// insights report to the job summary and runs nothing else.
import * as core from "@actions/core";
import type { RunReport } from "./core/run-summary.js";
import type { GitHub, RepoRef } from "./github/client.js";
import { loadConfig } from "./github/load-config.js";
import { runReport } from "./handlers/report.js";
import { parseDate } from "./report-cli.js";

const REPORT_TRIGGERS = ["workflow_dispatch", "schedule"];

export function wantsReport(trigger: string): boolean {
  // getBooleanInput throws on an empty value; an unset input means "no".
  return (
    REPORT_TRIGGERS.includes(trigger) &&
    core.getInput("report") !== "" &&
    core.getBooleanInput("report")
  );
}

export async function reportToSummary(
  octokit: GitHub,
  repo: RepoRef,
  configPath: string | undefined,
  summary: RunReport,
  now: Date,
): Promise<void> {
  const sinceInput = core.getInput("report-since");
  const since = sinceInput ? parseDate(sinceInput) : null;
  if (sinceInput && !since)
    throw new Error(
      `input report-since must be a date like 2026-01-01 or an ISO 8601 time, not "${sinceInput}"`,
    );
  const config = await loadConfig(octokit, repo, configPath);
  const markdown = await runReport({
    octokit,
    repo,
    range: { since, until: null },
    format: "md",
    now,
    config,
  });
  summary.notes.push("hereby wrote the insights report to the job summary");
  core.info(
    `hereby: insights report for ${repo.owner}/${repo.repo}${since ? ` since ${since.slice(0, 10)}` : ""}`,
  );
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
  else core.info(markdown);
}

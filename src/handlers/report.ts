// The insights report, for every shell: gather (three listings, then the reads its
// figures need), compute and render (pure). Writes nothing.
import type { Config } from "../config.js";
import { renderReport, type ReportFormat } from "../core/report/index.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { gatherReport, type ReportRange } from "../github/gather-report.js";
import { loadConfig } from "../github/load-config.js";

export interface ReportRun {
  octokit: GitHub;
  repo: RepoRef;
  range: ReportRange;
  format: ReportFormat;
  now: Date;
  /** Given by a shell that already read it; otherwise read from the repository. */
  config?: Config;
  /** hereby's login, when the shell knows it: review cycles count only its own comments. */
  self?: string | null;
  /** The most characters the Markdown may take (a comment or issue body). */
  room?: number;
}

export async function runReport(run: ReportRun): Promise<string> {
  const config = run.config ?? (await loadConfig(run.octokit, run.repo));
  const data = await gatherReport(run.octokit, run.repo, config, run.range, run.self ?? null);
  return renderReport(
    {
      repository: `${run.repo.owner}/${run.repo.repo}`,
      ...data,
      ...run.range,
      now: run.now,
      self: run.self ?? null,
    },
    config,
    run.format,
    run.room,
  );
}

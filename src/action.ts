// The GitHub Action shell: inputs and the event file in, the same handlers as the App,
// outputs and a job summary out, failures out through core.setFailed once. Which handler
// an event goes to is decided in handlers/index.ts, for every shell alike.
import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { renderRunSummary, type RunReport } from "./core/run-summary.js";
import { createClient, type GitHub } from "./github/client.js";
import { describeWrite, type Logger } from "./github/executor.js";
import { tokenLogin } from "./github/identity.js";
import { missingPermission } from "./github/missing-permission.js";
import { handleTrigger, type HandlerResult } from "./handlers/index.js";
import { redactingLogger, redactLine } from "./log.js";
import { reportToSummary, wantsReport } from "./action-report.js";

/** Everything comes from the Actions environment (inputs are INPUT_* variables there). */
export async function run(): Promise<void> {
  const env = process.env;
  const log = redactingLogger({ info: (m) => core.info(m), warn: (m) => core.warning(m) });
  const trigger = env.GITHUB_EVENT_NAME ?? "";
  const report: RunReport = {
    trigger,
    issue: null,
    dryRun: false,
    reads: [],
    notes: [],
    writes: [],
    outputs: {},
  };
  try {
    const { token, configPath, owner, repo, payload } = await inputs(env, report);
    const octokit = createClient({
      token,
      baseUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    });
    logReads(octokit, report.reads);
    if (wantsReport(trigger))
      return await reportToSummary(octokit, { owner, repo }, configPath, report, new Date());

    const result = await handleTrigger(
      trigger,
      payload,
      {
        octokit,
        repo: { owner, repo },
        clock: () => new Date(),
        log,
        dryRun: report.dryRun,
        ...(configPath ? { configPath } : {}),
        rereadBeforeWrite: true,
      },
      {
        ...(env.GITHUB_RUN_ID ? { id: env.GITHUB_RUN_ID } : {}),
        // The token may be the workflow's, an app's or a person's: a person's is asked who it
        // is; an app's bot is recognised by the marked comments it writes.
        identify: () => tokenLogin(octokit, token),
      },
    );
    finish(result, report, log);
  } catch (error) {
    report.error =
      missingPermission(error, new Date()) ??
      (error instanceof Error ? error.message : String(error));
    core.setFailed(redactLine(report.error));
  } finally {
    if (env.GITHUB_STEP_SUMMARY) await writeSummary(report);
  }
}

/** The job summary; one that can't be written is worth a warning, not a failed run. */
async function writeSummary(report: RunReport): Promise<void> {
  await core.summary
    .addRaw(renderRunSummary(report))
    .write()
    .catch((e: unknown) => core.warning(`hereby: job summary not written: ${String(e)}`));
}

/** The run's inputs, repository and event; the dry-run flag, trigger and issue go into
 * `report` as soon as they are known, so a failure after them still names them. */
async function inputs(env: NodeJS.ProcessEnv, report: RunReport) {
  const token = core.getInput("github-token", { required: true });
  const configPath = core.getInput("config") || undefined;
  // getBooleanInput throws on an empty value; an unset input means "no".
  report.dryRun = core.getInput("dry-run") === "" ? false : core.getBooleanInput("dry-run");
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo)
    throw new Error("GITHUB_REPOSITORY is not set: run hereby inside a GitHub Actions workflow");
  // The runner always writes the event file; a run started by hand may have none.
  const payload = env.GITHUB_EVENT_PATH
    ? (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as Payload)
    : {};
  report.trigger = payload.action ? `${report.trigger}.${payload.action}` : report.trigger;
  report.issue = payload.issue?.number ?? payload.pull_request?.number ?? null;
  return { token, configPath, owner, repo, payload };
}

interface Payload {
  action?: string;
  issue?: { number: number };
  pull_request?: { number: number };
}

/** Logs why, sets the outputs, and fails the run on an invalid config file. */
function finish(result: HandlerResult, report: RunReport, log: Logger): void {
  if (!result.handled) log.info(`hereby: nothing to do: ${result.notes.join("; ")}`);
  else for (const note of result.notes) log.info(note);
  report.notes = result.notes;
  if (result.table) report.table = result.table;
  report.writes = result.writes.map(describeWrite);
  report.outputs = {
    "entries-added": String(result.entriesAdded ?? 0),
    // Requests, not plan entries: a retried POST, a withdrawn duplicate and each step of
    // the postmortem's compound write count (what the rate limit sees).
    writes: String(result.writeRequests ?? result.writes.length),
    "pull-request": result.pullRequest !== undefined ? String(result.pullRequest) : "",
    "reviews-opened": String(result.reviewsOpened ?? 0),
    "reviews-closed": String(result.reviewsClosed ?? 0),
  };
  for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
  if (result.configError) {
    report.error = result.configError.message;
    core.setFailed(redactLine(result.configError.message));
  }
}

/** Collects the route of every read (`GET /repos/{owner}/{repo}/…`) for the summary. */
function logReads(octokit: GitHub, reads: string[]): void {
  octokit.hook.before("request", (options) => {
    if (options.method !== "GET") return;
    reads.push(
      `GET ${String(options.url)
        .replace(/^[a-z]+:\/\/[^/]+/i, "")
        .replace(/\?.*$/, "")}`,
    );
  });
}

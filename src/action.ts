// The GitHub Action shell: inputs and the event file in, the same handlers as the App,
// failures out through core.setFailed once.
import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { createClient } from "./github/client.js";
import { tokenLogin } from "./github/identity.js";
import { handleEvent } from "./handlers/index.js";
import { redactingLogger, redactLine } from "./log.js";

const ISSUE_EVENTS = new Set(["issues", "issue_comment", "pull_request"]);
const SWEEP_EVENTS = new Set(["schedule", "workflow_dispatch"]);

/** Everything comes from the Actions environment (inputs are INPUT_* variables there). */
export async function run(): Promise<void> {
  const env = process.env;
  const log = redactingLogger({ info: (m) => core.info(m), warn: (m) => core.warning(m) });
  try {
    const token = core.getInput("github-token", { required: true });
    const configPath = core.getInput("config") || ".github/hereby.yml";
    // getBooleanInput throws on an empty value; an unset input means "no".
    const dryRun = core.getInput("dry-run") === "" ? false : core.getBooleanInput("dry-run");
    const name = env.GITHUB_EVENT_NAME ?? "";
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
    if (!owner || !repo) throw new Error("GITHUB_REPOSITORY is not set: run hereby inside a GitHub Actions workflow");
    const octokit = createClient({ token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" });

    if (SWEEP_EVENTS.has(name)) {
      core.info(`hereby: ${name} runs the review sweep, which this version does not include yet; nothing to do.`);
      return;
    }
    if (!ISSUE_EVENTS.has(name)) {
      core.info(`hereby: the ${name} event is not one hereby acts on; nothing to do.`);
      return;
    }
    if (!env.GITHUB_EVENT_PATH) throw new Error("GITHUB_EVENT_PATH is not set: the event payload is missing");
    const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as object;
    const event = { id: env.GITHUB_RUN_ID ?? "local", name, payload } as EmitterWebhookEvent;
    const result = await handleEvent(event, {
      octokit,
      repo: { owner, repo },
      clock: () => new Date(),
      log,
      dryRun,
      configPath,
      // The token may be the workflow's, an app's or a person's: a person's is asked who it
      // is; an app's bot is recognised by the marked comments it writes.
      self: await tokenLogin(octokit, token),
      rereadBeforeWrite: true,
    });
    for (const note of result.notes) log.info(note);
    core.setOutput("writes", String(result.writes.length));
    if (result.configError) core.setFailed(redactLine(result.configError.message));
  } catch (error) {
    core.setFailed(redactLine(error instanceof Error ? error.message : String(error)));
  }
}

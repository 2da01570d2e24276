// pull_request.closed: when hereby's postmortem pull request is merged, the incident's
// timeline records it (and the review clock can start from it). Only a pull request
// hereby opened counts, from the branch it names: a person's pull request from a branch
// called `hereby/postmortem-3` is not the postmortem.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { ConfigError } from "../config.js";
import { commentOnce, writtenMarkers } from "../core/declaration.js";
import { incidentOfBranch } from "../core/postmortem/paths.js";
import { mergedReply } from "../core/postmortem/replies.js";
import { isIncidentIssue } from "../core/reducer.js";
import { readPostmortemFile } from "../github/read-postmortem.js";
import { inOrder } from "../core/plan.js";
import { ignored, joined, Run, type HandlerContext, type HandlerResult } from "./context.js";
import { onPostmortemMerged } from "./postmortem-merged.js";

export type PullRequestEvent = EmitterWebhookEvent<"pull_request.closed">;

export async function onPullRequestClosed(
  event: PullRequestEvent,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const pull = event.payload.pull_request;
  if (!pull.merged || !pull.merged_at) return ignored("pull request closed without merging");
  const incident = incidentOfBranch(pull.head.ref);
  if (incident === null || pull.head.repo?.full_name !== event.payload.repository.full_name)
    return ignored("not a postmortem branch");
  const author = pull.user?.login ?? "";
  // hereby's own pull request: its login when known, else a bot's (the Action's token).
  const ours = ctx.self
    ? author.toLowerCase() === ctx.self.toLowerCase()
    : pull.user?.type === "Bot";
  if (!ours) return ignored(`pull request by @${author}, not hereby's postmortem`);

  const run = new Run(ctx);
  let config;
  try {
    config = await run.config();
  } catch (error) {
    if (error instanceof ConfigError) return { ...run.result(), configError: error };
    throw error;
  }
  const snapshot = await run.read(incident);
  if (!isIncidentIssue(snapshot.issue.labels, config))
    return ignored(`#${incident} is not an incident`);
  const written = writtenMarkers(snapshot.comments, ctx.self);
  await run.apply(
    inOrder(commentOnce(written, incident, mergedReply(pull.number, pull.merged_at))),
  );
  const converged = await run.converge({ issue: incident, config });
  // Its action items (table rows, unchecked task lines) become issues under the incident.
  const markdown = pull.merge_commit_sha
    ? await readPostmortemFile(
        ctx.octokit,
        ctx.repo,
        config.postmortem.folder,
        incident,
        pull.merge_commit_sha,
      )
    : null;
  const items =
    markdown !== null
      ? await onPostmortemMerged(run, config, {
          incident,
          pullNumber: pull.number,
          markdown,
          base: pull.base.ref,
        })
      : undefined;
  return run.result(joined(converged.outcome, { notes: [], pullRequest: pull.number }, items));
}

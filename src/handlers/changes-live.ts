// A change as it happens: `deployment_status`, `release`, `workflow_run` and a merged
// `pull_request` in a repository with an open incident update that incident's changes
// list within the delivery, at two requests plus the edit: the open issues (hereby's
// record names its list's comment), then the comment itself (its boxes as people left
// them, and its `updated_at`, which paces the edits to one a minute).
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { parseChanges, renderChanges } from "../core/changes/comment.js";
import {
  deployChange,
  failedRunChange,
  mergeChange,
  releaseChange,
} from "../core/changes/from-github.js";
import { mergeChanges } from "../core/changes/merge.js";
import { mayEditNow, nextEditAt } from "../core/changes/pacing.js";
import type { Change } from "../core/changes/types.js";
import { serverOf } from "../core/escape.js";
import {
  readChangesComment,
  readOpenChangesLists,
  type ChangesListRef,
} from "../github/changes-read.js";
import { inOrder } from "../core/plan.js";
import {
  ignored,
  joined,
  noted,
  Run,
  type HandlerContext,
  type HandlerResult,
  type Outcome,
} from "./context.js";
import { deferRefresh } from "./changes.js";

export const CHANGE_EVENTS = [
  "deployment_status.created",
  "release.published",
  "workflow_run.completed",
] as const;

/** Most open incidents one event updates. */
const MAX_INCIDENTS = 5;

type ChangeEvent =
  | EmitterWebhookEvent<"deployment_status">
  | EmitterWebhookEvent<"release">
  | EmitterWebhookEvent<"workflow_run">
  | EmitterWebhookEvent<"pull_request">;

const isChangeEvent = (event: EmitterWebhookEvent): event is ChangeEvent =>
  ["deployment_status", "release", "workflow_run", "pull_request"].includes(event.name);

/** The change an event is, from its payload alone; null when it is none. */
export function changeOfEvent(event: EmitterWebhookEvent): Change | null {
  if (!isChangeEvent(event)) return null;
  const { repository } = event.payload;
  const repo = repository.full_name;
  const server = serverOf(repository.html_url);
  const branch = repository.default_branch ?? "main";
  switch (event.name) {
    case "deployment_status":
      return deployChange(repo, event.payload.deployment, event.payload.deployment_status, server);
    case "release":
      return releaseChange(repo, event.payload.release);
    case "workflow_run":
      return failedRunChange(repo, event.payload.workflow_run, branch);
    case "pull_request":
      return mergeChange(repo, event.payload.pull_request, branch);
  }
}

export async function onChangeEvent(
  event: EmitterWebhookEvent,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const change = changeOfEvent(event);
  if (!change)
    return ignored(
      `${event.name} is no change hereby lists (not on the default branch, or not failed)`,
    );
  const run = new Run(ctx);
  const lists = await readOpenChangesLists(ctx.octokit, ctx.repo);
  if (lists.length === 0) return ignored("no open incident lists changes here");
  const outcomes = [];
  for (const target of lists.slice(0, MAX_INCIDENTS))
    outcomes.push(await updateList(run, change, target));
  return run.result(joined(...outcomes));
}

async function updateList(run: Run, change: Change, target: ChangesListRef): Promise<Outcome> {
  const { octokit, repo, clock } = run.ctx;
  const comment = await readChangesComment(octokit, repo, target.commentId);
  // Only hereby's own list on this very issue: a body naming another comment is text.
  const ours = run.ctx.self
    ? comment.author?.login.toLowerCase() === run.ctx.self.toLowerCase()
    : comment.author?.type === "Bot";
  const list =
    ours && comment.issueUrl.endsWith(`/issues/${target.issue}`)
      ? parseChanges(comment.body ?? "")
      : null;
  if (!list)
    return noted(`#${target.issue}: comment ${target.commentId} is not hereby's changes list`);
  if (change.at < list.since)
    return noted(`#${target.issue}: the change is before the list's window`);
  const now = clock();
  if (!mayEditNow(comment.updatedAt, now)) {
    // Coalesced: the refresh after the minute reads every list again, this change included.
    deferRefresh(run.ctx, target.issue, nextEditAt(comment.updatedAt, now));
    return noted(`#${target.issue}: changes list updated under a minute ago, update deferred`);
  }
  const body = renderChanges(mergeChanges(list, list.since, [change]), serverOf(target.url));
  const update = { type: "updateComment" as const, issue: target.issue, commentId: comment.id };
  if (body !== comment.body) await run.apply(inOrder([{ ...update, body }]));
  return noted();
}

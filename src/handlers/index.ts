// The one entry every shell calls: a webhook event in, the handler's result out.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { onComment, type CommentEvent } from "./comment.js";
import { ignored, type HandlerContext, type HandlerResult } from "./context.js";
import { onDescriptionEdit, type DescriptionEditEvent } from "./description-edit.js";
import { onIssueChange, type IssueChangeEvent } from "./issue-change.js";
import { onPullRequestClosed, type PullRequestEvent } from "./pull-request.js";
import { runSweep } from "./sweep.js";
import { CHANGE_EVENTS, onChangeEvent } from "./changes-live.js";
import { isChangesEdit, onChangesEdit } from "./changes-tick.js";
import { runScheduled } from "./report-issue.js";

export type { HandlerContext, HandlerResult } from "./context.js";

/** Event names the App subscribes to and the Action reacts to. */
export const HANDLED_EVENTS = [
  "issues.labeled",
  "issues.unlabeled",
  "issues.closed",
  "issues.reopened",
  "issues.edited",
  "issue_comment.created",
  "issue_comment.edited",
  "issue_comment.deleted",
  "pull_request.closed",
  // What changed: each updates the changes list of the repository's open incidents.
  ...CHANGE_EVENTS,
] as const;

export type HandledEvent =
  | CommentEvent
  | IssueChangeEvent
  | DescriptionEditEvent
  | PullRequestEvent
  | EmitterWebhookEvent<
      "deployment_status.created" | "release.published" | "workflow_run.completed"
    >;

export function isHandled(event: EmitterWebhookEvent): event is HandledEvent {
  const action = (event.payload as { action?: string }).action;
  return (HANDLED_EVENTS as readonly string[]).includes(`${event.name}.${action ?? ""}`);
}

const isDescriptionEdit = (event: HandledEvent): event is DescriptionEditEvent =>
  event.name === "issues" && event.payload.action === "edited";

export async function handleEvent(
  event: EmitterWebhookEvent,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  if (!isHandled(event)) {
    const action = (event.payload as { action?: string }).action;
    return ignored(`${event.name}${action ? `.${action}` : ""} is not an event hereby handles`);
  }
  if (event.name === "issue_comment") {
    // A box in hereby's changes list: who may keep is asked of GitHub, for the editor.
    if (ctx.identity && (event.payload.comment.body ?? "").startsWith("<!-- hereby:changes "))
      ctx = { ...ctx, self: await ctx.identity };
    if (isChangesEdit(event, ctx.self ?? null)) return onChangesEdit(event, ctx);
    return onComment(event, ctx);
  }
  if (isDescriptionEdit(event)) return onDescriptionEdit(event, ctx);
  if (event.name === "pull_request") {
    // hereby's postmortem merged, else perhaps a change to list.
    const postmortem = await onPullRequestClosed(event, ctx);
    return postmortem.handled || !event.payload.pull_request.merged
      ? postmortem
      : onChangeEvent(event, ctx);
  }
  if (
    event.name === "deployment_status" ||
    event.name === "release" ||
    event.name === "workflow_run"
  )
    return onChangeEvent(event, ctx);
  return onIssueChange(event, ctx);
}

/** Workflow triggers that run the review sweep instead of handling one issue's event. */
export const SWEEP_TRIGGERS: readonly string[] = ["schedule", "workflow_dispatch"];

export interface TriggerOptions {
  /** The workflow run's id, as the event's id. */
  id?: string;
  /** Asks who the token is (ctx.self), only when the event is one hereby acts on: events
   * it ignores cost no request. */
  identify?: () => Promise<string | null>;
}

/** What a workflow run hands over: the trigger's name (`issues`, `schedule`, …) and its
 * payload. Webhook events go to handleEvent; the schedule runs the sweep. */
export async function handleTrigger(
  name: string,
  payload: object,
  ctx: HandlerContext,
  options: TriggerOptions = {},
): Promise<HandlerResult> {
  if (SWEEP_TRIGGERS.includes(name)) {
    const withSelf = options.identify ? { ...ctx, self: await options.identify() } : ctx;
    // The schedule also writes the monthly report when the config asks for it.
    return name === "schedule" ? runScheduled(withSelf) : runSweep(withSelf);
  }
  const event = { id: options.id ?? "workflow", name, payload } as EmitterWebhookEvent;
  if (!isHandled(event)) return handleEvent(event, ctx);
  if (!options.identify) return handleEvent(event, ctx);
  // A command comment asks who the token is while its reads are under way, not before.
  if (event.name === "issue_comment") {
    const identity = options.identify();
    identity.catch(() => {});
    return handleEvent(event, { ...ctx, identity });
  }
  return handleEvent(event, { ...ctx, self: await options.identify() });
}

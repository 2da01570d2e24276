// The one entry every shell calls: a webhook event in, the handler's result out.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { onComment, type CommentEvent } from "./comment.js";
import { ignored, type HandlerContext, type HandlerResult } from "./context.js";
import { onDescriptionEdit, type DescriptionEditEvent } from "./description-edit.js";
import { onIssueChange, type IssueChangeEvent } from "./issue-change.js";

export type { HandlerContext, HandlerResult } from "./context.js";

/** Event names the App subscribes to and the Action reacts to. */
export const HANDLED_EVENTS = [
  "issues.labeled",
  "issues.closed",
  "issues.reopened",
  "issues.edited",
  "issue_comment.created",
  "issue_comment.edited",
  "issue_comment.deleted",
] as const;

export type HandledEvent = CommentEvent | IssueChangeEvent | DescriptionEditEvent;

export function isHandled(event: EmitterWebhookEvent): event is HandledEvent {
  const action = (event.payload as { action?: string }).action;
  return (HANDLED_EVENTS as readonly string[]).includes(`${event.name}.${action ?? ""}`);
}

const isDescriptionEdit = (event: HandledEvent): event is DescriptionEditEvent =>
  event.name === "issues" && event.payload.action === "edited";

export async function handleEvent(event: EmitterWebhookEvent, ctx: HandlerContext): Promise<HandlerResult> {
  if (!isHandled(event)) return ignored(`${event.name} is not an event hereby handles`);
  if (event.name === "issue_comment") return onComment(event, ctx);
  if (isDescriptionEdit(event)) return onDescriptionEdit(event, ctx);
  return onIssueChange(event, ctx);
}

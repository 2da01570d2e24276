// Issue comments, reactions on them, the issue timeline and issue events.
import { renderComment, renderEvent, renderReaction, renderTimelineComment } from "../render.js";
import { REACTION_CONTENTS, type ReactionContent, type TimelineItem } from "../shapes.js";
import type { CommentRecord } from "../state.js";
import {
  created,
  forbidden,
  hasLevel,
  intParam,
  issueParam,
  noContent,
  notFound,
  ok,
  optString,
  paginate,
  requireLevel,
  reqString,
  validationFailed,
  type Handler,
  type RouteContext,
} from "./context.js";

function commentParam(ctx: RouteContext): CommentRecord {
  const c = ctx.state.comments.get(intParam(ctx, "comment_id"));
  if (!c) throw notFound();
  return c;
}

function requireAuthorOrWrite(ctx: RouteContext, c: CommentRecord): string {
  const login = requireLevel(ctx, "read");
  if (c.user.toLowerCase() !== login.toLowerCase() && !hasLevel(ctx, "write")) throw forbidden();
  return login;
}

const list: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  const since = ctx.query.get("since");
  const comments = ctx.state
    .commentsOf(issue.number)
    .filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since));
  return paginate(
    ctx,
    comments.map((c) => renderComment(ctx.state, c)),
  );
};

const create: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  const body = reqString(ctx.body, "body");
  if (body.length > 65536)
    throw validationFailed([
      {
        resource: "IssueComment",
        code: "custom",
        field: "body",
        message: "body is too long (maximum is 65536 characters)",
      },
    ]);
  const c = ctx.state.addComment(login, issue, body);
  const rendered = renderComment(ctx.state, c);
  return created(rendered, rendered.url);
};

const get: Handler = (ctx) => {
  requireLevel(ctx, "read");
  return ok(renderComment(ctx.state, commentParam(ctx)));
};

const update: Handler = (ctx) => {
  const c = commentParam(ctx);
  const login = requireAuthorOrWrite(ctx, c);
  ctx.state.editComment(login, c, reqString(ctx.body, "body"));
  return ok(renderComment(ctx.state, c));
};

const remove: Handler = (ctx) => {
  const c = commentParam(ctx);
  const login = requireAuthorOrWrite(ctx, c);
  ctx.state.deleteComment(login, c);
  return noContent();
};

const timeline: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  const items: TimelineItem[] = issue.timeline.map((t) =>
    t.kind === "comment"
      ? renderTimelineComment(ctx.state, ctx.state.comments.get(t.id)!)
      : renderEvent(ctx.state, ctx.state.events.get(t.id)!),
  );
  return paginate(ctx, items);
};

const events: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  return paginate(
    ctx,
    ctx.state.eventsOf(issue.number).map((e) => renderEvent(ctx.state, e)),
  );
};

function isReactionContent(v: string | undefined): v is ReactionContent {
  return (REACTION_CONTENTS as readonly string[]).includes(v ?? "");
}

const react: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const c = commentParam(ctx);
  const content = optString(ctx.body, "content");
  if (!isReactionContent(content))
    throw validationFailed([{ resource: "Reaction", code: "invalid", field: "content" }]);
  const { reaction, created: isNew } = ctx.state.react(login, c, content);
  return isNew
    ? created(renderReaction(ctx.state, reaction))
    : ok(renderReaction(ctx.state, reaction));
};

const reactions: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const c = commentParam(ctx);
  const content = ctx.query.get("content");
  const list = ctx.state.reactionsOf(c.id).filter((r) => !content || r.content === content);
  return paginate(
    ctx,
    list.map((r) => renderReaction(ctx.state, r)),
  );
};

/** Only the reaction's author (or an admin) may take it away; 204 either way it's gone. */
const unreact: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const c = commentParam(ctx);
  const id = Number(ctx.params.reaction_id);
  const reaction = ctx.state.reactions.get(id);
  if (!reaction || reaction.commentId !== c.id) throw notFound();
  if (reaction.user.toLowerCase() !== login.toLowerCase() && !hasLevel(ctx, "admin"))
    throw forbidden("Must have admin rights to Repository.");
  ctx.state.reactions.delete(id);
  return noContent();
};

export const commentRoutes: Record<string, Handler> = {
  "reactions/delete-for-issue-comment": unreact,
  "issues/list-comments": list,
  "issues/create-comment": create,
  "issues/get-comment": get,
  "issues/update-comment": update,
  "issues/delete-comment": remove,
  "issues/list-events-for-timeline": timeline,
  "issues/list-events": events,
  "reactions/create-for-issue-comment": react,
  "reactions/list-for-issue-comment": reactions,
};

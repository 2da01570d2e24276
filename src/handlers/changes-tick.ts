// A box ticked or unticked in hereby's changes list (issue_comment.edited): the person who
// edited (the event's sender, as GitHub says) keeps the change, or takes it back, if they
// have the configured permission. Otherwise hereby puts the boxes back as they were and
// says why. The list is rewritten from the comment as it is now, so a tick made meanwhile
// by someone else is not lost.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { parseChanges, renderChanges } from "../core/changes/comment.js";
import { applyTicks, tickChanges } from "../core/changes/merge.js";
import { isoSeconds } from "../core/changes/window.js";
import { commentOnce, writtenMarkers } from "../core/declaration.js";
import { serverOf } from "../core/escape.js";
import { marker, textHash } from "../core/markers.js";
import { readChangesComment } from "../github/changes-read.js";
import { allows, readPermission } from "../github/permission.js";
import { inOrder } from "../core/plan.js";
import { ignored, noted, Run, type HandlerContext, type HandlerResult } from "./context.js";

type Edited = EmitterWebhookEvent<"issue_comment.edited">;

/** The delivery is an edit of hereby's changes list by someone else. */
export function isChangesEdit(event: EmitterWebhookEvent, self: string | null): event is Edited {
  if (event.name !== "issue_comment") return false;
  const p = event.payload as Edited["payload"];
  if (p.action !== "edited" || !(p.comment.body ?? "").startsWith("<!-- hereby:changes "))
    return false;
  const author = p.comment.user?.login.toLowerCase() ?? "";
  const ours = self ? author === self.toLowerCase() : p.comment.user?.type === "Bot";
  return ours && p.sender.login.toLowerCase() !== author && p.sender.type !== "Bot";
}

export async function onChangesEdit(event: Edited, ctx: HandlerContext): Promise<HandlerResult> {
  const p = event.payload;
  const before = parseChanges(p.changes.body?.from ?? "");
  const after = parseChanges(p.comment.body ?? "");
  if (!after) return ignored("the changes list no longer reads as one");
  const ticks = tickChanges(before, after);
  if (ticks.length === 0) return ignored("no box changed in the changes list");
  const run = new Run(ctx);
  const { octokit, repo } = ctx;
  const editor = p.sender.login;
  const [config, level, fresh] = await Promise.all([
    run.config(),
    readPermission(octokit, repo, editor),
    readChangesComment(octokit, repo, p.comment.id),
  ]);
  const current = parseChanges(fresh.body ?? "") ?? after;
  const allowed = allows(level, config.permission);
  const server = serverOf(p.issue.html_url);
  const issue = p.issue.number;
  // Refused: the boxes go back as they were, whatever else the comment holds now.
  const next = allowed
    ? applyTicks(current, ticks, editor, isoSeconds(ctx.clock()))
    : {
        ...current,
        entries: current.entries.map((e) =>
          ticks.some((t) => t.key === e.change.key) ? { ...e, ticked: e.kept !== undefined } : e,
        ),
      };
  const body = renderChanges(next, server);
  if (body !== fresh.body)
    await run.apply(inOrder([{ type: "updateComment", issue, commentId: p.comment.id, body }]));
  if (!allowed) {
    const snapshot = await run.read(issue);
    const mark = marker(
      "refused",
      `changes-${p.comment.id}-${editor}-${textHash(p.comment.body ?? "")}`,
    );
    const reply = `${mark}\nSorry @${editor}, keeping a change needs at least **${config.permission}** access to this repository, so your tick in [the changes list](#issuecomment-${p.comment.id}) was taken back. Ask someone with ${config.permission} access to keep it.`;
    const written = writtenMarkers(snapshot.comments, ctx.self);
    await run.apply(inOrder(commentOnce(written, issue, { body: reply, marker: mark })));
    return run.result(noted(`refused: @${editor} has ${level}, needs ${config.permission}`));
  }
  const { outcome } = await run.converge({ issue, config });
  return run.result(outcome);
}

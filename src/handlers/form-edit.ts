// A person's edit of an incident's description: when it changes the form's "When did it
// start?", the impact start moves only if GitHub says the edit's sender holds the
// commands' permission; any other such edit is recorded as an edit, and the start stays.
// Other description edits cost no request.
import { ConfigError } from "../config.js";
import { writtenMarkers, commentOnce } from "../core/declaration.js";
import { formEditReply, formStartFacts, formStartIn } from "../core/form-start.js";
import { isIncidentIssue } from "../core/reducer.js";
import { allows, readPermission } from "../github/permission.js";
import { inOrder } from "../core/plan.js";
import { ignored, joined, noted, Run, type HandlerContext, type HandlerResult } from "./context.js";
import type { EmitterWebhookEvent } from "@octokit/webhooks";

type DescriptionEditEvent = EmitterWebhookEvent<"issues.edited">;

/** The raw answer under the form's "When did it start?" heading: compared before any read. */
const startAnswer = (body: string | null | undefined) =>
  /^### When did it start\?\s*\n+([^\n]*)/m.exec(body ?? "")?.[1]?.trim() ?? "";

export async function onFormEdit(
  event: DescriptionEditEvent,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const { payload } = event;
  const from = payload.changes.body?.from;
  if (from === undefined || startAnswer(from) === startAnswer(payload.issue.body))
    return ignored("the form's start did not change");
  const run = new Run(ctx);
  let config;
  try {
    config = await run.config();
  } catch (error) {
    if (error instanceof ConfigError) return ignored("the config is invalid");
    throw error;
  }
  const n = payload.issue.number;
  const opened = { at: payload.issue.created_at, by: payload.issue.user?.login ?? "ghost" };
  const after = formStartIn(payload.issue.body ?? null, config, opened);
  const [snapshot, permission] = await Promise.all([
    run.read(n),
    readPermission(ctx.octokit, ctx.repo, payload.sender.login),
  ]);
  if (!isIncidentIssue(snapshot.issue.labels, config)) return ignored(`#${n} is not an incident`);
  const standing = formStartFacts(snapshot.comments, ctx.self ?? null).formStart;
  const before = standing !== undefined ? standing : formStartIn(from, config, opened);
  if (before === after) return ignored("the form's start stands as it was");
  const allowed = payload.sender.type !== "Bot" && allows(permission, config.permission);
  const reply = formEditReply({
    before,
    after,
    sender: payload.sender.login,
    allowed,
    required: config.permission,
    body: payload.issue.body ?? "",
  });
  await run.apply(inOrder(commentOnce(writtenMarkers(snapshot.comments, ctx.self), n, reply)));
  const { outcome } = await run.converge({ issue: n, config });
  const applied = allowed ? "applied" : "recorded, not applied";
  const note = `#${n}: the form's start edited by @${payload.sender.login}: ${applied}`;
  return run.result(joined(outcome, noted(note)));
}

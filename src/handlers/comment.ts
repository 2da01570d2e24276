// issue_comment created / edited / deleted: the command line of an incident.
// Gather (src/github/gather-comment.ts), then the answer (handlers/answer.ts: decide with
// src/core/comment-verdict.ts, pure, and apply). Cheap checks come first, from the delivery
// alone: a bot, no command, no incident (the payload's labels): those cost at most the config
// read.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { ConfigError, defaultConfig, type Config } from "../config.js";
import { hasCommandSyntax, parseComment } from "../core/commands.js";
import { isReportLine } from "../core/comment-verdict.js";
import { commentOnce, writtenMarkers } from "../core/declaration.js";
import { isIncidentIssue } from "../core/reducer.js";
import { configReply } from "../core/replies.js";
import type { IssueSnapshot } from "../core/types.js";
import { gatherComment } from "../github/gather-comment.js";
import { inOrder } from "../core/plan.js";
import { answer } from "./answer.js";
import { ignored, Run, type HandlerContext, type HandlerResult } from "./context.js";

export type CommentEvent = EmitterWebhookEvent<
  "issue_comment.created" | "issue_comment.edited" | "issue_comment.deleted"
>;
type Payload = CommentEvent["payload"];

export async function onComment(
  event: CommentEvent,
  given: HandlerContext,
): Promise<HandlerResult> {
  const { payload } = event;
  const ctx: HandlerContext = { ...given };
  // Who hereby is matters before any read only for a comment carrying its mark.
  if (ctx.identity && (payload.comment.body ?? "").startsWith("<!-- hereby:"))
    ctx.self = await ctx.identity;
  const skip = screen(payload, ctx.self ?? null);
  if (skip) return ignored(skip);
  const run = new Run(ctx);
  const issue = payload.issue.number;
  const author = payload.comment.user?.login ?? payload.sender.login;
  const commands = hasCommandSyntax(payload.comment.body ?? "");
  const association = payload.comment.author_association;
  const subIssues =
    ((payload.issue as { sub_issues_summary?: { total: number } }).sub_issues_summary?.total ?? 0) >
    0;
  const defaultBranch = payload.repository.default_branch;
  const at = {
    issue,
    commentId: payload.comment.id,
    author,
    edited: payload.action === "edited",
    commands,
    association,
    subIssues,
    defaultBranch,
  };
  // With the default label on the issue (or a declaring comment) the reads start with the
  // config's: one round trip. Anything else waits for the config, and mostly stops there.
  const deleted = payload.action === "deleted";
  const likely = concerns(payload, defaultConfig);
  if (likely) run.watch(issue);
  const early = likely && !deleted ? gatherComment(ctx.octokit, ctx.repo, at) : null;
  const earlySnapshot = likely && deleted ? run.read(issue) : null;
  for (const p of [early, earlySnapshot]) p?.catch(() => {});
  const loaded = await loadConfigOrError(run);
  if (ctx.identity) ctx.self = await ctx.identity;
  if ("error" in loaded)
    return answerInvalidConfig(
      run,
      payload,
      loaded.error,
      (await early)?.snapshot ?? (await earlySnapshot),
    );
  const config = loaded.config;
  if (deleted) {
    if (!isIncidentIssue(labelsOf(payload), config)) return ignored("not an incident");
    const first = (await earlySnapshot) ?? undefined;
    return run.result((await run.converge({ issue, config, first })).outcome);
  }
  if (!concerns(payload, config))
    return ignored("not an incident, and the comment doesn't declare one");
  const reads = await (early ?? gatherComment(ctx.octokit, ctx.repo, at));
  return answer(run, config, reads, payload.comment.id);
}

function loadConfigOrError(run: Run): Promise<{ config: Config } | { error: ConfigError }> {
  return run.config().then(
    (config) => ({ config }),
    (error: unknown) => {
      if (error instanceof ConfigError) return { error };
      throw error;
    },
  );
}

/** The payload's labels say it is an incident, or the comment declares one or asks for
 * the report (`/report` works on any issue). */
function concerns(payload: Payload, config: Config): boolean {
  return (
    isIncidentIssue(labelsOf(payload), config) || readsAsHereby(payload.comment.body ?? "", config)
  );
}

/** What the delivery alone says is none of hereby's business. */
function screen(payload: Payload, self: string | null): string | null {
  if (payload.sender.type === "Bot" || payload.comment.user?.type === "Bot")
    return "comment by a bot";
  const body = payload.comment.body ?? "";
  // hereby's own comments (written with a person's token in the Action): by its identity
  // and carrying its mark. Anyone else's comment is read, whatever it starts with.
  const author = (payload.comment.user?.login ?? "").toLowerCase();
  if (self !== null && author === self.toLowerCase() && body.startsWith("<!-- hereby:"))
    return "hereby's own comment";
  if (payload.issue.pull_request) return "comment on a pull request";
  const previous = payload.action === "edited" ? (payload.changes.body?.from ?? "") : "";
  if (!hasCommandSyntax(body) && !hasCommandSyntax(previous)) return "no command in the comment";
  return null;
}

const labelsOf = (payload: Payload): string[] =>
  (payload.issue.labels ?? []).flatMap((l) => (l ? [l.name] : []));

function readsAsHereby(body: string, config: Config): boolean {
  const parsed = parseComment(body, { config, author: "", postedAt: new Date(0).toISOString() });
  return (
    parsed.declares ||
    parsed.lines.some((l) => (l.ok && l.command.name === "declare") || isReportLine(l))
  );
}

/** Without a valid config only the default names are known: answer on incidents and on
 * comments that declare one, not on every `/word` anywhere. */
async function answerInvalidConfig(
  run: Run,
  payload: Payload,
  error: ConfigError,
  read: IssueSnapshot | null,
): Promise<HandlerResult> {
  if (!concerns(payload, defaultConfig))
    return { ...ignored("invalid config, and not an incident"), configError: error };
  const snapshot = read ?? (await run.read(payload.issue.number));
  await run.apply(
    inOrder(
      commentOnce(
        writtenMarkers(snapshot.comments, run.ctx.self),
        payload.issue.number,
        configReply(error),
      ),
    ),
  );
  return { ...run.result(), configError: error };
}

// issue_comment created / edited / deleted: the command line of an incident.
// Gather (src/github/gather-comment.ts), decide (src/core/comment-verdict.ts, pure), apply
// (the executor, through Run). Cheap checks come first, from the delivery alone: a bot, no
// command, no incident (the payload's labels): those cost at most the config read.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { ConfigError, defaultConfig, type Config } from "../config.js";
import { hasCommandSyntax, parseComment } from "../core/commands.js";
import { acceptedPlan, mistakePlan, notYetGiven, type PriorVerdict } from "../core/comment-plan.js";
import { decideComment, type CommentDecision } from "../core/comment-verdict.js";
import { commentOnce, writtenMarkers } from "../core/declaration.js";
import { isIncidentIssue } from "../core/reducer.js";
import { configReply } from "../core/replies.js";
import { resolveSelf } from "../core/self.js";
import type { Incident, IssueSnapshot } from "../core/types.js";
import type { Write } from "../core/plan.js";
import {
  ensurePermission,
  gatherAssignable,
  gatherComment,
  type CommentReads,
} from "../github/gather-comment.js";
import { ignored, Run, type HandlerContext, type HandlerResult } from "./context.js";
import { declareIncident, startLabelRead } from "./declare.js";
import { commentTrigger, runPostmortem } from "./postmortem.js";
import { actionItemsHelp } from "../core/action-items/record-rows.js";
import { planActionCommands, type ActionPlan } from "./action-items.js";
import { loadTemplate } from "../templates.js";
import { reportReplies } from "./report-command.js";
import { isReportLine } from "../core/comment-verdict.js";
import { planKeeps } from "./changes.js";
import { impactOffer } from "../core/impact.js";

export type CommentEvent = EmitterWebhookEvent<
  "issue_comment.created" | "issue_comment.edited" | "issue_comment.deleted"
>;
type Payload = CommentEvent["payload"];
type Mistake = Extract<CommentDecision, { kind: "rejected" | "refused" }>;
type Accepted = Extract<CommentDecision, { kind: "accepted" }>;

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
    await run.converge({ issue, config, first: (await earlySnapshot) ?? undefined });
    return run.result();
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
    commentOnce(
      writtenMarkers(snapshot.comments, run.ctx.self),
      payload.issue.number,
      configReply(error),
    ),
  );
  return { ...run.result(), configError: error };
}

async function answer(
  run: Run,
  config: Config,
  reads: CommentReads,
  commentId: number,
): Promise<HandlerResult> {
  const { ctx } = run;
  const self = resolveSelf(reads.snapshot.comments, ctx.self);
  const current = reads.snapshot.comments.find((c) => c.id === commentId);
  const permission =
    current && hasCommandSyntax(current.body)
      ? await ensurePermission(ctx.octokit, ctx.repo, reads, current.author)
      : "none";
  reads.permission = permission;
  const facts = {
    snapshot: reads.snapshot,
    commentId,
    permission,
    assignable: new Map<string, boolean>(),
    self,
  };
  let decision = decideComment(facts, config);
  // Only now, with the author's permission passed: one request per distinct lead, bounded.
  if (decision.kind === "check") {
    facts.assignable = await gatherAssignable(ctx.octokit, ctx.repo, decision.users);
    decision = decideComment(facts, config);
  }
  const prior: PriorVerdict = { reactions: reads.reactions, self };
  switch (decision.kind) {
    case "ignored":
      return ignored(decision.reason);
    case "check":
      throw new Error("assignability asked twice");
    case "dropped":
      await run.converge({ issue: reads.snapshot.issue.number, config, first: reads.snapshot });
      return run.result();
    case "rejected":
    case "refused":
      return answerMistake(run, config, reads, decision, prior);
    case "accepted": {
      // `/action` lines are planned once the author may command.
      if (!decision.declares && !isIncidentIssue(reads.snapshot.issue.labels, config))
        return answerReportOnly(run, config, reads, decision, prior);
      const actions = await planActionCommands(
        ctx,
        config,
        decision.parsed.lines,
        reads.snapshot.issue.number,
        commentId,
        decision.comment.author,
      );
      if (actions?.rejected.length)
        return answerMistake(
          run,
          config,
          reads,
          { kind: "rejected", comment: decision.comment, lines: actions.rejected, inRecord: true },
          prior,
        );
      // `/keep` lines toggle entries of hereby's changes list (its keepers feed the record).
      const keeps = planKeeps(
        decision.parsed.lines,
        reads.snapshot,
        decision.comment,
        ctx.self ?? null,
      );
      if (keeps?.rejected.length)
        return answerMistake(
          run,
          config,
          reads,
          { kind: "rejected", comment: decision.comment, lines: keeps.rejected, inRecord: true },
          prior,
        );
      return answerAccepted(run, config, reads, decision, prior, actions, keeps?.writes ?? []);
    }
  }
}

async function answerMistake(
  run: Run,
  config: Config,
  reads: CommentReads,
  decision: Mistake,
  prior: PriorVerdict,
): Promise<HandlerResult> {
  const { comment } = decision;
  // The verdict and the replies don't depend on each other: sent together.
  await run.executor.applyTogether(
    mistakePlan(decision, reads.snapshot, config, prior, run.ctx.self),
  );
  // An edit can turn an accepted comment into a mistake: its entries leave the record.
  const known = decision.kind === "refused" ? new Map([[comment.author, false]]) : undefined;
  if (decision.inRecord)
    await run.converge({ issue: reads.snapshot.issue.number, config, known, handled: comment.id });
  run.notes.push(
    decision.kind === "rejected"
      ? `rejected: ${decision.lines.map((l) => l.error).join("; ")}`
      : `refused: @${comment.author} has ${decision.permission}, needs ${decision.required}`,
  );
  return run.result();
}

async function answerAccepted(
  run: Run,
  config: Config,
  reads: CommentReads,
  decision: Accepted,
  prior: PriorVerdict,
  actions: ActionPlan | null,
  keeps: Write[] = [],
): Promise<HandlerResult> {
  const { comment, parsed } = decision;
  const { snapshot } = reads;
  const wasIncident = isIncidentIssue(snapshot.issue.labels, config);
  await run.apply([...(actions?.writes ?? []), ...keeps]);
  const known = knownOf(decision);
  // New action items are read back into the record.
  const reread = Boolean(actions?.writes.length || keeps.length);
  const { given, postmortem } = wasIncident
    ? await applyToRecord(run, config, reads, decision, prior, reread)
    : {
        given: [],
        postmortem: await declareIncident(
          run,
          config,
          snapshot,
          startLabelRead(run),
          known,
          comment.id,
        ).then(() => null),
      };
  const report = await reportReplies(
    run,
    config,
    snapshot,
    comment,
    parsed,
    reads.permission ?? "none",
  );
  const replies = [
    ...(actions?.reply ? [actions.reply] : []),
    ...report,
    ...offerOf(run.incident, comment.id),
  ];
  const extra = {
    helpTemplate: loadTemplate("help.md"),
    helpSuffix: actionItemsHelp(snapshot.actionItems),
    replies,
  };
  const applied = {
    comment,
    parsed,
    incident: run.incident,
    after: run.snapshot ?? snapshot,
    wasIncident,
    ...extra,
  };
  // The verdict as the comment stands now, counting the 👍 given with the record (not sent again).
  const now: PriorVerdict = {
    ...prior,
    reactions: [...(prior.reactions ?? []), ...givenBy(run, comment.id, prior.self)],
  };
  await run.executor.applyTogether(
    notYetGiven(acceptedPlan(applied, config, now, run.ctx.self), given),
  );
  await postmortem;
  const trigger = wasIncident
    ? null
    : commentTrigger(
        parsed.lines,
        run.incident,
        comment.id,
        writtenMarkers(snapshot.comments, run.ctx.self),
      );
  if (run.incident && trigger) await runPostmortem(run, config, run.incident, snapshot, trigger);
  return run.result();
}

/** `/report` alone needs only read access: that says nothing about the author's other commands. */
function knownOf(decision: Accepted): Map<string, boolean> | undefined {
  const reportOnly = !decision.declares && decision.parsed.lines.every(isReportLine);
  return reportOnly ? undefined : new Map([[decision.comment.author, true]]);
}

/** The record, written with the comment's 👍. A postmortem the comment asks for goes
 * alongside: its reads with the record's PATCH, its writes while the record is read back. */
async function applyToRecord(
  run: Run,
  config: Config,
  reads: CommentReads,
  decision: Accepted,
  prior: PriorVerdict,
  reread: boolean,
) {
  const { comment, parsed } = decision;
  const { snapshot } = reads;
  const record = run.reconcile({
    issue: snapshot.issue.number,
    config,
    first: reread ? undefined : snapshot,
    known: knownOf(decision),
    handled: comment.id,
    verdict: { comment: comment.id, prior },
  });
  const written = writtenMarkers(snapshot.comments, run.ctx.self);
  const around = { defaultBranch: reads.defaultBranch, written: record.written, done: record.done };
  const postmortem = record.planned.then((incident) => {
    const trigger = commentTrigger(parsed.lines, incident, comment.id, written);
    return trigger ? runPostmortem(run, config, incident, snapshot, trigger, around) : undefined;
  });
  postmortem.catch(() => {}); // awaited by the caller once the verdict is given
  const { given } = await record.done;
  return { given, postmortem };
}

/** A backdated entry before the declaration, offered as the impact start. */
function offerOf(
  incident: Incident | null | undefined,
  commentId: number,
): { body: string; marker: string }[] {
  const offer = incident ? impactOffer(incident, commentId) : null;
  return offer ? [offer] : [];
}

/** Reactions this run gave to a comment, as the comment's reaction list shows them. */
function givenBy(
  run: Run,
  commentId: number,
  self: string | null,
): NonNullable<PriorVerdict["reactions"]> {
  return run.executor.reacted
    .filter((r) => r.commentId === commentId)
    .map((r) => ({ id: r.id, content: r.content, login: self, isBot: true }));
}

/** `/report` on an issue that is no incident: the report, then 👍. */
async function answerReportOnly(
  run: Run,
  config: Config,
  reads: CommentReads,
  decision: Accepted,
  prior: PriorVerdict,
): Promise<HandlerResult> {
  const { comment, parsed } = decision;
  const replies = await reportReplies(
    run,
    config,
    reads.snapshot,
    comment,
    parsed,
    reads.permission ?? "none",
  );
  const applied = {
    comment,
    parsed,
    incident: undefined,
    after: reads.snapshot,
    wasIncident: false,
    replies,
    helpTemplate: loadTemplate("help.md"),
  };
  await run.apply(acceptedPlan(applied, config, prior, run.ctx.self));
  return run.result();
}

// The answer to a command comment, once gathered: decided (core/comment-verdict.ts), then
// a mistake gets 😕 and its reply; an accepted comment its record (github/reconcile.ts,
// the 👍 with the PATCH), its replies, and the postmortem it asks for.
import type { Config } from "../config.js";
import { actionItemsHelp } from "../core/action-items/record-rows.js";
import { hasCommandSyntax } from "../core/commands.js";
import { acceptedPlan, mistakePlan, notYetGiven, type PriorVerdict } from "../core/comment-plan.js";
import { decideComment, isReportLine, type CommentDecision } from "../core/comment-verdict.js";
import { writtenMarkers } from "../core/declaration.js";
import { impactOffer } from "../core/impact.js";
import { inOrder, together, type Write } from "../core/plan.js";
import { isIncidentIssue } from "../core/reducer.js";
import { resolveSelf } from "../core/self.js";
import type { Incident } from "../core/types.js";
import { ensurePermission, gatherAssignable, type CommentReads } from "../github/gather-comment.js";
import { loadTemplate } from "../templates.js";
import { planActionCommands, type ActionPlan } from "./action-items.js";
import { planKeeps } from "./changes.js";
import { ignored, joined, noted, type HandlerResult, type Outcome, type Run } from "./context.js";
import { declareIncident, startLabelRead } from "./declare.js";
import { commentTrigger, runPostmortem } from "./postmortem.js";
import { reportReplies } from "./report-command.js";

type Mistake = Extract<CommentDecision, { kind: "rejected" | "refused" }>;
type Accepted = Extract<CommentDecision, { kind: "accepted" }>;

export async function answer(
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
    case "dropped": {
      const issue = reads.snapshot.issue.number;
      const { outcome } = await run.converge({ issue, config, first: reads.snapshot });
      return run.result(outcome);
    }
    case "rejected":
    case "refused":
      return answerMistake(run, config, reads, decision, prior);
    case "accepted":
      return answerCommand(run, config, reads, decision, prior);
  }
}

/** An accepted comment: `/action` and `/keep` lines are planned once the author may
 * command (a line they reject makes the comment a mistake), then the record and replies. */
async function answerCommand(
  run: Run,
  config: Config,
  reads: CommentReads,
  decision: Accepted,
  prior: PriorVerdict,
): Promise<HandlerResult> {
  const { ctx } = run;
  const { comment, parsed } = decision;
  if (!decision.declares && !isIncidentIssue(reads.snapshot.issue.labels, config))
    return answerReportOnly(run, config, reads, decision, prior);
  const issue = reads.snapshot.issue.number;
  const actions = await planActionCommands(
    ctx,
    config,
    parsed.lines,
    issue,
    comment.id,
    comment.author,
  );
  // `/keep` lines toggle entries of hereby's changes list (its keepers feed the record).
  const keeps = actions?.rejected.length
    ? null
    : planKeeps(parsed.lines, reads.snapshot, comment, ctx.self ?? null);
  const rejected = actions?.rejected.length ? actions.rejected : (keeps?.rejected ?? []);
  if (rejected.length > 0) {
    const mistake: Mistake = { kind: "rejected", comment, lines: rejected, inRecord: true };
    return answerMistake(run, config, reads, mistake, prior);
  }
  return answerAccepted(run, config, reads, decision, prior, actions, keeps?.writes ?? []);
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
  await run.apply(together(mistakePlan(decision, reads.snapshot, config, prior, run.ctx.self)));
  // An edit can turn an accepted comment into a mistake: its entries leave the record.
  const known = decision.kind === "refused" ? new Map([[comment.author, false]]) : undefined;
  const issue = reads.snapshot.issue.number;
  const converged = decision.inRecord
    ? await run.converge({ issue, config, known, handled: comment.id })
    : undefined;
  const note =
    decision.kind === "rejected"
      ? `rejected: ${decision.lines.map((l) => l.error).join("; ")}`
      : `refused: @${comment.author} has ${decision.permission}, needs ${decision.required}`;
  return run.result(joined(converged?.outcome, noted(note)));
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
  await run.apply(inOrder([...(actions?.writes ?? []), ...keeps]));
  if (isIncidentIssue(snapshot.issue.labels, config)) {
    // New action items are read back into the record.
    const reread = Boolean(actions?.writes.length || keeps.length);
    const applied = await applyToRecord(run, config, reads, decision, prior, reread);
    const { converged, postmortem } = applied;
    const verdict = await giveVerdict(run, config, reads, decision, {
      prior,
      actions,
      given: converged.given,
      wasIncident: true,
      record: converged.outcome,
    });
    return run.result(joined(converged.outcome, verdict, await postmortem));
  }
  const declared = await declareIncident(run, config, snapshot, {
    labels: startLabelRead(run),
    known: knownOf(decision),
    handled: comment.id,
  });
  const verdict = await giveVerdict(run, config, reads, decision, {
    prior,
    actions,
    given: [],
    wasIncident: false,
    record: declared,
  });
  const written = writtenMarkers(snapshot.comments, run.ctx.self);
  const { incident } = declared;
  const trigger = commentTrigger(parsed.lines, incident, comment.id, written);
  const postmortem =
    incident && trigger
      ? await runPostmortem(run, config, incident, snapshot, trigger, { done: declared })
      : undefined;
  return run.result(joined(declared, verdict, postmortem));
}

interface VerdictInput {
  prior: PriorVerdict;
  actions: ActionPlan | null;
  /** The reactions sent with the record's PATCH (not sent again). */
  given: Write[];
  wasIncident: boolean;
  /** The record as this run's convergence left it, and the issue with it. */
  record: Outcome;
}

/** The replies and the verdict, as the comment stands after the record was written. */
async function giveVerdict(
  run: Run,
  config: Config,
  reads: CommentReads,
  decision: Accepted,
  { prior, actions, given, wasIncident, record }: VerdictInput,
): Promise<Outcome> {
  const { comment, parsed } = decision;
  const { snapshot } = reads;
  const { incident } = record;
  const permission = reads.permission ?? "none";
  const report = await reportReplies(run, config, snapshot, comment, parsed, permission);
  const replies = [
    ...(actions?.reply ? [actions.reply] : []),
    ...report.replies,
    ...offerOf(incident, comment.id),
  ];
  const helpSuffix = actionItemsHelp(snapshot.actionItems);
  const extra = { helpTemplate: loadTemplate("help.md"), helpSuffix, replies };
  const after = record.snapshot ?? snapshot;
  const applied = { comment, parsed, incident, after, wasIncident, ...extra };
  // Counting the 👍 given with the record: a later 😕 takes it back.
  const ours = givenBy(run, comment.id, prior.self);
  const now: PriorVerdict = { ...prior, reactions: [...(prior.reactions ?? []), ...ours] };
  const plan = acceptedPlan(applied, config, now, run.ctx.self);
  await run.apply(together(notYetGiven(plan, given)));
  return noted(...report.notes);
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
  return { converged: await record.done, postmortem };
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
  const permission = reads.permission ?? "none";
  const report = await reportReplies(run, config, reads.snapshot, comment, parsed, permission);
  const { replies } = report;
  const applied = {
    comment,
    parsed,
    incident: undefined,
    after: reads.snapshot,
    wasIncident: false,
    replies,
    helpTemplate: loadTemplate("help.md"),
  };
  await run.apply(inOrder(acceptedPlan(applied, config, prior, run.ctx.self)));
  return run.result(noted(...report.notes));
}

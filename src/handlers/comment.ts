// issue_comment created / edited / deleted: the command line of an incident.
// Decide first (parse, permission), then write: a reaction, the record, and replies.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { ConfigError, defaultConfig, type Config } from "../config.js";
import { hasCommandSyntax, parseComment, renderHelp, usageOf } from "../core/commands.js";
import { commentOnce, notifyWrite, writtenMarkers } from "../core/declaration.js";
import type { Write } from "../core/plan.js";
import { redactSecrets } from "../core/redact.js";
import { recordedCommentIds } from "../core/record.js";
import { isIncidentIssue, raisedBy, reduceIncident } from "../core/reducer.js";
import { resolveSelf } from "../core/self.js";
import { configReply, helpReply, refusalReply, rejectionReply, secretReply } from "../core/replies.js";
import type { CommandLine, IssueSnapshot } from "../core/types.js";
import { canBeAssigned } from "../github/assignable.js";
import { allows, readPermission } from "../github/permission.js";
import { actionItemsHelp } from "../core/action-items/record-rows.js";
import { planActionCommands } from "./action-items.js";
import { ignored, Run, type HandlerContext, type HandlerResult } from "./context.js";
import { declareIncident, startLabelRead } from "./declare.js";
import { commentTrigger, runPostmortem } from "./postmortem.js";

export type CommentEvent = EmitterWebhookEvent<"issue_comment.created" | "issue_comment.edited" | "issue_comment.deleted">;

type Rejected = Extract<CommandLine, { ok: false }>;

export async function onComment(event: CommentEvent, ctx: HandlerContext): Promise<HandlerResult> {
  const { payload } = event;
  if (payload.sender.type === "Bot" || payload.comment.user?.type === "Bot") return ignored("comment by a bot");
  // Every comment hereby writes starts with its marker (and may be written with a
  // person's token in the Action): never read as commands.
  if ((payload.comment.body ?? "").startsWith("<!-- hereby:")) return ignored("hereby's own comment");
  if (payload.issue.pull_request) return ignored("comment on a pull request");
  const body = payload.comment.body ?? "";
  const previous = payload.action === "edited" ? (payload.changes.body?.from ?? "") : "";
  if (!hasCommandSyntax(body) && !hasCommandSyntax(previous)) return ignored("no command in the comment");

  const run = new Run(ctx);
  const issueNumber = payload.issue.number;
  const author = payload.comment.user?.login ?? payload.sender.login;
  const wantsPermission = payload.action !== "deleted" && hasCommandSyntax(body);

  // Whether a named lead can be assigned is asked alongside the other reads (command
  // names don't depend on config, so the lines can be read for it already).
  const leadChecks = new Map<string, Promise<boolean>>();
  if (wantsPermission) {
    for (const line of parseComment(body, { config: defaultConfig, author, postedAt: payload.comment.created_at }).lines) {
      if (!line.ok || line.command.name !== "lead" || line.command.user.toLowerCase() === author.toLowerCase()) continue;
      const check = canBeAssigned(ctx.octokit, ctx.repo, line.command.user);
      check.catch(() => {});
      leadChecks.set(line.command.user.toLowerCase(), check);
    }
  }

  // An edit may change the verdict: the comment's reactions are read with everything else.
  const priorReactions =
    payload.action === "edited" && wantsPermission
      ? ctx.octokit.paginate(ctx.octokit.rest.reactions.listForIssueComment, { ...ctx.repo, comment_id: payload.comment.id, per_page: 100 })
      : null;
  priorReactions?.catch(() => {});

  // One round trip of reads: config, the issue and its timeline, the author's permission.
  const [configResult, snapshot, permission] = await Promise.all([
    run.config().then(
      (config) => ({ config }),
      (error: unknown) => {
        if (error instanceof ConfigError) return { error };
        throw error;
      },
    ),
    run.read(issueNumber),
    wantsPermission ? readPermission(ctx.octokit, ctx.repo, author) : Promise.resolve(null),
  ]);

  const commentId = payload.comment.id;
  const written = writtenMarkers(snapshot.comments, ctx.self);
  const replyOnce = (reply: { body: string; marker: string }): Write[] => commentOnce(written, issueNumber, reply);
  // One verdict per comment: after an edit changes it, hereby's other reaction goes.
  const verdict = async (content: "+1" | "confused"): Promise<Write[]> => {
    const react: Write = { type: "react", commentId, content };
    if (!priorReactions) return [react];
    const self = resolveSelf(snapshot.comments, ctx.self);
    const other = content === "+1" ? "confused" : "+1";
    const ours = (await priorReactions).filter(
      (r) => r.content === other && (self ? r.user?.login.toLowerCase() === self : r.user?.type === "Bot"),
    );
    return [...ours.map((r): Write => ({ type: "unreact", commentId, reactionId: r.id })), react];
  };
  // Whatever happens to the commands, a secret in a public comment must be rotated.
  const secrets = redactSecrets(body);
  const secretWarning = (): Write[] =>
    secrets.kinds.length === 0 || payload.action === "deleted" ? [] : replyOnce(secretReply(commentId, author, secrets.kinds));

  if ("error" in configResult) {
    // Without a valid config only the default names are known: answer on incidents and
    // on comments that declare one, not on every `/word` anywhere.
    const fallback = parseComment(body, { config: defaultConfig, author, postedAt: payload.comment.created_at });
    const concerned =
      isIncidentIssue(snapshot.issue.labels, defaultConfig) ||
      fallback.declares ||
      fallback.lines.some((l) => l.ok && l.command.name === "declare");
    if (!concerned) return { ...ignored("invalid config, and not an incident"), configError: configResult.error };
    await run.apply(replyOnce(configReply(configResult.error)));
    return { ...run.result(), configError: configResult.error };
  }
  const config = configResult.config;
  const incident = isIncidentIssue(snapshot.issue.labels, config);

  if (payload.action === "deleted") {
    if (!incident) return ignored("not an incident");
    await run.converge(issueNumber, config, snapshot);
    return run.result();
  }

  const parsed = parseComment(body, { config, author, postedAt: payload.comment.created_at });
  const declares = parsed.declares || parsed.lines.some((l) => l.ok && l.command.name === "declare");
  if (!incident && !declares) return ignored("not an incident, and the comment doesn't declare one");
  if (parsed.lines.length === 0 && !declares) {
    // An edit removed every command: the record drops the entries.
    await run.converge(issueNumber, config, snapshot);
    return run.result();
  }

  const bad = parsed.lines.filter((l): l is Rejected => !l.ok);
  if (bad.length > 0) {
    await run.apply([
      ...(await verdict("confused")),
      ...replyOnce(rejectionReply(commentId, body, bad)),
      ...secretWarning(),
    ]);
    // An edit can turn an accepted comment into a rejected one: its entries leave the record.
    if (incident && recordedCommentIds(snapshot.issue.body).includes(commentId)) await run.converge(issueNumber, config, snapshot);
    run.notes.push(`rejected: ${bad.map((l) => l.error).join("; ")}`);
    return run.result();
  }

  if (permission !== null && !allows(permission, config.permission)) {
    await run.apply([
      ...(await verdict("confused")),
      ...replyOnce(refusalReply(commentId, author, config.permission, body)),
      ...secretWarning(),
    ]);
    // Another handler may have shown the comment before the refusal existed.
    if (incident && recordedCommentIds(snapshot.issue.body).includes(commentId)) {
      await run.converge(issueNumber, config, undefined, new Map([[author, false]]));
    }
    run.notes.push(`refused: @${author} has ${permission}, needs ${config.permission}`);
    return run.result();
  }

  // A lead must be someone GitHub will assign: a typo would otherwise be accepted and
  // shown as lead with nobody assigned.
  const actions = await planActionCommands(ctx, config, parsed.lines, issueNumber, commentId, author);
  const unassignable = [...(await unassignableLeads(ctx, parsed.lines, author, leadChecks)), ...(actions?.rejected ?? [])];
  if (unassignable.length > 0) {
    await run.apply([
      ...(await verdict("confused")),
      ...replyOnce(rejectionReply(commentId, body, unassignable)),
      ...secretWarning(),
    ]);
    // An edit (or another handler) may have shown the comment already: read the issue
    // again, with the rejection on it, and take the comment out.
    if (incident) await run.converge(issueNumber, config);
    run.notes.push(`rejected: ${unassignable.map((l) => l.error).join("; ")}`);
    return run.result();
  }

  // 👍 means applied. A command posted before the issue became an incident (someone
  // labelled it seconds later, and this handler ran after) is not part of the record.
  const early = incident ? postedBeforeDeclaration(snapshot, config, ctx, parsed.lines, commentId, payload.comment.created_at) : null;
  if (early) {
    await run.apply([
      ...(await verdict("confused")),
      ...replyOnce(rejectionReply(commentId, body, [early])),
      ...secretWarning(),
    ]);
    run.notes.push(`rejected: ${early.error}`);
    return run.result();
  }

  await run.apply([...(await verdict("+1")), ...(actions?.writes ?? [])]);
  const known = new Map([[author, true]]);
  if (!incident) {
    await declareIncident(run, config, snapshot, startLabelRead(run), known);
  } else {
    // New action items are read back into the record.
    await run.converge(issueNumber, config, actions?.writes.length ? undefined : snapshot, known);
  }

  const after = run.incident;
  const asksHelp = parsed.lines.some((l) => l.ok && l.command.name === "help");
  // Notify only when this comment is what raised the severity, as the history shows it:
  // two comments asking for the same level at once notify once.
  const raised = incident && after ? raisedBy(after, config, `comment:${commentId}`) : null;
  const notify = after && raised ? notifyWrite(after, config, raised, `raised-${commentId}`, true, written) : null;
  await run.apply([
    ...(asksHelp ? replyOnce(helpReply(commentId, renderHelp(config) + actionItemsHelp(snapshot.actionItems))) : []),
    ...(notify ? [notify] : []),
    ...(actions?.reply ? replyOnce(actions.reply) : []),
    ...secretWarning(),
  ]);
  const postmortem = commentTrigger(parsed.lines, after, commentId);
  if (after && postmortem) await runPostmortem(run, config, after, snapshot, postmortem);
  return run.result();
}

/** `/lead` lines naming someone GitHub can't assign here, as rejected lines. The author
 * is skipped: their access was just checked. */
async function unassignableLeads(
  ctx: HandlerContext,
  lines: CommandLine[],
  author: string,
  started: Map<string, Promise<boolean>>,
): Promise<Rejected[]> {
  const leads = lines.flatMap((l) =>
    l.ok && l.command.name === "lead" && l.command.user.toLowerCase() !== author.toLowerCase() ? [{ line: l, user: l.command.user }] : [],
  );
  const ask = (user: string) => started.get(user.toLowerCase()) ?? canBeAssigned(ctx.octokit, ctx.repo, user);
  const checked = await Promise.all(leads.map(async (x) => ({ ...x, ok: await ask(x.user) })));
  return checked
    .filter((x) => !x.ok)
    .map((x) => ({
      line: x.line.line,
      raw: x.line.raw,
      ok: false as const,
      name: "lead",
      error: `@${x.user} can't be assigned to issues in this repository: check the spelling, or give them access first`,
      usage: usageOf("lead"),
    }));
}

/** The rejection for a comment whose commands predate the declaration, or null. */
function postedBeforeDeclaration(
  snapshot: IssueSnapshot,
  config: Config,
  ctx: HandlerContext,
  lines: CommandLine[],
  commentId: number,
  postedAt: string,
): Rejected | null {
  const first = lines.find((l) => l.ok && l.command.name !== "help" && l.command.name !== "declare");
  if (!first) return null;
  const incident = reduceIncident(snapshot, config, { self: ctx.self ?? null });
  if (incident.declaredAt === null || postedAt >= incident.declaredAt) return null;
  if (incident.appliedComments.some((c) => c.id === commentId)) return null;
  return {
    line: first.line,
    raw: first.raw,
    ok: false,
    name: first.ok ? first.command.name : "",
    error: `this comment was posted before the issue was declared an incident (${incident.declaredAt.slice(11, 16)} UTC), so it is not part of the record: post the commands again`,
    usage: "/help lists the commands",
  };
}

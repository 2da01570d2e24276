// What follows a write of the record, decided from what it now holds: whichever handler
// first applies (or refuses) a command also gives its verdict, its notification and its
// warnings, so a handler that failed or never ran loses none of them. Every piece is
// idempotent by marker (comments) or by GitHub (a reaction given twice is one), and a 👍
// comes last, after the writes it vouches for.
import type { Config } from "../config.js";
import type { Refused } from "./converge.js";
import { commentOnce, notifyWrite, writtenMarkers } from "./declaration.js";
import type { Write } from "./plan.js";
import { recordedCommentIds } from "./record.js";
import { redactSecrets } from "./redact.js";
import { raisedBy } from "./raise.js";
import { hasCommandSyntax, parseComment } from "./commands.js";
import { earlyRejection, type Rejected } from "./comment-verdict.js";
import { refusalReply, rejectionReply, secretReply, stateRefusalReply } from "./replies.js";
import { isOwnComment, resolveSelf } from "./self.js";
import type { Incident, IssueSnapshot } from "./types.js";

export interface AftermathInput {
  config: Config;
  /** hereby's login when known (resolved from its marked comments otherwise). */
  self: string | null;
  /** The issue as first read: which comments its record already showed. */
  before: IssueSnapshot;
  incident: Incident;
  after: IssueSnapshot;
  refused: Refused;
  /** The comment whose own handler runs: it gives that comment's verdict itself. */
  handled?: number;
}

export function decideAftermath(input: AftermathInput): Write[] {
  const { config, after, incident } = input;
  const issue = after.issue.number;
  const written = writtenMarkers(after.comments, input.self);
  const replies: Write[] = [];
  const verdicts: Write[] = [];
  for (const { id, author, body, thumbsUp } of input.refused.comments) {
    if (id === input.handled) continue;
    const reply = commentOnce(written, issue, refusalReply(id, author, config.permission, body));
    // An earlier revision's 👍 no longer stands: the comment, as it is now, is refused.
    verdicts.push(
      ...thumbsUp.map((reactionId): Write => ({ type: "unreact", commentId: id, reactionId })),
    );
    if (reply.length > 0) verdicts.push({ type: "react", commentId: id, content: "confused" });
    replies.push(...reply);
  }
  for (const { id, actor, event } of input.refused.events) {
    replies.push(
      ...commentOnce(
        written,
        issue,
        stateRefusalReply(id, actor, config.permission, event, config.labels.incident),
      ),
    );
  }
  // Applied comments whose aftermath may be missing: new to the record (the list in the
  // description is only a hint here: forging it costs or saves a reaction, never access),
  // or without any 👍 (the handler that applied it stopped before its verdict).
  const shown = new Set(recordedCommentIds(input.before.issue.body));
  for (const { id, author } of incident.appliedComments) {
    const comment = after.comments.find((c) => c.id === id);
    if (id === input.handled || !comment || (shown.has(id) && comment.thumbsUp !== 0)) continue;
    verdicts.push({ type: "react", commentId: id, content: "+1" });
    // What pings people waits until the comment's own handler had its chance: two handlers
    // at once would page the on-call team twice (a withdrawn copy has still notified).
    if (!settled(comment.createdAt, after)) continue;
    const raised = raisedBy(incident, config, `comment:${id}`);
    const notify = raised
      ? notifyWrite(incident, config, raised, `raised-${id}`, true, written)
      : null;
    if (notify) replies.push(notify);
    const secrets = redactSecrets(comment.body).kinds;
    if (secrets.length > 0)
      replies.push(...commentOnce(written, issue, secretReply(id, author, secrets)));
  }
  return [
    ...replies,
    ...earlyCommands(input, written),
    ...unansweredMistakes(input, written),
    ...verdicts,
  ];
}

/** Comments answered per run for a handler that never ran: each answer is a write. */
export const MAX_LATE_ANSWERS = 10;

/** Comments with a mistake whose own handler never answered (a lost delivery, a failed
 * run): 😕 and the reply saying what was wrong, once their handler had its chance. */
function unansweredMistakes(input: AftermathInput, written: Set<string>): Write[] {
  const { incident, after, config } = input;
  const declaredAt = incident.declaredAt;
  if (declaredAt === null) return [];
  const self = resolveSelf(after.comments, input.self);
  const writes: Write[] = [];
  for (const c of after.comments) {
    if (writes.length >= 2 * MAX_LATE_ANSWERS) break;
    if (
      c.id === input.handled ||
      c.authorIsBot ||
      isOwnComment(c, self) ||
      c.createdAt < declaredAt ||
      !hasCommandSyntax(c.body)
    )
      continue;
    const bad = parseComment(c.body, {
      config,
      author: c.author,
      postedAt: c.createdAt,
    }).lines.filter((l): l is Rejected => !l.ok);
    if (bad.length === 0 || !settled(c.createdAt, after)) continue;
    const reply = commentOnce(written, after.issue.number, rejectionReply(c.id, c.body, bad));
    if (reply.length > 0)
      writes.push({ type: "react", commentId: c.id, content: "confused" }, ...reply);
  }
  return writes;
}

/** How long before a declaration a command counts as meant for the incident: it gets 😕
 * and "post it again" (it isn't part of the record), whichever handler sees it first. */
export const EARLY_WINDOW_MS = 10 * 60_000;

function earlyCommands(input: AftermathInput, written: Set<string>): Write[] {
  const { incident, after, config } = input;
  const declaredAt = incident.declaredAt;
  if (declaredAt === null) return [];
  const from = Date.parse(declaredAt) - EARLY_WINDOW_MS;
  const self = resolveSelf(after.comments, input.self);
  const writes: Write[] = [];
  for (const c of after.comments) {
    if (
      c.id === input.handled ||
      c.authorIsBot ||
      isOwnComment(c, self) ||
      c.createdAt >= declaredAt ||
      Date.parse(c.createdAt) < from
    )
      continue;
    if (incident.appliedComments.some((a) => a.id === c.id) || !hasCommandSyntax(c.body)) continue;
    const rejected = earlyRejection(
      parseComment(c.body, { config, author: c.author, postedAt: c.createdAt }),
      declaredAt,
    );
    const reply = rejected
      ? commentOnce(written, after.issue.number, rejectionReply(c.id, c.body, [rejected]))
      : [];
    if (reply.length > 0)
      writes.push({ type: "react", commentId: c.id, content: "confused" }, ...reply);
  }
  return writes;
}

/** How long a comment's own handler is given before another one speaks for it. */
export const OWN_HANDLER_GRACE_MS = 60_000;

/** A person did something on the issue at least the grace period after `at`: a handler that
 * hasn't answered by then has failed, or its delivery was lost. */
function settled(at: string, snapshot: IssueSnapshot): boolean {
  const after = Date.parse(at) + OWN_HANDLER_GRACE_MS;
  const people = [
    ...snapshot.comments.filter((c) => !c.authorIsBot),
    ...snapshot.events.filter((e) => !e.actorIsBot),
  ];
  return people.some((x) => Date.parse(x.createdAt) >= after);
}

// What a command comment's own handler writes once its decision is made: the reply, the
// warnings, the notification and, last, the verdict. Pure: every write is keyed by its
// marker (comments) or is one reaction GitHub keeps once, so any rerun writes nothing new.
import type { Config } from "../config.js";
import { renderHelp } from "./commands.js";
import type { CommentDecision } from "./comment-verdict.js";
import { commentOnce, notifyWrite, writtenMarkers } from "./declaration.js";
import type { Write } from "./plan.js";
import { redactSecrets } from "./redact.js";
import { raisedBy } from "./raise.js";
import { helpReply, refusalReply, rejectionReply, secretReply } from "./replies.js";
import type { CommentRecord, Incident, IssueSnapshot, ParsedComment } from "./types.js";

/** hereby's reactions on the comment before this run (read for edits), and its login. */
export interface PriorVerdict {
  reactions: { id: number; content: string; login: string | null; isBot: boolean }[] | null;
  self: string | null;
}

type Mistake = Extract<CommentDecision, { kind: "rejected" | "refused" }>;

/** 😕, the reply saying what was wrong (or who may), and a secret warning. Nothing applied. */
export function mistakePlan(
  decision: Mistake,
  snapshot: IssueSnapshot,
  config: Config,
  prior: PriorVerdict,
  selfGiven?: string | null,
): Write[] {
  const { comment } = decision;
  const written = writtenMarkers(snapshot.comments, selfGiven);
  const reply =
    decision.kind === "rejected"
      ? rejectionReply(comment.id, comment.body, decision.lines)
      : refusalReply(comment.id, comment.author, decision.required, comment.body);
  const issue = snapshot.issue.number;
  return [
    ...verdictWrites(comment.id, "confused", prior),
    ...commentOnce(written, issue, reply),
    ...secretWarning(written, issue, comment),
  ];
}

export interface Applied {
  comment: CommentRecord;
  parsed: ParsedComment;
  /** The record after the convergence, and the issue as it left it. */
  incident: Incident | undefined;
  after: IssueSnapshot;
  /** The issue was an incident before this comment (a raise notifies; a declaration
   * notifies on its own). */
  wasIncident: boolean;
  /** templates/help.md, for a `/help` reply. */
  helpTemplate: string;
  /** Appended to the `/help` reply (the incident's action items). */
  helpSuffix?: string;
  /** Further replies decided elsewhere (what `/action` did), each keyed by its marker. */
  replies?: { body: string; marker: string }[];
}

/** Help, the raise's notification and a secret warning; then 👍 if the record holds the
 * comment (or it only asked for help or declared), else 😕. */
export function acceptedPlan(
  a: Applied,
  config: Config,
  prior: PriorVerdict,
  selfGiven?: string | null,
): Write[] {
  const { comment, parsed, incident } = a;
  const issue = a.after.issue.number;
  const written = writtenMarkers(a.after.comments, selfGiven);
  const applied =
    (incident?.appliedComments ?? []).some((c) => c.id === comment.id) || onlyHelpOrDeclare(parsed);
  // Notify only when this comment is what raised the severity, as the history shows it:
  // two comments asking for the same level at once notify once.
  const raised =
    a.wasIncident && incident ? raisedBy(incident, config, `comment:${comment.id}`) : null;
  // A declaration made below the permission pages once, when this comment confirms it.
  const confirmed = incident?.confirmedIn === `comment:${comment.id}` && incident.severity;
  const notify = confirmed
    ? notifyWrite(incident, config, confirmed, "declared", false, written)
    : incident && raised
      ? notifyWrite(incident, config, raised, `raised-${comment.id}`, true, written)
      : null;
  const asksHelp = parsed.lines.some((l) => l.ok && l.command.name === "help");
  return [
    ...(asksHelp
      ? commentOnce(
          written,
          issue,
          helpReply(comment.id, renderHelp(config, a.helpTemplate) + (a.helpSuffix ?? "")),
        )
      : []),
    ...(notify ? [notify] : []),
    ...(a.replies ?? []).flatMap((r) => commentOnce(written, issue, r)),
    ...secretWarning(written, issue, comment),
    ...verdictWrites(comment.id, applied ? "+1" : "confused", prior),
  ];
}

/** Whatever happens to the commands, a secret in a public comment must be rotated. */
function secretWarning(written: Set<string>, issue: number, comment: CommentRecord): Write[] {
  const kinds = redactSecrets(comment.body).kinds;
  return kinds.length === 0
    ? []
    : commentOnce(written, issue, secretReply(comment.id, comment.author, kinds));
}

/** Commands that change no entry of the record (`/postmortem` acts on the pull request,
 * `/report` only replies). */
const OUTSIDE_RECORD: readonly string[] = [
  "help",
  "declare",
  "postmortem",
  "action",
  "report",
  "keep",
];
function onlyHelpOrDeclare(parsed: ParsedComment): boolean {
  return parsed.lines.every((l) => l.ok && OUTSIDE_RECORD.includes(l.command.name));
}

/** The 👍 that goes with the record's PATCH, decided from the record it writes: given
 * when the record holds the comment (taken back with it if the PATCH fails). */
export function recordVerdict(incident: Incident, commentId: number, prior: PriorVerdict): Write[] {
  return incident.appliedComments.some((c) => c.id === commentId)
    ? verdictWrites(commentId, "+1", prior)
    : [];
}

/** `plan` without the reactions already given, or taken back, in this run. */
export function notYetGiven(plan: Write[], given: Write[]): Write[] {
  const same = (a: Write, b: Write): boolean =>
    (a.type === "react" &&
      b.type === "react" &&
      a.commentId === b.commentId &&
      a.content === b.content) ||
    (a.type === "unreact" && b.type === "unreact" && a.reactionId === b.reactionId);
  return plan.filter((w) => !given.some((g) => same(g, w)));
}

/** One verdict per comment: giving one takes back hereby's opposite one (an edit changed it). */
export function verdictWrites(
  commentId: number,
  content: "+1" | "confused",
  prior: PriorVerdict,
): Write[] {
  const other = content === "+1" ? "confused" : "+1";
  const { self } = prior;
  const ours = (prior.reactions ?? []).filter(
    (r) => r.content === other && (self ? r.login?.toLowerCase() === self : r.isBot),
  );
  return [
    ...ours.map((r): Write => ({ type: "unreact", commentId, reactionId: r.id })),
    { type: "react", commentId, content },
  ];
}

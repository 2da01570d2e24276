// Deciding what a command comment gets, from the comment as it is now (read from GitHub,
// never the delivery's copy, which may be stale when deliveries come out of order) and
// from what GitHub says of its author. Pure: the handler gathers, this decides, the
// executor applies.
import type { Config, Permission } from "../config.js";
import { allows } from "./access.js";
import { parseComment, usageOf } from "./commands.js";
import { recordedCommentIds } from "./record.js";
import { isIncidentIssue, reduceIncident } from "./reducer.js";
import type { CommandLine, CommentRecord, IssueSnapshot, ParsedComment } from "./types.js";

export type Rejected = Extract<CommandLine, { ok: false }>;

/** Different people one comment may name as lead: each is one request to GitHub. */
export const MAX_LEAD_CHECKS = 10;

export interface CommentFacts {
  snapshot: IssueSnapshot;
  commentId: number;
  permission: Permission | "none";
  /** Whether GitHub would assign these (lowercased) people, once asked. */
  assignable: ReadonlyMap<string, boolean>;
  self: string | null;
}

export type CommentDecision =
  | { kind: "ignored"; reason: string }
  /** No command left in it (an edit removed them): the record drops its entries. */
  | { kind: "dropped" }
  | { kind: "rejected"; comment: CommentRecord; lines: Rejected[]; inRecord: boolean }
  /** `required`: the permission the comment's commands need (`/report` alone: read). */
  | {
      kind: "refused";
      comment: CommentRecord;
      inRecord: boolean;
      permission: Permission | "none";
      required: Permission;
    }
  /** Ask GitHub whether these people can be assigned, then decide again. */
  | { kind: "check"; users: string[] }
  | { kind: "accepted"; comment: CommentRecord; parsed: ParsedComment; declares: boolean };

export function decideComment(f: CommentFacts, config: Config): CommentDecision {
  const comment = f.snapshot.comments.find((c) => c.id === f.commentId);
  if (!comment) return { kind: "ignored", reason: "the comment is gone" };
  const all = parseComment(comment.body, {
    config,
    author: comment.author,
    postedAt: comment.createdAt,
  });
  const declares = all.declares || all.lines.some((l) => l.ok && l.command.name === "declare");
  const incident = isIncidentIssue(f.snapshot.issue.labels, config);
  // On any other issue only `/report` is hereby's: other `/words` may be another bot's.
  const parsed =
    incident || declares ? all : { lines: all.lines.filter(isReportLine), declares: false };
  if (!incident && !declares && parsed.lines.length === 0)
    return { kind: "ignored", reason: "not an incident, and the comment doesn't declare one" };
  if (parsed.lines.length === 0 && !declares)
    return incident ? { kind: "dropped" } : { kind: "ignored", reason: "no command" };
  const inRecord = incident && recordedCommentIds(f.snapshot.issue.body).includes(comment.id);
  const bad = parsed.lines.filter((l): l is Rejected => !l.ok);
  if (bad.length > 0) return { kind: "rejected", comment, lines: bad, inRecord };
  // Nothing is spent on a comment (not one request per line) before its author may command.
  // `/report` reads what anyone with read access sees already: read is enough for it alone.
  const required = !declares && parsed.lines.every(isReportLine) ? "read" : config.permission;
  if (!allows(f.permission, required))
    return { kind: "refused", comment, inRecord, permission: f.permission, required };
  const leads = leadLines(parsed, comment.author);
  const users = [...new Set(leads.map((l) => l.user.toLowerCase()))];
  if (users.length > MAX_LEAD_CHECKS)
    return rejectAll(
      comment,
      leads,
      `at most ${MAX_LEAD_CHECKS} different people can be named as lead in one comment`,
    );
  const unknown = users.filter((u) => !f.assignable.has(u));
  if (unknown.length > 0) return { kind: "check", users: unknown };
  const unassignable = leads.filter((l) => f.assignable.get(l.user.toLowerCase()) === false);
  if (unassignable.length > 0) {
    return {
      kind: "rejected",
      comment,
      inRecord: incident,
      lines: unassignable.map((l) =>
        asRejected(
          l.line,
          `@${l.user} can't be assigned to issues in this repository: check the spelling, or give them access first`,
        ),
      ),
    };
  }
  const early = incident
    ? postedBeforeDeclaration(f.snapshot, config, comment, parsed, f.self)
    : null;
  if (early) return { kind: "rejected", comment, lines: [early], inRecord: false };
  return { kind: "accepted", comment, parsed, declares };
}

/** A `/report` line, understood or not. */
export function isReportLine(line: CommandLine): boolean {
  return (line.ok ? line.command.name : line.name) === "report";
}

type LeadLine = { line: Extract<CommandLine, { ok: true }>; user: string };

/** `/lead` lines naming someone else (the author's access was just checked). */
function leadLines(parsed: ParsedComment, author: string): LeadLine[] {
  return parsed.lines.flatMap((l) =>
    l.ok && l.command.name === "lead" && l.command.user.toLowerCase() !== author.toLowerCase()
      ? [{ line: l, user: l.command.user }]
      : [],
  );
}

function rejectAll(comment: CommentRecord, leads: LeadLine[], error: string): CommentDecision {
  return { kind: "rejected", comment, inRecord: false, lines: [asRejected(leads[0]!.line, error)] };
}

function asRejected(line: CommandLine, error: string, usage?: string): Rejected {
  const name = line.ok ? line.command.name : line.name;
  return {
    line: line.line,
    raw: line.raw,
    ok: false,
    name,
    error,
    usage: usage ?? (line.ok ? usageOf(line.command.name) : line.usage),
  };
}

/** The rejection for a comment whose commands predate the declaration, or null. */
function postedBeforeDeclaration(
  snapshot: IssueSnapshot,
  config: Config,
  comment: CommentRecord,
  parsed: ParsedComment,
  self: string | null,
): Rejected | null {
  const incident = reduceIncident(snapshot, config, { self });
  if (incident.declaredAt === null || comment.createdAt >= incident.declaredAt) return null;
  if (incident.appliedComments.some((c) => c.id === comment.id)) return null;
  return earlyRejection(parsed, incident.declaredAt);
}

/** "Posted before the declaration": for a comment with commands the record leaves out. */
export function earlyRejection(parsed: ParsedComment, declaredAt: string): Rejected | null {
  const first = parsed.lines.find(
    (l) => l.ok && l.command.name !== "help" && l.command.name !== "declare",
  );
  if (!first || parsed.lines.some((l) => !l.ok)) return null;
  const at = declaredAt.slice(11, 16);
  return asRejected(
    first,
    `this comment was posted before the issue was declared an incident (${at} UTC), so it is not part of the record: post the commands again`,
    "/help lists the commands",
  );
}

// The one reducer: an issue's labels, comments and events → the incident. Nothing about
// an incident is stored anywhere else, so every handler, in any order, after any
// redelivery, derives the same record from the same issue. It also derives what the
// labels, assignees and open/closed state *should* be (the latest command or hand change
// wins), so concurrent writers all aim at the same issue and converge.
//
// It is a fold of named transitions (declare, a command, a label change, a close or
// reopen, hereby's own writes) over an explicit draft (incident-draft.ts), in the order
// `byHistory` gives: events in event-effects.ts, comments' commands in command-effects.ts.
import type { Config } from "../config.js";
import { parseComment } from "./commands.js";
import { onComment } from "./command-effects.js";
import { onEvent, type Fold } from "./event-effects.js";
import { addEntry, declare, finish, lower, newDraft } from "./incident-draft.js";
import { findMarkers, textHash } from "./markers.js";
import { isOwnComment, resolveSelf, selfIsShared } from "./self.js";
import { postmortemRecord } from "./postmortem/record-entries.js";
import { formStartFacts } from "./form-start.js";
import { changesComment, keptChanges } from "./changes/timeline.js";
import type {
  CommentRecord,
  Incident,
  IssueEventRecord,
  IssueSnapshot,
  Login,
  ParsedComment,
} from "./types.js";

export interface ReduceOptions {
  /** Login of hereby's own identity: its label and state changes are the effects of
   * commands. When unknown, hereby is the bot that wrote its marked comments. */
  self?: string | null;
  /** Comments whose authors lack the permission (GitHub said so), in their current revision. */
  refused?: ReadonlySet<number>;
  /** Hand closes and reopens whose actors lack the permission. */
  refusedEvents?: ReadonlySet<number>;
  /** Logins GitHub refused to assign: a `/lead` naming one changes nothing (the lead
   * before it stands) until its own handler rejects the comment. */
  unassignable?: ReadonlySet<string>;
}

type Item =
  | { at: string; id: number; comment: CommentRecord; parsed: ParsedComment }
  | { at: string; id: number; event: IssueEventRecord };

export function isIncidentIssue(labels: string[], config: Config): boolean {
  return labels.some((l) => lower(l) === lower(config.labels.incident));
}

/** What hereby answered, from its own comments only (a marker anyone else writes is text):
 * `refused`/`rejected` name a comment revision (`id@hash`) or an event (`event:id`). */
function answered(
  snapshot: IssueSnapshot,
  self: Login | null,
): { comments: Set<number>; events: Set<number> } {
  const keys = new Set<string>();
  for (const c of snapshot.comments) {
    if (!isOwnComment(c, self)) continue;
    for (const m of findMarkers(c.body))
      if (m.kind === "refused" || m.kind === "rejected") keys.add(m.key);
  }
  return {
    comments: new Set(
      snapshot.comments.filter((c) => keys.has(`${c.id}@${textHash(c.body)}`)).map((c) => c.id),
    ),
    events: new Set(snapshot.events.filter((e) => keys.has(`event:${e.id}`)).map((e) => e.id)),
  };
}

export function reduceIncident(
  snapshot: IssueSnapshot,
  config: Config,
  options: ReduceOptions = {},
): Incident {
  const self = resolveSelf(snapshot.comments, options.self);
  const known = answered(snapshot, self);
  const refused = new Set([...known.comments, ...(options.refused ?? [])]);
  const fold = foldOf(snapshot, options, self, known.events);
  const items = itemsOf(snapshot, config, self, refused);
  items.sort(byHistory(self));

  const d = newDraft(snapshot, config);
  d.unconfirmed = snapshot.comments.some(
    (c) => isOwnComment(c, self) && findMarkers(c.body).some((m) => m.kind === "unconfirmed"),
  );
  Object.assign(d, formStartFacts(snapshot.comments, self));
  for (const item of items) {
    if ("event" in item) onEvent(d, item.event, fold);
    else onComment(d, item.comment, item.parsed, fold);
  }
  // An issue labelled without a readable label event (imported, or events not returned)
  // still counts, with the labels it has.
  if (d.declaredAt === null && isIncidentIssue(snapshot.issue.labels, config)) {
    for (const l of snapshot.issue.labels) d.labels.add(lower(l));
    const { createdAt: at, author: by, htmlUrl: url } = snapshot.issue;
    declare(d, { at, by, source: "issue", url });
  }
  // The postmortem pull request, from hereby's own comments about it.
  const postmortem = postmortemRecord(snapshot.comments, self);
  if (d.declaredAt !== null)
    for (const entry of postmortem.entries) d.timeline.push({ entry, order: d.timeline.length });
  // Changes people kept from hereby's list, at their own time (redacted like any text).
  if (d.declaredAt !== null) for (const e of keptChanges(snapshot.comments, self)) addEntry(d, e);
  const changes = changesComment(snapshot.comments, self);
  return {
    ...finish(d),
    postmortem: postmortem.link,
    ...(changes ? { changesComment: changes.id } : {}),
  };
}

/** The fold's context: who hereby is, what GitHub refused, whom it can't assign. */
function foldOf(
  snapshot: IssueSnapshot,
  options: ReduceOptions,
  self: Login | null,
  refusedEvents: Set<number>,
): Fold {
  return {
    self,
    shared: selfIsShared(options.self),
    refusedEvents: new Set([...refusedEvents, ...(options.refusedEvents ?? [])]),
    unassignable: options.unassignable ?? new Set(),
    // hereby's checklist names the declarer: when the declaring comment is gone, hereby's
    // own incident label marks the declaration, by them.
    checklistDeclarer: snapshot.comments
      .filter((c) => isOwnComment(c, self))
      .flatMap((c) =>
        findMarkers(c.body)
          .filter((m) => m.kind === "declarer")
          .map((m) => m.key),
      )[0],
  };
}

/** People's comments (not refused) and every event, to be folded in history order. */
function itemsOf(
  snapshot: IssueSnapshot,
  config: Config,
  self: Login | null,
  refused: Set<number>,
): Item[] {
  return [
    ...snapshot.comments
      .filter((c) => !c.authorIsBot && !isOwnComment(c, self) && !refused.has(c.id))
      .map((c) => ({
        at: c.createdAt,
        id: c.id,
        comment: c,
        parsed: parseComment(c.body, { config, author: c.author, postedAt: c.createdAt }),
      })),
    ...snapshot.events.map((e) => ({ at: e.createdAt, id: e.id, event: e })),
  ];
}

/** GitHub's order is by time, to the second. Within a second, people's events go first (a
 * command posted the second an issue was labelled still counts), then comments, then
 * hereby's own events (the effects of those comments), then ids; never the order things
 * were read or delivered in. */
export function byHistory(self: Login | null): (a: Item, b: Item) => number {
  const rank = (item: Item) =>
    "event" in item ? (self !== null && lower(item.event.actor) === self ? 2 : 0) : 1;
  return (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : rank(a) - rank(b) || a.id - b.id);
}

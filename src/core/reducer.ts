// The one reducer: an issue's labels, comments and events → the incident. Nothing about
// an incident is stored anywhere else, so every handler, in any order, after any
// redelivery, derives the same record from the same issue. It also derives what the
// labels, assignees and open/closed state *should* be (the latest command or hand change
// wins), so concurrent writers all aim at the same issue and converge.
//
// It is a fold of named transitions (declare, a command, a label change, a close or
// reopen, hereby's own writes) over an explicit draft (incident-draft.ts), in the order
// `byHistory` gives.
import type { Config } from "../config.js";
import { parseComment } from "./commands.js";
import { cancel, isIncidentUnlabel, onIncidentUnlabeled, reinstate } from "./cancellation.js";
import {
  addEntry,
  declare,
  defaultLead,
  finish,
  lower,
  newDraft,
  setSeverity,
  setStatus,
  startImpact,
  trackLabel,
  type Draft,
} from "./incident-draft.js";
import { levelOfLabel, statusOfLabel } from "./labels.js";
import { findMarkers, textHash } from "./markers.js";
import { redactSecrets } from "./redact.js";
import { followUpStatus } from "./review/follow-up-status.js";
import { isOwnComment, resolveSelf, selfIsShared } from "./self.js";
import { postmortemRecord } from "./postmortem/record-entries.js";
import { formStartFacts } from "./form-start.js";
import { changesComment, keptChanges } from "./changes/timeline.js";
import type {
  Command,
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

interface Fold {
  self: Login | null;
  /** hereby writes as an identity others write as too (the Action's GITHUB_TOKEN bot, a
   * person's token): only writes that match what the record asked for are hereby's. */
  shared: boolean;
  refusedEvents: ReadonlySet<number>;
  unassignable: ReadonlySet<string>;
  checklistDeclarer: Login | undefined;
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
  const fold: Fold = {
    self,
    shared: selfIsShared(options.self),
    refusedEvents: new Set([...known.events, ...(options.refusedEvents ?? [])]),
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
  const items: Item[] = [
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
    declare(d, snapshot.issue.createdAt, snapshot.issue.author, "issue", snapshot.issue.htmlUrl);
  }
  // The postmortem pull request, from hereby's own comments about it.
  const postmortem = postmortemRecord(snapshot.comments, self);
  if (d.declaredAt !== null)
    for (const entry of postmortem.entries) d.timeline.push({ entry, order: d.timeline.length });
  // Changes people kept from hereby's list, at their own time (redacted like any text).
  if (d.declaredAt !== null)
    for (const e of keptChanges(snapshot.comments, self))
      addEntry(d, e.kind, e.at, e.text, e.by, e.source, e.url);
  const changes = changesComment(snapshot.comments, self);
  return {
    ...finish(d),
    postmortem: postmortem.link,
    ...(changes ? { changesComment: changes.id } : {}),
  };
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

function isIncidentLabel(d: Draft, e: IssueEventRecord): boolean {
  return e.event === "labeled" && lower(e.label ?? "") === lower(d.config.labels.incident);
}

function onEvent(d: Draft, e: IssueEventRecord, f: Fold): void {
  if (d.absorbed.has(e.id)) return;
  trackLabel(d, e);
  const ours = isOurs(d, e, f);
  // Who hereby assigned (as lead) and nobody has touched since: the only assignees it may
  // take away again.
  if (e.event === "assigned" && e.assignee)
    d.assignedByUs.set(lower(e.assignee), ours ? e.assignee : null);
  if (e.event === "unassigned" && e.assignee) d.assignedByUs.delete(lower(e.assignee));
  if (isIncidentLabel(d, e)) return onIncidentLabel(d, e, f, ours);
  if (isIncidentUnlabel(d, e))
    return ours || d.declaredAt === null
      ? undefined
      : onIncidentUnlabeled(d, e, f.refusedEvents.has(e.id));
  // With the incident label taken off, the issue is no incident: nothing else counts.
  if (d.labelRemoved) return;
  // The review sweep's close-out (and an item reopened after it) is hereby's own doing.
  const followUp =
    d.declaredAt !== null && f.self !== null && lower(e.actor) === f.self
      ? followUpStatus(e, d.config, d.status)
      : null;
  if (followUp) {
    setStatus(d, followUp.status, e.createdAt);
    return addEntry(
      d,
      "status",
      e.createdAt,
      followUp.text,
      e.actor,
      `event:${e.id}`,
      d.snapshot.issue.htmlUrl,
    );
  }
  // hereby's own label and state changes are the effects of commands already on the
  // timeline; changes by people (or other apps) are recorded from their events.
  if (ours || d.declaredAt === null) return;
  if (f.refusedEvents.has(e.id)) return onRefusedStateChange(d, e);
  onHandChange(d, e);
}

function onIncidentLabel(d: Draft, e: IssueEventRecord, f: Fold, ours: boolean): void {
  const url = d.snapshot.issue.htmlUrl;
  if (!ours && d.declaredAt !== null && (d.labelRemoved || d.status === "cancelled")) {
    return reinstate(
      d,
      e.createdAt,
      `Label ${d.config.labels.incident} added again: back to investigating`,
      e.actor,
      `event:${e.id}`,
      url,
    );
  }
  if (!ours) return declare(d, e.createdAt, e.actor, `event:${e.id}`, url, e.actorIsBot);
  // hereby adds the label because a comment declared; that comment declares first (same
  // second or earlier). If it is gone, this label marks the moment.
  const assigned = d.snapshot.events.find(
    (a) =>
      a.event === "assigned" &&
      a.assignee &&
      f.self !== null &&
      lower(a.actor) === f.self &&
      a.createdAt >= e.createdAt,
  );
  declare(
    d,
    e.createdAt,
    f.checklistDeclarer ?? assigned?.assignee ?? d.snapshot.issue.author,
    `event:${e.id}`,
    url,
  );
}

/** Whether hereby made this change. With its own identity (the App), every change by it.
 * With a shared one, only a change to what the record asked for since hereby last wrote
 * (a workflow swapping the severity as the same bot is not hereby). */
function isOurs(d: Draft, e: IssueEventRecord, f: Fold): boolean {
  if (f.self === null || lower(e.actor) !== f.self) return false;
  if (!f.shared) return true;
  const level = e.event === "labeled" && e.label ? levelOfLabel(d.config, e.label) : null;
  const status = e.event === "labeled" && e.label ? statusOfLabel(d.config, e.label) : null;
  if (level !== null) return settles(d.asked.severities, level, d.severity);
  if (status !== null) return settles(d.asked.statuses, status, d.status);
  if (e.event === "closed") return d.wantOpen === false;
  if (e.event === "reopened") return d.wantOpen !== false;
  return true;
}

function settles(asked: Set<string>, value: string, current: string | null): boolean {
  if (!asked.has(value)) return false;
  asked.clear();
  if (current !== null) asked.add(current);
  return true;
}

function onHandChange(d: Draft, e: IssueEventRecord): void {
  const source = `event:${e.id}`;
  const url = d.snapshot.issue.htmlUrl;
  const how = e.actorIsBot ? "changed by an app" : "changed by hand";
  if (e.event === "labeled" && e.label) {
    const level = levelOfLabel(d.config, e.label);
    const status = statusOfLabel(d.config, e.label);
    if (level) setSeverity(d, level, source);
    if (level)
      addEntry(
        d,
        "severity",
        e.createdAt,
        `Severity set to ${level} (label ${how})`,
        e.actor,
        source,
        url,
      );
    // The cancelled label put on by hand is a cancellation: the issue closes as not planned.
    if (status === "cancelled")
      return cancel(d, e.createdAt, `Cancelled (label ${how})`, e.actor, source, url);
    if (status) setStatus(d, status, e.createdAt);
    if (status)
      addEntry(
        d,
        "status",
        e.createdAt,
        `Status set to ${status} (label ${how})`,
        e.actor,
        source,
        url,
      );
    return;
  }
  if (e.event !== "closed" && e.event !== "reopened") return;
  // GitHub lets an issue's author close and reopen it whatever their access: whether the
  // incident follows depends on the permission, checked by convergence.
  const gated =
    !e.actorIsBot &&
    (lower(e.actor) === lower(d.snapshot.issue.author) || d.config.permission !== "triage");
  if (gated) d.gatedEvents.push({ id: e.id, actor: e.actor });
  const closed = e.event === "closed";
  setStatus(d, closed ? "resolved" : "investigating", e.createdAt);
  d.wantOpen = !closed;
  // Closed by hand: as completed or not planned, whichever the person chose.
  d.closeAs = null;
  addEntry(
    d,
    closed ? "resolved" : "reopened",
    e.createdAt,
    closed ? "Resolved: issue closed" : "Reopened: back to investigating",
    e.actor,
    source,
    url,
  );
}

/** A close or reopen by someone without the permission: recorded, and undone. */
function onRefusedStateChange(d: Draft, e: IssueEventRecord): void {
  if (e.event !== "closed" && e.event !== "reopened") return;
  const closed = e.event === "closed";
  const text = `${closed ? "Closed" : "Reopened"} by @${e.actor}: not applied (needs ${d.config.permission} access), ${closed ? "reopened" : "closed again"}`;
  addEntry(d, "note", e.createdAt, text, e.actor, `event:${e.id}`, d.snapshot.issue.htmlUrl);
  d.wantOpen = closed;
}

function onComment(d: Draft, c: CommentRecord, parsed: ParsedComment, f: Fold): void {
  // A comment is applied whole or not at all: one bad line rejects it.
  if (parsed.lines.some((l) => !l.ok)) return;
  const source = `comment:${c.id}`;
  const before = d.timeline.length;
  // A comment that declares declares first: its other commands apply to the incident.
  const declares =
    parsed.declares || parsed.lines.some((l) => l.ok && l.command.name === "declare");
  if (declares && d.declaredAt !== null && (d.labelRemoved || d.status === "cancelled")) {
    reinstate(d, c.createdAt, "Declared again: back to investigating", c.author, source, c.htmlUrl);
  } else if (declares) declare(d, c.createdAt, c.author, source, c.htmlUrl);
  if (d.declaredAt === null || d.labelRemoved) return;
  for (const line of parsed.lines) if (line.ok) onCommand(d, c, line.command, source, f);
  // `/severity`, `/lead` or `/declare` confirms a declaration made below the permission.
  const confirms =
    declares || parsed.lines.some((l) => l.ok && ["severity", "lead"].includes(l.command.name));
  if (d.unconfirmed && d.confirmedIn === null && confirms) {
    // Only commands by people with the permission get here (the others are refused).
    d.confirmedIn = source;
    addEntry(
      d,
      "note",
      c.createdAt,
      "Declaration confirmed: the people to notify are paged",
      c.author,
      source,
      c.htmlUrl,
    );
  }
  // Only comments that changed the record count (a lone /help doesn't).
  if (d.timeline.length > before) d.appliedComments.push({ id: c.id, author: c.author });
}

function onCommand(d: Draft, c: CommentRecord, cmd: Command, source: string, f: Fold): void {
  const entry = (kind: Parameters<typeof addEntry>[1], text: string, at = c.createdAt) =>
    addEntry(d, kind, at, text, c.author, source, c.htmlUrl);
  switch (cmd.name) {
    case "severity":
      setSeverity(d, cmd.level, source);
      return entry("severity", `Severity set to ${cmd.level}`);
    case "timeline":
      return entry("note", cmd.text, cmd.at ?? c.createdAt);
    case "started":
      return startImpact(d, cmd.at, cmd.text, c.author, source, c.htmlUrl);
    case "status":
      // `/status resolved` is `/resolve`: the issue closes and the postmortem follows.
      if (cmd.status === "resolved")
        return onCommand(d, c, { name: "resolve", text: cmd.text }, source, f);
      setStatus(d, cmd.status, c.createdAt);
      d.wantOpen = true;
      return entry("status", `Status set to ${cmd.status}${cmd.text ? `: ${cmd.text}` : ""}`);
    case "summary": {
      const clean = redactSecrets(cmd.text);
      if (clean.kinds.length > 0) d.redacted = true;
      d.summary = clean.text;
      return entry("summary", "Summary updated");
    }
    case "lead":
      if (f.unassignable.has(lower(cmd.user))) return;
      onLead(d, cmd.user);
      return entry("lead", `Lead: @${cmd.user}`);
    case "role":
      d.roles[cmd.role] = cmd.users;
      return entry(
        "role",
        `${d.config.roles.find((r) => r.name === cmd.role)?.title ?? cmd.role}: ${cmd.users.map((u) => `@${u}`).join(", ")}`,
      );
    case "resolve":
      setStatus(d, "resolved", c.createdAt);
      d.wantOpen = false;
      d.closeAs = "completed";
      return entry("resolved", `Resolved${cmd.text ? `: ${cmd.text}` : ""}`);
    case "cancel":
      return cancel(
        d,
        c.createdAt,
        `Cancelled${cmd.text ? `: ${cmd.text}` : ""}`,
        c.author,
        source,
        c.htmlUrl,
      );
    // A kept change enters the timeline from hereby's changes list, attributed to its keeper.
    case "declare":
    case "help":
    case "postmortem":
    case "action":
    case "keep":
      return;
  }
}

function onLead(d: Draft, user: Login): void {
  const previous = d.lead ?? defaultLead(d);
  if (previous !== null && lower(previous) !== lower(user)) d.formerLeads.push(previous);
  d.lead = user;
}

// The one reducer: an issue's labels, comments and events → the incident. Nothing about
// an incident is stored anywhere else, so every handler, in any order, after any
// redelivery, derives the same record from the same issue. It also derives what the
// labels, assignees and open/closed state *should* be (the latest command or hand change
// wins), so concurrent writers all aim at the same issue and converge.
import type { Config } from "../config.js";
import { parseComment } from "./commands.js";
import { readIncidentForm } from "./incident-form.js";
import { levelOfLabel, severityOf, severityRank, statusOf, statusOfLabel } from "./labels.js";
import { findMarkers, textHash } from "./markers.js";
import { userText } from "./record.js";
import { redactSecrets } from "./redact.js";
import { followUpStatus } from "./review/follow-up-status.js";
import { isOwnComment, isOwnEvent, resolveSelf } from "./self.js";
import { postmortemRecord } from "./postmortem/record-entries.js";
import type {
  CommentRecord,
  Incident,
  IssueEventRecord,
  IssueSnapshot,
  Login,
  Status,
  TimelineEntry,
  TimelineKind,
} from "./types.js";

type Item = { at: string; id: number; comment: CommentRecord } | { at: string; id: number; event: IssueEventRecord };

/** Comments hereby refused for lack of permission, in the revision it answered: an
 * edited comment is checked again (access may have been granted since). */
function refusedComments(comments: CommentRecord[], self: Login | null): Set<number> {
  return answeredRevisions(comments, self, "refused");
}

/** Comments whose current text hereby rejected for what only GitHub knows (a lead that
 * can't be assigned): the rejection names the comment and the revision it answered. */
function rejectedRevisions(comments: CommentRecord[], self: Login | null): Set<number> {
  return answeredRevisions(comments, self, "rejected");
}

/** Comments whose current revision hereby answered with a marker of this kind. */
function answeredRevisions(comments: CommentRecord[], self: Login | null, kind: "refused" | "rejected"): Set<number> {
  const keys = new Set<string>();
  for (const c of comments) {
    if (!isOwnComment(c, self)) continue;
    for (const m of findMarkers(c.body)) if (m.kind === kind) keys.add(m.key);
  }
  return new Set(comments.filter((c) => keys.has(`${c.id}@${textHash(c.body)}`)).map((c) => c.id));
}

export function isIncidentIssue(labels: string[], config: Config): boolean {
  return labels.some((l) => l.toLowerCase() === config.labels.incident.toLowerCase());
}

export interface ReduceOptions {
  /** Login of hereby's own bot: its label and state changes are the effects of commands.
   * When unknown, every bot is taken for hereby. */
  self?: string | null;
  /** Comments whose authors lack the permission, found before the bot answered them. */
  refused?: ReadonlySet<number>;
  /** Logins GitHub refused to assign: a `/lead` naming one changes nothing (the lead
   * before it stands) until its own handler rejects the comment. */
  unassignable?: ReadonlySet<string>;
}

const lower = (s: string) => s.toLowerCase();

export function reduceIncident(snapshot: IssueSnapshot, config: Config, options: ReduceOptions = {}): Incident {
  const { issue } = snapshot;
  // hereby's own login: as told, else whoever wrote the checklist (hereby did), so the
  // record is right whichever token or app identity wrote it.
  const self = resolveSelf(snapshot.comments, options.self);
  const isOurs = (actor: Login, _isBot?: boolean) => isOwnEvent(actor, self);
  const refused = refusedComments(snapshot.comments, self);
  for (const id of options.refused ?? []) refused.add(id);
  for (const id of rejectedRevisions(snapshot.comments, self)) refused.add(id);
  const parsedComments = new Map(
    snapshot.comments
      .filter((c) => !c.authorIsBot && !isOwnComment(c, self) && !refused.has(c.id))
      .map((c) => [c.id, parseComment(c.body, { config, author: c.author, postedAt: c.createdAt })] as const),
  );
  const items: Item[] = [
    ...snapshot.comments.filter((c) => parsedComments.has(c.id)).map((c) => ({ at: c.createdAt, id: c.id, comment: c })),
    ...snapshot.events.map((e) => ({ at: e.createdAt, id: e.id, event: e })),
  ];
  const isIncidentLabel = (e: IssueEventRecord) => e.event === "labeled" && lower(e.label ?? "") === lower(config.labels.incident);
  // hereby's checklist names the declarer: when the declaring comment is gone (deleted,
  // or edited into a mistake), hereby's own incident label marks the declaration, by them.
  const checklistDeclarer = snapshot.comments
    .filter((c) => isOwnComment(c, self))
    .flatMap((c) => findMarkers(c.body).filter((m) => m.kind === "declarer").map((m) => m.key))[0];
  // GitHub's order is by time, to the second. Within a second, events go first (a
  // command posted the second an issue was labelled still counts), then ids; never the
  // order things were read or delivered in.
  // hereby's own incident label comes after the comment that made it add the label.
  const rank = (item: Item) => ("event" in item ? (isIncidentLabel(item.event) && isOurs(item.event.actor) ? 2 : 0) : 1);
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : rank(a) - rank(b) || a.id - b.id));

  let declaredAt = null as string | null;
  let declaredBy = null as Login | null;
  let resolvedAt: string | null = null;
  let severity: string | null = null;
  let status: Status | null = null;
  let wantOpen: boolean | null = null;
  let lead: Login | null = null;
  const formerLeads: Login[] = [];
  let summary: string | null = null;
  let redacted = false;
  const roles: Record<string, Login[]> = {};
  const timeline: { entry: TimelineEntry; order: number }[] = [];
  const appliedComments: { id: number; author: Login }[] = [];
  const severityChanges: { level: string; source: string }[] = [];
  // The issue's labels as the history goes, whoever changed them: what an incident was
  // declared with comes from here, never from the labels as they are now.
  const labels = new Set<string>();
  // A label on the issue with no event in its history (imported, or older than the
  // events GitHub keeps) has been there from the start.
  const evented = new Set(snapshot.events.flatMap((e) => (e.label ? [lower(e.label)] : [])));
  for (const l of issue.labels) if (!evented.has(lower(l))) labels.add(lower(l));
  const absorbed = new Set<number>();
  const assignedByUs = new Map<string, Login | null>();

  const add = (kind: TimelineKind, at: string, text: string, by: Login, source: string, url: string) => {
    const clean = redactSecrets(text);
    if (clean.kinds.length > 0) redacted = true;
    timeline.push({ entry: { at, kind, text: clean.text, by, source, url }, order: timeline.length });
  };
  const setSeverity = (level: string, source: string) => {
    severity = level;
    severityChanges.push({ level, source });
  };
  const setStatus = (next: Status, at: string) => {
    status = next;
    if (next === "resolved" || next === "complete") resolvedAt = resolvedAt ?? at;
    else resolvedAt = null;
  };
  const trackLabel = (e: IssueEventRecord) => {
    if (!e.label) return;
    if (e.event === "labeled") labels.add(lower(e.label));
    if (e.event === "unlabeled") labels.delete(lower(e.label));
  };
  let declaredByApp = false;
  const declare = (at: string, by: Login, source: string, url: string, byApp = false) => {
    if (declaredAt !== null) return;
    // An app (an alerting integration) can declare, but can't lead: a person takes it.
    declaredByApp = byApp;
    // Labels set in the same second (an issue opened with several labels) are part of
    // the declaration, not changes made after it.
    for (const e of snapshot.events) {
      if (e.createdAt === at && (e.event === "labeled" || e.event === "unlabeled") && !absorbed.has(e.id)) {
        trackLabel(e);
        absorbed.add(e.id);
      }
    }
    declaredAt = at;
    declaredBy = by;
    const current = [...labels];
    const form = readIncidentForm(userText(issue.body), config, { at: issue.createdAt, by: issue.author });
    setSeverity(severityOf(config, current) ?? form?.severity ?? lower(config.default_severity), source);
    setStatus(statusOf(config, current) ?? "investigating", at);
    add("declared", at, "Incident declared", by, source, url);
    // The form's "When did it start?" is the first entry (the timeline is sorted by time).
    if (form?.startedAt) add("note", form.startedAt, "Incident started (as reported in the issue form)", issue.author, "issue", issue.htmlUrl);
  };

  for (const item of items) {
    if ("event" in item) {
      const e = item.event;
      const source = `event:${e.id}`;
      if (absorbed.has(e.id)) continue;
      trackLabel(e);
      // Who hereby assigned (as lead) and nobody has touched since: the only assignees it
      // may take away again.
      if (e.event === "assigned" && e.assignee) assignedByUs.set(lower(e.assignee), isOurs(e.actor, e.actorIsBot) ? e.assignee : null);
      if (e.event === "unassigned" && e.assignee) assignedByUs.delete(lower(e.assignee));
      if (isIncidentLabel(e)) {
        if (!isOurs(e.actor)) {
          declare(e.createdAt, e.actor, source, issue.htmlUrl, e.actorIsBot);
        } else {
          // hereby adds the label because a comment declared; that comment declares first
          // (same second or earlier). If it is gone, this label marks the moment.
          const assigned = snapshot.events.find((a) => a.event === "assigned" && a.assignee && isOurs(a.actor) && a.createdAt >= e.createdAt);
          declare(e.createdAt, checklistDeclarer ?? assigned?.assignee ?? issue.author, source, issue.htmlUrl);
        }
        continue;
      }
      // The review sweep's close-out (and an item reopened after it) is hereby's own doing.
      const followUp = declaredAt !== null && isOurs(e.actor) ? followUpStatus(e, config, status) : null;
      if (followUp) {
        setStatus(followUp.status, e.createdAt);
        add("status", e.createdAt, followUp.text, e.actor, source, issue.htmlUrl);
        continue;
      }
      // hereby's own label and state changes are the effects of commands already on the
      // timeline; changes by people (or other apps) are recorded from their events.
      if (isOurs(e.actor, e.actorIsBot) || declaredAt === null) continue;
      const how = e.actorIsBot ? "changed by an app" : "changed by hand";
      if (e.event === "labeled" && e.label) {
        const level = levelOfLabel(config, e.label);
        const labelStatus = statusOfLabel(config, e.label);
        if (level) {
          setSeverity(level, source);
          add("severity", e.createdAt, `Severity set to ${level} (label ${how})`, e.actor, source, issue.htmlUrl);
        }
        if (labelStatus) {
          setStatus(labelStatus, e.createdAt);
          add("status", e.createdAt, `Status set to ${labelStatus} (label ${how})`, e.actor, source, issue.htmlUrl);
        }
      } else if (e.event === "closed") {
        setStatus("resolved", e.createdAt);
        wantOpen = false;
        add("resolved", e.createdAt, "Resolved: issue closed", e.actor, source, issue.htmlUrl);
      } else if (e.event === "reopened") {
        setStatus("investigating", e.createdAt);
        wantOpen = true;
        add("reopened", e.createdAt, "Reopened: back to investigating", e.actor, source, issue.htmlUrl);
      }
      continue;
    }

    const c = item.comment;
    const parsed = parsedComments.get(c.id);
    if (!parsed) continue;
    // A comment is applied whole or not at all: one bad line rejects it.
    if (parsed.lines.some((l) => !l.ok)) continue;
    const source = `comment:${c.id}`;
    const before = timeline.length;
    if (parsed.declares) declare(c.createdAt, c.author, source, c.htmlUrl);
    for (const line of parsed.lines) {
      if (!line.ok) continue;
      const cmd = line.command;
      if (cmd.name === "declare") {
        declare(c.createdAt, c.author, source, c.htmlUrl);
        continue;
      }
      if (declaredAt === null) continue;
      switch (cmd.name) {
        case "help":
          break;
        case "severity":
          setSeverity(cmd.level, source);
          add("severity", c.createdAt, `Severity set to ${cmd.level}`, c.author, source, c.htmlUrl);
          break;
        case "timeline":
          add("note", cmd.at ?? c.createdAt, cmd.text, c.author, source, c.htmlUrl);
          break;
        case "status":
          setStatus(cmd.status, c.createdAt);
          if (cmd.status !== "resolved") wantOpen = true;
          add("status", c.createdAt, `Status set to ${cmd.status}${cmd.text ? `: ${cmd.text}` : ""}`, c.author, source, c.htmlUrl);
          break;
        case "summary": {
          const clean = redactSecrets(cmd.text);
          if (clean.kinds.length > 0) redacted = true;
          summary = clean.text;
          add("summary", c.createdAt, "Summary updated", c.author, source, c.htmlUrl);
          break;
        }
        case "lead": {
          if (options.unassignable?.has(lower(cmd.user))) break;
          const previous = lead ?? (declaredByApp ? null : declaredBy);
          if (previous !== null && lower(previous) !== lower(cmd.user)) formerLeads.push(previous);
          lead = cmd.user;
          add("lead", c.createdAt, `Lead: @${cmd.user}`, c.author, source, c.htmlUrl);
          break;
        }
        case "role": {
          roles[cmd.role] = cmd.users;
          const title = config.roles.find((r) => r.name === cmd.role)?.title ?? cmd.role;
          add("role", c.createdAt, `${title}: ${cmd.users.map((u) => `@${u}`).join(", ")}`, c.author, source, c.htmlUrl);
          break;
        }
        case "resolve":
          setStatus("resolved", c.createdAt);
          wantOpen = false;
          add("resolved", c.createdAt, `Resolved${cmd.text ? `: ${cmd.text}` : ""}`, c.author, source, c.htmlUrl);
          break;
      }
    }
    // Only comments that changed the record count (a lone /help doesn't).
    if (timeline.length > before) appliedComments.push({ id: c.id, author: c.author });
  }

  // An issue labelled without a readable label event (imported, or events not returned)
  // still counts, with the labels it has.
  if (declaredAt === null && isIncidentIssue(issue.labels, config)) {
    for (const l of issue.labels) labels.add(lower(l));
    declare(issue.createdAt, issue.author, "issue", issue.htmlUrl);
  }

  // The postmortem pull request, from hereby's own comments about it.
  const postmortem = postmortemRecord(snapshot.comments, self);
  if (declaredAt !== null) for (const entry of postmortem.entries) timeline.push({ entry, order: timeline.length });
  timeline.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.order - b.order));
  const finalLead = lead ?? (declaredByApp ? null : declaredBy);
  const finalStatus = status as Status | null;
  appliedComments.sort((a, b) => a.id - b.id);
  return {
    number: issue.number,
    title: issue.title,
    severity,
    status: finalStatus,
    lead: finalLead,
    roles,
    declaredAt,
    declaredBy,
    resolvedAt: finalStatus === "resolved" || finalStatus === "complete" ? (resolvedAt ?? issue.closedAt) : null,
    summary,
    timeline: timeline.map((t) => t.entry),
    commandCommentIds: appliedComments.map((c) => c.id),
    redacted,
    formerLeads: [...new Set([...formerLeads, ...[...assignedByUs.values()].filter((l): l is Login => l !== null)])].filter(
      (l) => finalLead === null || lower(l) !== lower(finalLead),
    ),
    wantOpen,
    severityChanges,
    appliedComments,
    postmortem: postmortem.link,
  };
}

/** Whether the comment or event `source` raised the severity, and to what. */
export function raisedBy(incident: Incident, config: Config, source: string): string | null {
  const changes = incident.severityChanges;
  const first = changes.findIndex((c) => c.source === source);
  if (first < 0) return null;
  const last = changes.map((c) => c.source).lastIndexOf(source);
  const previous = first > 0 ? (changes[first - 1]?.level ?? null) : null;
  const next = changes[last]?.level ?? null;
  if (previous === null || next === null) return null;
  return severityRank(config, next) < severityRank(config, previous) && incident.severity === next ? next : null;
}

// The one reducer: an issue's labels, comments and events → the incident. Nothing about
// an incident is stored anywhere else, so every handler, in any order, after any
// redelivery, derives the same record from the same issue. It also derives what the
// labels, assignees and open/closed state *should* be (the latest command or hand change
// wins), so concurrent writers all aim at the same issue and converge.
import type { Config } from "../config.js";
import { parseComment, resolveSeverity } from "./commands.js";
import { levelOfLabel, severityOf, statusOf, statusOfLabel } from "./labels.js";
import { findMarkers } from "./markers.js";
import { redactSecrets } from "./redact.js";
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

/** Comment ids the bot refused for lack of permission: their commands never count. */
function refusedComments(comments: CommentRecord[]): Set<number> {
  const ids = new Set<number>();
  for (const c of comments) {
    if (!c.authorIsBot) continue;
    for (const m of findMarkers(c.body)) {
      if (m.kind === "refused") ids.add(Number(m.key.split("@")[0]));
    }
  }
  return ids;
}

/** A severity picked in an issue form (`### Severity` heading followed by the value). */
export function formSeverity(body: string | null, config: Config): string | null {
  const match = /^#{2,4}\s*Severity\s*\r?\n\s*\r?\n?\s*([^\r\n]+)/im.exec(body ?? "");
  if (!match?.[1]) return null;
  const word = match[1].trim().split(/[\s:(]/)[0] ?? "";
  return resolveSeverity(word, config);
}

export function isIncidentIssue(labels: string[], config: Config): boolean {
  return labels.some((l) => l.toLowerCase() === config.labels.incident.toLowerCase());
}

export function reduceIncident(snapshot: IssueSnapshot, config: Config): Incident {
  const { issue } = snapshot;
  const refused = refusedComments(snapshot.comments);
  const items: Item[] = [
    ...snapshot.comments.filter((c) => !c.authorIsBot).map((c) => ({ at: c.createdAt, id: c.id, comment: c })),
    ...snapshot.events.map((e) => ({ at: e.createdAt, id: e.id, event: e })),
  ];
  // GitHub's order is by time, to the second. Within a second, events go first (a
  // command posted the second an issue was labelled still counts), then ids; never the
  // order things were read or delivered in.
  const rank = (item: Item) => ("event" in item ? 0 : 1);
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
  const roles: Record<string, Login> = {};
  const timeline: { entry: TimelineEntry; order: number }[] = [];
  const commandCommentIds: number[] = [];

  const add = (kind: TimelineKind, at: string, text: string, by: Login, source: string, url: string) => {
    const clean = redactSecrets(text);
    if (clean.kinds.length > 0) redacted = true;
    timeline.push({ entry: { at, kind, text: clean.text, by, source, url }, order: timeline.length });
  };
  const declare = (at: string, by: Login, source: string, url: string) => {
    if (declaredAt !== null) return;
    declaredAt = at;
    declaredBy = by;
    add("declared", at, "Incident declared", by, source, url);
  };
  const setStatus = (next: Status, at: string) => {
    status = next;
    if (next === "resolved" || next === "complete") resolvedAt = resolvedAt ?? at;
    else resolvedAt = null;
  };

  for (const item of items) {
    if ("event" in item) {
      const e = item.event;
      const source = `event:${e.id}`;
      if (e.event === "labeled" && e.label?.toLowerCase() === config.labels.incident.toLowerCase()) {
        declare(e.createdAt, e.actor, source, issue.htmlUrl);
        continue;
      }
      // The bot's own label and state changes are the effects of commands already on the
      // timeline; only people's changes by hand are recorded from events.
      if (e.actorIsBot || declaredAt === null) continue;
      if (e.event === "labeled" && e.label) {
        const level = levelOfLabel(config, e.label);
        const labelStatus = statusOfLabel(config, e.label);
        if (level) {
          severity = level;
          add("severity", e.createdAt, `Severity set to ${level} (label changed by hand)`, e.actor, source, issue.htmlUrl);
        }
        if (labelStatus) {
          setStatus(labelStatus, e.createdAt);
          add("status", e.createdAt, `Status set to ${labelStatus} (label changed by hand)`, e.actor, source, issue.htmlUrl);
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
    if (refused.has(c.id)) continue;
    const parsed = parseComment(c.body, { config, author: c.author, postedAt: c.createdAt });
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
          severity = cmd.level;
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
        case "lead":
          if (lead !== null && lead.toLowerCase() !== cmd.user.toLowerCase()) formerLeads.push(lead);
          if (lead === null && declaredBy !== null && declaredBy.toLowerCase() !== cmd.user.toLowerCase()) {
            formerLeads.push(declaredBy);
          }
          lead = cmd.user;
          add("lead", c.createdAt, `Lead: @${cmd.user}`, c.author, source, c.htmlUrl);
          break;
        case "role": {
          roles[cmd.role] = cmd.user;
          const title = config.roles.find((r) => r.name === cmd.role)?.title ?? cmd.role;
          add("role", c.createdAt, `${title}: @${cmd.user}`, c.author, source, c.htmlUrl);
          break;
        }
        case "resolve":
          setStatus("resolved", c.createdAt);
          wantOpen = false;
          add("resolved", c.createdAt, `Resolved${cmd.text ? `: ${cmd.text}` : ""}`, c.author, source, c.htmlUrl);
          break;
      }
    }
    if (timeline.length > before || parsed.lines.some((l) => l.ok && l.command.name === "help")) {
      commandCommentIds.push(c.id);
    }
  }

  // An issue labelled before its events were readable (or imported) still counts.
  if (declaredAt === null && isIncidentIssue(issue.labels, config)) {
    declare(issue.createdAt, issue.author, "issue", issue.htmlUrl);
  }

  timeline.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.order - b.order));
  const finalLead = lead ?? declaredBy;
  const finalStatus: Status | null =
    status ?? statusOf(config, issue.labels) ?? (declaredAt !== null ? "investigating" : null);
  const finalSeverity =
    severity ??
    severityOf(config, issue.labels) ??
    (declaredAt !== null ? (formSeverity(issue.body, config) ?? config.default_severity.toLowerCase()) : null);
  return {
    number: issue.number,
    title: issue.title,
    severity: finalSeverity,
    status: finalStatus,
    lead: finalLead,
    roles,
    declaredAt,
    declaredBy,
    resolvedAt: finalStatus === "resolved" || finalStatus === "complete" ? (resolvedAt ?? issue.closedAt) : null,
    summary,
    timeline: timeline.map((t) => t.entry),
    commandCommentIds: commandCommentIds.sort((a, b) => a - b),
    redacted,
    formerLeads: formerLeads.filter((l) => finalLead === null || l.toLowerCase() !== finalLead.toLowerCase()),
    wantOpen,
  };
}

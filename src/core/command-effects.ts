// What a comment's commands do to the incident being reduced (reducer.ts). A comment is
// applied whole or not at all; one that declares declares first, and its other commands
// apply to the incident it declared.
import { cancel, reinstate } from "./cancellation.js";
import type { Fold } from "./event-effects.js";
import {
  addEntry,
  declare,
  defaultLead,
  lower,
  setSeverity,
  setStatus,
  startImpact,
  type Origin,
  type Draft,
} from "./incident-draft.js";
import { redactSecrets } from "./redact.js";
import type { Command, CommentRecord, Login, ParsedComment, TimelineKind } from "./types.js";

export function onComment(d: Draft, c: CommentRecord, parsed: ParsedComment, f: Fold): void {
  // A comment is applied whole or not at all: one bad line rejects it.
  if (parsed.lines.some((l) => !l.ok)) return;
  const source = `comment:${c.id}`;
  const from: Origin = { at: c.createdAt, by: c.author, source, url: c.htmlUrl };
  const before = d.timeline.length;
  // A comment that declares declares first: its other commands apply to the incident.
  const declares =
    parsed.declares || parsed.lines.some((l) => l.ok && l.command.name === "declare");
  if (declares && d.declaredAt !== null && (d.labelRemoved || d.status === "cancelled")) {
    reinstate(d, "Declared again: back to investigating", from);
  } else if (declares) declare(d, from);
  if (d.declaredAt === null || d.labelRemoved) return;
  for (const line of parsed.lines) if (line.ok) onCommand(d, c, line.command, from, f);
  // `/severity`, `/lead` or `/declare` confirms a declaration made below the permission.
  const confirms =
    declares || parsed.lines.some((l) => l.ok && ["severity", "lead"].includes(l.command.name));
  if (d.unconfirmed && d.confirmedIn === null && confirms) {
    // Only commands by people with the permission get here (the others are refused).
    d.confirmedIn = source;
    const text = "Declaration confirmed: the people to notify are paged";
    addEntry(d, { ...from, kind: "note", text });
  }
  // Only comments that changed the record count (a lone /help doesn't).
  if (d.timeline.length > before) d.appliedComments.push({ id: c.id, author: c.author });
}

function onCommand(d: Draft, c: CommentRecord, cmd: Command, from: Origin, f: Fold): void {
  const entry = (kind: TimelineKind, text: string, at = from.at) =>
    addEntry(d, { ...from, at, kind, text });
  switch (cmd.name) {
    case "severity":
      setSeverity(d, cmd.level, from.source);
      return entry("severity", `Severity set to ${cmd.level}`);
    case "timeline":
      return entry("note", cmd.text, cmd.at ?? c.createdAt);
    case "started":
      return startImpact(d, cmd.text, { ...from, at: cmd.at });
    case "status":
      // `/status resolved` is `/resolve`: the issue closes and the postmortem follows.
      if (cmd.status === "resolved")
        return onCommand(d, c, { name: "resolve", text: cmd.text }, from, f);
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
      return cancel(d, `Cancelled${cmd.text ? `: ${cmd.text}` : ""}`, from);
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

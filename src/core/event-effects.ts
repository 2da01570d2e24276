// What an issue event does to the incident being reduced (reducer.ts): the incident label
// put on (a declaration) or taken off, a severity or status label, a close or reopen. A
// change hereby made is the effect of a command already on the timeline; a change by a
// person or another app is recorded as theirs, and one by someone without the permission is
// recorded and undone.
import { cancel, isIncidentUnlabel, onIncidentUnlabeled, reinstate } from "./cancellation.js";
import {
  addEntry,
  declare,
  eventOrigin,
  lower,
  setSeverity,
  setStatus,
  trackLabel,
  type Draft,
} from "./incident-draft.js";
import { levelOfLabel, statusOfLabel } from "./labels.js";
import { followUpStatus } from "./review/follow-up-status.js";
import type { IssueEventRecord, Login } from "./types.js";

/** What the whole fold knows besides the draft: who hereby is, and GitHub's refusals. */
export interface Fold {
  self: Login | null;
  /** hereby writes as an identity others write as too (the Action's GITHUB_TOKEN bot, a
   * person's token): only writes that match what the record asked for are hereby's. */
  shared: boolean;
  refusedEvents: ReadonlySet<number>;
  unassignable: ReadonlySet<string>;
  checklistDeclarer: Login | undefined;
}

function isIncidentLabel(d: Draft, e: IssueEventRecord): boolean {
  return e.event === "labeled" && lower(e.label ?? "") === lower(d.config.labels.incident);
}

export function onEvent(d: Draft, e: IssueEventRecord, f: Fold): void {
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
    return addEntry(d, { ...eventOrigin(d, e), kind: "status", text: followUp.text });
  }
  // hereby's own label and state changes are the effects of commands already on the
  // timeline; changes by people (or other apps) are recorded from their events.
  if (ours || d.declaredAt === null) return;
  if (f.refusedEvents.has(e.id)) return onRefusedStateChange(d, e);
  onHandChange(d, e);
}

function onIncidentLabel(d: Draft, e: IssueEventRecord, f: Fold, ours: boolean): void {
  const from = eventOrigin(d, e);
  if (!ours && d.declaredAt !== null && (d.labelRemoved || d.status === "cancelled"))
    return reinstate(
      d,
      `Label ${d.config.labels.incident} added again: back to investigating`,
      from,
    );
  if (!ours) return declare(d, from, e.actorIsBot);
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
  declare(d, { ...from, by: f.checklistDeclarer ?? assigned?.assignee ?? d.snapshot.issue.author });
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
  const from = eventOrigin(d, e);
  const how = e.actorIsBot ? "changed by an app" : "changed by hand";
  if (e.event === "labeled" && e.label) {
    const level = levelOfLabel(d.config, e.label);
    const status = statusOfLabel(d.config, e.label);
    if (level) setSeverity(d, level, from.source);
    if (level)
      addEntry(d, { ...from, kind: "severity", text: `Severity set to ${level} (label ${how})` });
    // The cancelled label put on by hand is a cancellation: the issue closes as not planned.
    if (status === "cancelled") return cancel(d, `Cancelled (label ${how})`, from);
    if (status) setStatus(d, status, e.createdAt);
    if (status)
      addEntry(d, { ...from, kind: "status", text: `Status set to ${status} (label ${how})` });
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
  addEntry(d, {
    ...from,
    kind: closed ? "resolved" : "reopened",
    text: closed ? "Resolved: issue closed" : "Reopened: back to investigating",
  });
}

/** A close or reopen by someone without the permission: recorded, and undone. */
function onRefusedStateChange(d: Draft, e: IssueEventRecord): void {
  if (e.event !== "closed" && e.event !== "reopened") return;
  const closed = e.event === "closed";
  const text = `${closed ? "Closed" : "Reopened"} by @${e.actor}: not applied (needs ${d.config.permission} access), ${closed ? "reopened" : "closed again"}`;
  addEntry(d, { ...eventOrigin(d, e), kind: "note", text });
  d.wantOpen = closed;
}

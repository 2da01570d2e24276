// Cancelling an incident declared in error, and bringing it back: transitions of the
// reducer's fold (reducer.ts). `/cancel [reason]` and a person removing the incident label
// both cancel: status `cancelled`, the issue closed as not planned, the record kept.
// Reopening the issue, or adding the label (or declaring) again, brings it back to
// `investigating`. hereby never puts back a label a person removed: while it is off, the
// issue is no incident, and its commands and hand changes don't count.
import {
  addEntry,
  eventOrigin,
  lower,
  setStatus,
  type Draft,
  type Origin,
} from "./incident-draft.js";
import type { IssueEventRecord } from "./types.js";

export function cancel(d: Draft, text: string, from: Origin): void {
  setStatus(d, "cancelled", from.at);
  d.wantOpen = false;
  d.closeAs = "not_planned";
  addEntry(d, { ...from, kind: "cancelled", text });
}

/** Declared again (the label added back, `/declare`, the phrase) after a cancellation. */
export function reinstate(d: Draft, text: string, from: Origin): void {
  d.labelRemoved = false;
  setStatus(d, "investigating", from.at);
  d.wantOpen = true;
  d.closeAs = null;
  addEntry(d, { ...from, kind: "reopened", text });
}

export function isIncidentUnlabel(d: Draft, e: IssueEventRecord): boolean {
  return e.event === "unlabeled" && lower(e.label ?? "") === lower(d.config.labels.incident);
}

/** A person (or another app) took the incident label off. Held to the permission like a
 * hand close: GitHub's word on the actor decides (authority.ts), and a refused removal is
 * recorded and undone (the label goes back on). */
export function onIncidentUnlabeled(d: Draft, e: IssueEventRecord, refused: boolean): void {
  const from = eventOrigin(d, e);
  const label = d.config.labels.incident;
  if (refused) {
    const text =
      `Label ${label} removed by @${e.actor}: not applied (needs ` +
      `${d.config.permission} access), label put back`;
    return addEntry(d, { ...from, kind: "note", text });
  }
  if (
    !e.actorIsBot &&
    (lower(e.actor) === lower(d.snapshot.issue.author) || d.config.permission !== "triage")
  ) {
    d.gatedEvents.push({ id: e.id, actor: e.actor });
  }
  d.labelRemoved = true;
  const how = e.actorIsBot ? "by an app" : "by hand";
  if (d.status === "cancelled")
    return addEntry(d, { ...from, kind: "note", text: `Label ${label} removed ${how}` });
  cancel(d, `Cancelled: label ${label} removed ${how}`, from);
}

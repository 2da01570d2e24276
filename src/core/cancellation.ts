// Cancelling an incident declared in error, and bringing it back: transitions of the
// reducer's fold (reducer.ts). `/cancel [reason]` and a person removing the incident label
// both cancel: status `cancelled`, the issue closed as not planned, the record kept.
// Reopening the issue, or adding the label (or declaring) again, brings it back to
// `investigating`. hereby never puts back a label a person removed: while it is off, the
// issue is no incident, and its commands and hand changes don't count.
import { addEntry, lower, setStatus, type Draft } from "./incident-draft.js";
import type { IssueEventRecord, Login } from "./types.js";

export function cancel(
  d: Draft,
  at: string,
  text: string,
  by: Login,
  source: string,
  url: string,
): void {
  setStatus(d, "cancelled", at);
  d.wantOpen = false;
  d.closeAs = "not_planned";
  addEntry(d, "cancelled", at, text, by, source, url);
}

/** Declared again (the label added back, `/declare`, the phrase) after a cancellation. */
export function reinstate(
  d: Draft,
  at: string,
  text: string,
  by: Login,
  source: string,
  url: string,
): void {
  d.labelRemoved = false;
  setStatus(d, "investigating", at);
  d.wantOpen = true;
  d.closeAs = null;
  addEntry(d, "reopened", at, text, by, source, url);
}

export function isIncidentUnlabel(d: Draft, e: IssueEventRecord): boolean {
  return e.event === "unlabeled" && lower(e.label ?? "") === lower(d.config.labels.incident);
}

/** A person (or another app) took the incident label off. Held to the permission like a
 * hand close: GitHub's word on the actor decides (authority.ts), and a refused removal is
 * recorded and undone (the label goes back on). */
export function onIncidentUnlabeled(d: Draft, e: IssueEventRecord, refused: boolean): void {
  const source = `event:${e.id}`;
  const url = d.snapshot.issue.htmlUrl;
  const label = d.config.labels.incident;
  if (refused) {
    const text =
      `Label ${label} removed by @${e.actor}: not applied (needs ` +
      `${d.config.permission} access), label put back`;
    return addEntry(d, "note", e.createdAt, text, e.actor, source, url);
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
    return addEntry(d, "note", e.createdAt, `Label ${label} removed ${how}`, e.actor, source, url);
  cancel(d, e.createdAt, `Cancelled: label ${label} removed ${how}`, e.actor, source, url);
}

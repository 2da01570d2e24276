// What declaring adds besides the record itself: missing labels, the checklist comment
// and, for severities that have `notify`, one comment mentioning those handles.
import type { Config } from "../config.js";
import { escapeText, quietHandle } from "./escape.js";
import { allLabelSpecs, hasLabel, severityLabel, statusLabel } from "./labels.js";
import { findMarkers, marker } from "./markers.js";
import type { LabelSpec, Write } from "./plan.js";
import { notifyComment } from "./replies.js";
import { renderRaw } from "./render.js";
import { isOwnComment, resolveSelf } from "./self.js";
import type { CommentRecord, Incident } from "./types.js";

/** hereby's markers already on the issue: a comment holding one is never written again. */
export function writtenMarkers(comments: CommentRecord[], self?: string | null): Set<string> {
  const found = new Set<string>();
  const own = resolveSelf(comments, self);
  for (const c of comments) {
    if (!isOwnComment(c, own)) continue;
    for (const m of findMarkers(c.body)) found.add(marker(m.kind, m.key));
  }
  return found;
}

/** A comment, unless one with its marker is already on the issue (redelivery, retry). */
export function commentOnce(
  written: Set<string>,
  issue: number,
  reply: { body: string; marker: string },
): Write[] {
  return written.has(reply.marker)
    ? []
    : [{ type: "comment", issue, body: reply.body, marker: reply.marker }];
}

/** Labels missing from the repository, the ones this incident wears now first. */
export function missingLabels(
  config: Config,
  repoLabels: string[],
  incident: Incident,
): { now: LabelSpec[]; later: LabelSpec[] } {
  const missing = allLabelSpecs(config).filter((spec) => !hasLabel(repoLabels, spec.name));
  const wornNow = [
    config.labels.incident,
    incident.severity ? severityLabel(config, incident.severity) : "",
    statusLabel(config, incident.status ?? "investigating"),
  ].map((l) => l.toLowerCase());
  return {
    now: missing.filter((s) => wornNow.includes(s.name.toLowerCase())),
    later: missing.filter((s) => !wornNow.includes(s.name.toLowerCase())),
  };
}

/** The checklist comment, from `template` (templates/checklist.md). */
export function checklistComment(
  incident: Incident,
  config: Config,
  template: string,
  /** The declarer, when they are below the permission: nobody is paged until confirmed. */
  unconfirmed?: string,
): Extract<Write, { type: "comment" }> {
  const mark = marker("checklist", "declared");
  const declarer =
    incident.lead && incident.declaredBy === incident.lead
      ? `\n${marker("declarer", incident.lead)}`
      : "";
  const waiting = unconfirmed ? `\n${marker("unconfirmed", unconfirmed)}` : "";
  const body = renderRaw(template, {
    marker: `${mark}${declarer}${waiting}`,
    unconfirmed: unconfirmed
      ? { who: quietHandle(unconfirmed), permission: config.permission }
      : false,
    severity: incident.severity ?? config.default_severity,
    lead: incident.lead && !unconfirmed ? quietHandle(incident.lead) : "nobody yet",
    levels: config.severities.map((s) => s.name).join("|"),
    roles: config.roles.map((r) => ({
      name: r.name,
      title: escapeText(r.title),
      description: escapeText(r.description),
    })),
    hasNotify: config.checklist.notify.length > 0,
    notify: config.checklist.notify.map((t) => escapeText(t)),
    communicate: config.checklist.communicate ? escapeText(config.checklist.communicate) : "",
  });
  return { type: "comment", issue: incident.number, body: body.trimEnd(), marker: mark };
}

/** The notify comment for a severity, when it has handles and none was written for `key`. */
export function notifyWrite(
  incident: Incident,
  config: Config,
  level: string,
  key: string,
  raised: boolean,
  written: Set<string>,
): Extract<Write, { type: "comment" }> | null {
  const handles = config.severities.find((s) => s.name === level)?.notify ?? [];
  if (handles.length === 0) return null;
  const [write] = commentOnce(written, incident.number, notifyComment(key, level, handles, raised));
  return write?.type === "comment" ? write : null;
}

// Deciding the one PATCH that brings an incident issue in line with its record: labels
// (incident, exactly one severity, exactly one status), the lead assigned, open/closed
// as the latest command asked, and the body with a freshly rendered block. All of it is
// derived from the issue itself, so any handler, run again on the result, asks for
// nothing: that is the convergence test the writer runs after every write.
import type { Config } from "../config.js";
import { hasLabel, levelOfLabel, severityLabel, statusLabel, statusOfLabel } from "./labels.js";
import type { Write } from "./plan.js";
import { reduceIncident, type ReduceOptions } from "./reducer.js";
import { withRecord } from "./record.js";
import { reviewIssueOf } from "./review/record-link.js";
import type { Incident, IssueSnapshot } from "./types.js";

export type IssueUpdate = Extract<Write, { type: "updateIssue" }>;

const lower = (s: string) => s.toLowerCase();

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a.map(lower));
  const y = new Set(b.map(lower));
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** Labels the incident should carry: people's other labels kept as they are. */
export function wantedLabels(current: string[], incident: Incident, config: Config): string[] {
  const severity = incident.severity ? severityLabel(config, incident.severity) : null;
  const status = incident.status ? statusLabel(config, incident.status) : null;
  const keep = (label: string): boolean => {
    if (levelOfLabel(config, label) !== null)
      return severity !== null && lower(label) === lower(severity);
    if (statusOfLabel(config, label) !== null)
      return status !== null && lower(label) === lower(status);
    return true;
  };
  const next = current.filter(keep);
  // A label a person took off (cancelling the incident) stays off: hereby never puts it back.
  const incidentLabel = incident.labelRemoved ? null : config.labels.incident;
  for (const label of [incidentLabel, severity, status]) {
    if (label !== null && !hasLabel(next, label)) next.push(label);
  }
  return next;
}

export function wantedAssignees(
  current: string[],
  incident: Incident,
  unassignable: ReadonlySet<string> = new Set(),
): string[] {
  const former = new Set(incident.formerLeads.map(lower));
  const next = current.filter((a) => !former.has(lower(a)));
  const lead = incident.lead;
  if (lead && !unassignable.has(lower(lead)) && !next.some((a) => lower(a) === lower(lead)))
    next.push(lead);
  return next;
}

export type DecideOptions = ReduceOptions;

export function decideRecord(
  snapshot: IssueSnapshot,
  config: Config,
  options: DecideOptions = {},
): { update: IssueUpdate | null; incident: Incident } {
  const { issue } = snapshot;
  const incident = reduceIncident(snapshot, config, options);
  const update: IssueUpdate = { type: "updateIssue", issue: issue.number };
  let needed = false;

  const body = withRecord(
    issue.body,
    incident,
    config,
    snapshot.actionItems,
    reviewIssueOf(snapshot.comments, options.self),
  );
  if (body !== (issue.body ?? "")) {
    update.body = body;
    needed = true;
  }
  const labels = wantedLabels(issue.labels, incident, config);
  if (!sameSet(labels, issue.labels)) {
    update.labels = labels;
    needed = true;
  }
  const assignees = wantedAssignees(issue.assignees, incident, options.unassignable);
  if (!sameSet(assignees, issue.assignees)) {
    update.assignees = assignees;
    needed = true;
  }
  const closeAs = incident.closeAs ?? null;
  if (incident.wantOpen === false && issue.state === "open") {
    update.state = "closed";
    update.state_reason = closeAs ?? "completed";
    needed = true;
  } else if (incident.wantOpen === false && closeAs !== null && issue.stateReason !== closeAs) {
    // Cancelling a resolved incident, or resolving a cancelled one: closed, for another reason.
    update.state = "closed";
    update.state_reason = closeAs;
    needed = true;
  } else if (incident.wantOpen === true && issue.state === "closed") {
    update.state = "open";
    update.state_reason = "reopened";
    needed = true;
  }
  return { update: needed ? update : null, incident };
}

// One incident's facts, from GitHub's own data: its listing (labels, state) and its
// timeline through the reducer (label events, closes and reopens, hereby's own comments
// checked by identity). The description is never read for a figure: anyone who can edit
// the issue can edit it.
import type { Config } from "../../config.js";
import {
  hasLabel,
  levelOfLabel,
  severityOf,
  severityRank,
  statusLabel,
  statusOf,
} from "../labels.js";
import { reduceIncident } from "../reducer.js";
import type { Incident, IssueEventRecord, IssueSnapshot } from "../types.js";
import type { IncidentInput, IncidentRow, IncidentTimeline } from "./types.js";

/** Whole minutes from one instant to another. */
export const minutesBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/** `status:cancelled`: declared in error, counted apart. */
export function cancelledLabel(config: Config): string {
  return `${config.labels.status_prefix}cancelled`;
}

/** `YYYY-MM` of an instant in a time zone (Intl does the zone rules, DST included). */
export function monthOf(iso: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

/** Every severity the incident had: each severity label ever added, and the current one. */
function severitiesSeen(config: Config, labels: string[], events: IssueEventRecord[]): string[] {
  const seen = new Set<string>();
  for (const e of events) {
    const level = e.event === "labeled" && e.label ? levelOfLabel(config, e.label) : null;
    if (level) seen.add(level);
  }
  const current = severityOf(config, labels);
  if (current) seen.add(current);
  return [...seen];
}

function snapshotOf(input: IncidentInput, timeline: IncidentTimeline): IssueSnapshot {
  const { issue } = input;
  return {
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      stateReason: issue.stateReason,
      author: issue.author,
      labels: issue.labels,
      assignees: issue.assignees,
      createdAt: issue.createdAt,
      closedAt: issue.closedAt,
      htmlUrl: issue.htmlUrl,
    },
    ...timeline,
  };
}

/** When impact started: `/started`, else the earliest entry dated before the declaration
 * (the form's "When did it start?" or a backdated `/timeline`); null when nobody said. */
export function impactStart(
  incident: Pick<Incident, "impactStartedAt" | "declaredAt" | "timeline">,
): string | null {
  if (incident.impactStartedAt) return incident.impactStartedAt;
  // A kept change (the deploy before the pager) is what preceded the impact, not its start.
  const first = incident.timeline.find((e) => e.kind !== "change")?.at;
  return first && incident.declaredAt && Date.parse(first) < Date.parse(incident.declaredAt)
    ? first
    : null;
}

/** A deploy or merge kept on the timeline in the hour before the incident began. */
function afterChange(incident: Incident, began: string): boolean {
  return incident.timeline.some((e) => {
    if (e.kind !== "change" || !/^change:(deploy|merge):/.test(e.source)) return false;
    const before = minutesBetween(e.at, began);
    return before >= 0 && before <= 60;
  });
}

/** The row of an incident whose timeline was not read (cancelled: its labels say so). */
function unreadRow(input: IncidentInput, config: Config, cancelled: boolean): IncidentRow {
  const { issue } = input;
  const seen = severitiesSeen(config, issue.labels, []);
  return {
    number: issue.number,
    title: issue.title,
    url: issue.htmlUrl,
    severity: seen[0] ?? null,
    severityChanged: false,
    status: cancelled ? "cancelled" : statusOf(config, issue.labels),
    cancelled,
    declaredAt: issue.createdAt,
    month: monthOf(issue.createdAt, config.timezone),
    impactStartedAt: null,
    resolvedAt: null,
    mitigatedAt: null,
    backdatedMinutes: null,
    afterChange: false,
    reopened: 0,
    postmortem: null,
    reviewCycles: 0,
  };
}

export function incidentRow(
  input: IncidentInput,
  config: Config,
  reviewCycles: number,
  self: string | null = null,
): IncidentRow {
  const { issue, timeline } = input;
  const cancelledNow = hasLabel(issue.labels, cancelledLabel(config));
  if (timeline === null) return { ...unreadRow(input, config, cancelledNow), reviewCycles };
  const incident = reduceIncident(snapshotOf(input, timeline), config, { self });
  const events = timeline.events;
  const declared = incident.declaredAt ?? issue.createdAt;
  const seen = severitiesSeen(config, issue.labels, events);
  const highest = seen.sort((a, b) => severityRank(config, a) - severityRank(config, b))[0] ?? null;
  // Cancelled by the label, or by the reducer (a `/cancel`, or the incident label taken off).
  const cancelled = cancelledNow || incident.status === "cancelled";
  const monitoring = statusLabel(config, "monitoring").toLowerCase();
  const mitigated = events.find(
    (e) =>
      e.event === "labeled" &&
      e.label?.toLowerCase() === monitoring &&
      Date.parse(e.createdAt) >= Date.parse(declared),
  );
  const first = incident.timeline.find((e) => e.kind !== "change")?.at;
  const backdated = first ? minutesBetween(first, declared) : 0;
  const pm = incident.postmortem ?? null;
  return {
    number: issue.number,
    title: issue.title,
    url: issue.htmlUrl,
    severity: highest,
    severityChanged: seen.length > 1,
    status: cancelled ? "cancelled" : statusOf(config, issue.labels),
    cancelled,
    declaredAt: declared,
    month: monthOf(declared, config.timezone),
    impactStartedAt: cancelled ? null : impactStart(incident),
    resolvedAt: cancelled ? null : incident.resolvedAt,
    mitigatedAt: cancelled ? null : (mitigated?.createdAt ?? null),
    backdatedMinutes: backdated > 0 ? backdated : null,
    afterChange: cancelled ? false : afterChange(incident, impactStart(incident) ?? declared),
    reopened: events.filter((e) => e.event === "reopened").length,
    postmortem: pm
      ? { number: pm.number, merged: pm.mergedAt !== null, mergedAt: pm.mergedAt }
      : null,
    reviewCycles,
  };
}

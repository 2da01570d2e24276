// The incident while the reducer folds the issue's history into it: an explicit draft that
// the named transitions in reducer.ts change, and `finish` turns into the Incident.
import type { Config } from "../config.js";
import { readIncidentForm } from "./incident-form.js";
import { severityOf, statusOf } from "./labels.js";
import { userText } from "./record.js";
import { redactSecrets } from "./redact.js";
import type {
  Incident,
  IssueEventRecord,
  IssueSnapshot,
  Login,
  Status,
  TimelineEntry,
} from "./types.js";

export const lower = (s: string) => s.toLowerCase();

export interface Draft {
  readonly config: Config;
  readonly snapshot: IssueSnapshot;
  declaredAt: string | null;
  declaredBy: Login | null;
  /** An app (an alerting integration) can declare, but can't lead: a person takes it. */
  declaredByApp: boolean;
  /** Declared by someone below the permission (hereby's checklist says so): no lead by
   * default, and nobody paged until someone with the permission confirms. */
  unconfirmed: boolean;
  /** The source (`comment:ID`) of the command that confirmed it. */
  confirmedIn: string | null;
  resolvedAt: string | null;
  /** When impact began: the latest `/started`, else the form's start. */
  impactStartedAt: string | null;
  /** The form's start as hereby's answers to edits of it say (undefined: the body's). */
  formStart?: string | null | undefined;
  /** Those answers, as timeline entries. */
  formEdits?: TimelineEntry[];
  severity: string | null;
  status: Status | null;
  wantOpen: boolean | null;
  /** How a closed issue should be closed (null: as a person closed it). */
  closeAs: "completed" | "not_planned" | null;
  /** A person removed the incident label: hereby leaves it off, and until someone adds it
   * again the issue is no incident (its commands and hand changes don't count). */
  labelRemoved: boolean;
  lead: Login | null;
  formerLeads: Login[];
  summary: string | null;
  redacted: boolean;
  roles: Record<string, Login[]>;
  timeline: { entry: TimelineEntry; order: number }[];
  appliedComments: { id: number; author: Login }[];
  severityChanges: { level: string; source: string }[];
  /** Hand closes and reopens whose actor GitHub didn't hold to the permission. */
  gatedEvents: { id: number; actor: Login }[];
  /** The issue's labels as the history goes, whoever changed them. */
  labels: Set<string>;
  /** Label events taken into the declaration (set in the same second). */
  absorbed: Set<number>;
  /** Who hereby assigned (as lead) and nobody has touched since. */
  assignedByUs: Map<string, Login | null>;
  /** Levels and statuses the record asked for since hereby last wrote one: a label write
   * by hereby's (shared) identity that matches one is hereby's. */
  asked: { severities: Set<string>; statuses: Set<string> };
}

export function newDraft(snapshot: IssueSnapshot, config: Config): Draft {
  const draft: Draft = {
    config,
    snapshot,
    declaredAt: null,
    declaredBy: null,
    declaredByApp: false,
    unconfirmed: false,
    confirmedIn: null,
    resolvedAt: null,
    impactStartedAt: null,
    severity: null,
    status: null,
    wantOpen: null,
    closeAs: null,
    labelRemoved: false,
    lead: null,
    formerLeads: [],
    summary: null,
    redacted: false,
    roles: {},
    timeline: [],
    appliedComments: [],
    severityChanges: [],
    gatedEvents: [],
    labels: new Set(),
    absorbed: new Set(),
    assignedByUs: new Map(),
    asked: { severities: new Set(), statuses: new Set() },
  };
  // A label on the issue with no event in its history (imported, or older than the events
  // GitHub keeps) has been there from the start.
  const evented = new Set(snapshot.events.flatMap((e) => (e.label ? [lower(e.label)] : [])));
  for (const l of snapshot.issue.labels) if (!evented.has(lower(l))) draft.labels.add(lower(l));
  return draft;
}

/** Where an entry comes from: when, who, its source (`comment:<id>`, `event:<id>` or
 * `issue`) and the link to it. */
export type Origin = Omit<TimelineEntry, "kind" | "text">;

/** An issue event's origin: its time and actor, linked to the issue. */
export function eventOrigin(d: Draft, e: IssueEventRecord): Origin {
  return { at: e.createdAt, by: e.actor, source: `event:${e.id}`, url: d.snapshot.issue.htmlUrl };
}

/** Adds an entry, its text redacted. */
export function addEntry(d: Draft, entry: TimelineEntry): void {
  const clean = redactSecrets(entry.text);
  if (clean.kinds.length > 0) d.redacted = true;
  d.timeline.push({ entry: { ...entry, text: clean.text }, order: d.timeline.length });
}

export function setSeverity(d: Draft, level: string, source: string): void {
  d.severity = level;
  d.severityChanges.push({ level, source });
  d.asked.severities.add(level);
}

export function setStatus(d: Draft, next: Status, at: string): void {
  d.status = next;
  d.asked.statuses.add(next);
  if (next === "resolved" || next === "complete") d.resolvedAt = d.resolvedAt ?? at;
  else d.resolvedAt = null;
}

export function trackLabel(d: Draft, e: IssueEventRecord): void {
  if (!e.label) return;
  if (e.event === "labeled") d.labels.add(lower(e.label));
  if (e.event === "unlabeled") d.labels.delete(lower(e.label));
}

/** The issue becomes an incident (once): severity and status from the labels it wears. */
export function declare(d: Draft, from: Origin, byApp = false): void {
  const { at, by } = from;
  if (d.declaredAt !== null) return;
  d.declaredByApp = byApp;
  // Labels set in the same second (an issue opened with several labels) are part of the
  // declaration, not changes made after it.
  for (const e of d.snapshot.events) {
    if (
      e.createdAt === at &&
      (e.event === "labeled" || e.event === "unlabeled") &&
      !d.absorbed.has(e.id)
    ) {
      trackLabel(d, e);
      d.absorbed.add(e.id);
    }
  }
  d.declaredAt = at;
  d.declaredBy = by;
  const current = [...d.labels];
  const { issue } = d.snapshot;
  const form = readIncidentForm(userText(issue.body), d.config, {
    at: issue.createdAt,
    by: issue.author,
  });
  setSeverity(
    d,
    severityOf(d.config, current) ?? form?.severity ?? lower(d.config.default_severity),
    from.source,
  );
  setStatus(d, statusOf(d.config, current) ?? "investigating", at);
  addEntry(d, { ...from, kind: "declared", text: "Incident declared" });
  // The form's "When did it start?" is the first entry (the timeline is sorted by time).
  const started = d.formStart !== undefined ? d.formStart : (form?.startedAt ?? null);
  if (started) {
    const text = "Incident started (as reported in the issue form)";
    addEntry(d, {
      at: started,
      kind: "note",
      text,
      by: issue.author,
      source: "issue",
      url: issue.htmlUrl,
    });
    d.impactStartedAt ??= started;
  }
  for (const e of d.formEdits ?? []) addEntry(d, e);
}

/** `/started`: impact began at `at` (a later one corrects an earlier one, or the form). */
export function startImpact(d: Draft, text: string, from: Origin): void {
  d.impactStartedAt = from.at;
  addEntry(d, { ...from, kind: "note", text: `Impact started${text ? `: ${text}` : ""}` });
}

/** The first move to `monitoring` (status entries are hereby's text: "Status set to
 * <status>…") up to the resolution; null when it never went there. */
export function mitigationOf(timeline: TimelineEntry[], resolvedAt: string | null): string | null {
  const first = timeline.find(
    (e) => e.kind === "status" && /^Status set to monitoring\b/.test(e.text),
  );
  return first && (resolvedAt === null || first.at <= resolvedAt) ? first.at : null;
}

/** The declarer leads until someone is named, unless an app declared (it can't lead) or
 * someone below the permission did (they may not run the incident). */
export function defaultLead(d: Draft): Login | null {
  return d.declaredByApp || d.unconfirmed ? null : d.declaredBy;
}

export function finish(d: Draft): Incident {
  const { issue } = d.snapshot;
  d.timeline.sort((a, b) =>
    a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : a.order - b.order,
  );
  const lead = d.lead ?? defaultLead(d);
  const status = d.status;
  const former = [
    ...d.formerLeads,
    ...[...d.assignedByUs.values()].filter((l): l is Login => l !== null),
  ];
  const resolvedAt =
    status === "resolved" || status === "complete" ? (d.resolvedAt ?? issue.closedAt) : null;
  const mitigated = mitigationOf(
    d.timeline.map((t) => t.entry),
    resolvedAt,
  );
  return {
    number: issue.number,
    title: issue.title,
    url: issue.htmlUrl,
    severity: d.severity,
    status,
    lead,
    roles: d.roles,
    declaredAt: d.declaredAt,
    declaredBy: d.declaredBy,
    resolvedAt,
    ...(d.impactStartedAt ? { impactStartedAt: d.impactStartedAt } : {}),
    ...(mitigated ? { mitigatedAt: mitigated } : {}),
    summary: d.summary,
    timeline: d.timeline.map((t) => t.entry),
    commandCommentIds: [...d.appliedComments].sort((a, b) => a.id - b.id).map((c) => c.id),
    redacted: d.redacted,
    formerLeads: [...new Set(former)].filter((l) => lead === null || lower(l) !== lower(lead)),
    wantOpen: d.wantOpen,
    severityChanges: d.severityChanges,
    appliedComments: [...d.appliedComments].sort((a, b) => a.id - b.id),
    gatedEvents: d.gatedEvents,
    labelRemoved: d.labelRemoved,
    closeAs: d.closeAs,
    awaitingConfirmation: d.unconfirmed && d.confirmedIn === null,
    confirmedIn: d.confirmedIn,
  };
}

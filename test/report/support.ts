// Hand-built incidents for the report tests: each issue's body carries a managed block
// rendered by the real record renderer, so the report reads what hereby really writes.
import { defaultConfig, type Config } from "../../src/config.js";
import { withRecord } from "../../src/core/record.js";
import type { IncidentEvent, IncidentInput, ListedIssue, ReviewInput } from "../../src/core/report/types.js";
import type { Incident, Status, TimelineEntry } from "../../src/core/types.js";

export const londonConfig: Config = { ...defaultConfig, timezone: "Europe/London" };

export interface Hand {
  number: number;
  title?: string;
  severity: string;
  status: Status | "cancelled";
  declaredAt: string;
  resolvedAt?: string;
  /** Extra timeline entries (a backdated one sorts first). */
  entries?: string[];
  postmortem?: { number: number; mergedAt: string | null };
  events?: IncidentEvent[];
  open?: boolean;
}

function entry(at: string, text: string): TimelineEntry {
  return { at, kind: "note", text, by: "alice", source: "issue", url: "https://github.com/acme/shop/issues/1" };
}

export function recordOf(hand: Hand): Incident {
  const timeline = [...(hand.entries ?? []).map((at) => entry(at, "note")), entry(hand.declaredAt, "Declared")];
  if (hand.resolvedAt) timeline.push(entry(hand.resolvedAt, "Resolved"));
  return {
    number: hand.number,
    title: hand.title ?? `Incident ${hand.number}`,
    severity: hand.severity,
    status: hand.status === "cancelled" ? null : hand.status,
    lead: "alice",
    roles: {},
    declaredAt: hand.declaredAt,
    declaredBy: "alice",
    resolvedAt: hand.resolvedAt ?? null,
    summary: null,
    timeline: timeline.sort((a, b) => a.at.localeCompare(b.at)),
    commandCommentIds: [],
    redacted: false,
    formerLeads: [],
    wantOpen: null,
    severityChanges: [],
    appliedComments: [],
    postmortem: hand.postmortem ?? null,
    gatedEvents: [],
  };
}

export function listed(number: number, overrides: Partial<ListedIssue> = {}): ListedIssue {
  return {
    number,
    title: `Issue ${number}`,
    state: "open",
    stateReason: null,
    labels: [],
    createdAt: "2026-01-01T00:00:00Z",
    closedAt: null,
    body: null,
    url: `https://github.com/acme/shop/issues/${number}`,
    ...overrides,
  };
}

export function incidentInput(hand: Hand, config: Config = londonConfig): IncidentInput {
  const open = hand.open ?? !hand.resolvedAt;
  const issue = listed(hand.number, {
    title: hand.title ?? `Incident ${hand.number}`,
    state: open ? "open" : "closed",
    labels: ["incident", `severity:${hand.severity}`, `status:${hand.status}`],
    createdAt: hand.declaredAt,
    closedAt: open ? null : (hand.resolvedAt ?? null),
    body: withRecord("What users saw.", recordOf(hand), config),
  });
  return {
    issue,
    events: hand.status === "cancelled" ? null : (hand.events ?? []),
    ...(hand.postmortem?.mergedAt ? { postmortemMergedAt: hand.postmortem.mergedAt } : {}),
  };
}

export const labeled = (at: string, label: string): IncidentEvent => ({ event: "labeled", at, label });
export const unlabeled = (at: string, label: string): IncidentEvent => ({ event: "unlabeled", at, label });

export function review(incident: number, cycles: number): ReviewInput {
  return { issue: listed(100 + incident, { title: `Incident review: Incident ${incident} (#${incident})`, labels: ["incident-review"] }), incident, cycles };
}

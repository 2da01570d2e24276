// Hand-built incidents for the report tests: each issue's timeline holds what GitHub
// would (a person's label events and commands, hereby's own postmortem comments), and its
// body carries the managed block the real record renderer writes, which the report must
// not need.
import { defaultConfig, type Config } from "../../src/config.js";
import { withRecord } from "../../src/core/record.js";
import type { IncidentInput, IncidentTimeline, ReviewInput } from "../../src/core/report/types.js";
import type { ListedIssue } from "../../src/core/review/types.js";
import type {
  CommentRecord,
  Incident,
  IssueEventRecord,
  Status,
  TimelineEntry,
} from "../../src/core/types.js";

/** A label, close or reopen by a person (alice), as the timeline lists it. */
export interface IncidentEvent {
  event: "labeled" | "unlabeled" | "closed" | "reopened";
  at: string;
  label?: string;
}

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
  return {
    at,
    kind: "note",
    text,
    by: "alice",
    source: "issue",
    url: "https://github.com/acme/shop/issues/1",
  };
}

export function recordOf(hand: Hand): Incident {
  const timeline = [
    ...(hand.entries ?? []).map((at) => entry(at, "note")),
    entry(hand.declaredAt, "Declared"),
  ];
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
    id: 1_000_000 + number,
    number,
    title: `Issue ${number}`,
    body: "",
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    author: "alice",
    authorIsBot: false,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    closedAt: null,
    htmlUrl: `https://github.com/acme/shop/issues/${number}`,
    subIssues: null,
    parent: null,
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
  return { issue, timeline: hand.status === "cancelled" ? null : timelineOf(hand) };
}

const later = (at: string, minutes: number) =>
  new Date(Date.parse(at) + minutes * 60_000).toISOString();

/** The timeline a person and hereby would leave: alice labels it an incident, runs
 * `/timeline` for backdated entries and `/resolve`; hereby comments on the postmortem. */
export function timelineOf(hand: Hand): IncidentTimeline {
  let id = hand.number * 1000;
  const url = `https://github.com/acme/shop/issues/${hand.number}`;
  const event = (e: IncidentEvent): IssueEventRecord => ({
    id: ++id,
    event: e.event,
    actor: "alice",
    actorIsBot: false,
    createdAt: e.at,
    ...(e.label ? { label: e.label } : {}),
  });
  const comment = (at: string, body: string, author = "alice"): CommentRecord => ({
    id: ++id,
    author,
    authorIsBot: author.endsWith("[bot]"),
    body,
    createdAt: at,
    updatedAt: at,
    htmlUrl: `${url}#issuecomment-${id}`,
  });
  const events = [
    event({ event: "labeled", at: hand.declaredAt, label: "incident" }),
    ...(hand.events ?? []).map(event),
  ];
  const hereby = (at: string, label: string): IssueEventRecord => ({
    ...event({ event: "labeled", at, label }),
    actor: "hereby[bot]",
    actorIsBot: true,
  });
  // hereby labels what the commands asked: resolved with `/resolve`, complete when the
  // sweep closes it out a month later.
  if (hand.resolvedAt) events.push(hereby(hand.resolvedAt, "status:resolved"));
  if (hand.status === "complete" && hand.resolvedAt)
    events.push(hereby(later(hand.resolvedAt, 43_200), "status:complete"));
  const comments = (hand.entries ?? []).map((at) =>
    comment(later(hand.declaredAt, 1), `/timeline ${at} note`),
  );
  if (hand.resolvedAt) comments.push(comment(hand.resolvedAt, "/resolve fixed"));
  const pm = hand.postmortem;
  if (pm && hand.resolvedAt)
    comments.push(
      comment(
        later(hand.resolvedAt, 5),
        `<!-- hereby:postmortem opened:${pm.number} -->\nPostmortem opened`,
        "hereby[bot]",
      ),
    );
  if (pm?.mergedAt)
    comments.push(
      comment(
        pm.mergedAt,
        `<!-- hereby:postmortem merged:${pm.number} -->\nPostmortem merged`,
        "hereby[bot]",
      ),
    );
  return { events, comments };
}

export const labeled = (at: string, label: string): IncidentEvent => ({
  event: "labeled",
  at,
  label,
});
export const unlabeled = (at: string, label: string): IncidentEvent => ({
  event: "unlabeled",
  at,
  label,
});

export function review(incident: number, cycles: number): ReviewInput {
  return {
    issue: listed(100 + incident, {
      title: `Incident review: Incident ${incident} (#${incident})`,
      labels: ["incident-review"],
    }),
    incident,
    cycles,
  };
}

// Domain types. The incident is never stored: `Incident` is derived from the issue's
// labels, comments and events (see reducer.ts) every time a handler runs.

/** Statuses a person can set with `/status`; `complete` is set by the review sweep only,
 * `cancelled` by `/cancel` or by removing the incident label (declared in error). */
export const ACTIVE_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export const STATUSES = [...ACTIVE_STATUSES, "complete", "cancelled"] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];
export type Status = (typeof STATUSES)[number];

/** A GitHub login without the leading `@`. */
export type Login = string;

// ---- what the handlers read from GitHub, reduced to what the core needs ----

export interface IssueRecord {
  number: number;
  title: string;
  /** Null when GitHub has no body. */
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  author: Login;
  labels: string[];
  assignees: Login[];
  createdAt: string;
  closedAt: string | null;
  htmlUrl: string;
}

export interface CommentRecord {
  id: number;
  author: Login;
  /** True for GitHub Apps and bot accounts (`type: "Bot"`): their commands are ignored. */
  authorIsBot: boolean;
  body: string;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
  /** 👍 reactions on the comment, anyone's (from the timeline's reaction rollup). */
  thumbsUp?: number;
}

/** An issue event from the timeline (label, close, reopen, assign). */
export interface IssueEventRecord {
  id: number;
  event: "labeled" | "unlabeled" | "closed" | "reopened" | "assigned" | "unassigned";
  actor: Login;
  actorIsBot: boolean;
  createdAt: string;
  /** Label name for labeled/unlabeled. */
  label?: string;
  /** Assignee login for assigned/unassigned. */
  assignee?: Login;
  /** `completed`, `not_planned`, … for closed. */
  stateReason?: string | null;
}

/** A sub-issue of an incident: an action item. */
export interface ActionItem {
  id: number;
  number: number;
  /** `owner/name` when the item lives in another repository, else null. */
  repo: string | null;
  title: string;
  state: "open" | "closed";
  /** `completed`, `not_planned`, `duplicate`, … when closed. */
  stateReason: string | null;
  assignees: Login[];
  createdAt: string;
  closedAt: string | null;
  htmlUrl: string;
  /** Why it was closed as not planned (see close-reason.ts); null when nobody said;
   * absent when not read (it is read only for items closed so). */
  closeReason?: string | null;
}

/** Everything the reducer needs: one read of the issue and its timeline. */
export interface IssueSnapshot {
  issue: IssueRecord;
  comments: CommentRecord[];
  events: IssueEventRecord[];
  /** Sub-issues (action items), read when GitHub says the issue has any. */
  actionItems?: ActionItem[];
}

// ---- commands ----

/** The arguments of an `/action` line: `/action <title> [@owner]`, `/action #N`,
 * `/action owner/repo#N`. */
export type ActionRequest =
  | { kind: "new"; title: string; owner: Login | null }
  | { kind: "link"; repo: { owner: string; repo: string } | null; number: number }
  /** `/action wontfix #N <reason>`: close the item as not planned, saying why. */
  | { kind: "wontfix"; number: number; reason: string };

export type Command =
  | { name: "declare" }
  | { name: "severity"; level: string }
  | { name: "timeline"; at: string | null; text: string }
  /** When impact began (ISO), with an optional note. */
  | { name: "started"; at: string; text: string }
  | { name: "status"; status: ActiveStatus; text: string }
  | { name: "summary"; text: string }
  | { name: "lead"; user: Login }
  | { name: "role"; role: string; users: Login[] }
  | { name: "resolve"; text: string }
  | { name: "cancel"; text: string }
  | { name: "postmortem" }
  | { name: "help" }
  | { name: "action"; request: ActionRequest }
  /** `since`: a UTC day `YYYY-MM-DD`, or null for every incident. */
  | { name: "report"; since: string | null }
  /** Keep (or take back) entry `n` of hereby's "Changes around this incident" list. */
  | { name: "keep"; n: number };

export type CommandName = Command["name"];

/** One `/...` line of a comment, parsed. */
export type CommandLine =
  | { line: number; raw: string; ok: true; command: Command }
  | { line: number; raw: string; ok: false; name: string; error: string; usage: string };

export interface ParsedComment {
  /** Command lines in order (lines in fenced code blocks are not commands). */
  lines: CommandLine[];
  /** The comment says "I hereby declare this an incident" (outside code). */
  declares: boolean;
}

// ---- the derived incident ----

export type TimelineKind =
  | "declared"
  | "severity"
  | "status"
  | "note"
  | "summary"
  | "lead"
  | "role"
  | "resolved"
  | "reopened"
  | "cancelled"
  | "postmortem"
  /** A change (deploy, release, merge, failed run) a person kept from hereby's list. */
  | "change";

export interface TimelineEntry {
  /** ISO 8601 UTC instant the entry is about. */
  at: string;
  kind: TimelineKind;
  /** Plain text, already redacted; rendering escapes it. */
  text: string;
  by: Login;
  /** Where it came from: `comment:<id>` or `event:<id>` or `issue`. */
  source: string;
  /** Link to the comment or issue it came from. */
  url: string;
}

export interface Incident {
  number: number;
  title: string;
  /** The issue's address (its origin is where profiles live: github.com, or the GHES host). */
  url?: string;
  severity: string | null;
  status: Status | null;
  lead: Login | null;
  /** Role name → holders (a role can hold several people). */
  roles: Record<string, Login[]>;
  declaredAt: string | null;
  declaredBy: Login | null;
  resolvedAt: string | null;
  /** When impact began (ISO): the latest `/started`, else the form's "When did it start?".
   * Absent when nobody said; a backdated entry is only offered, never assumed. */
  impactStartedAt?: string;
  /** When it was mitigated (ISO): it went to `monitoring` and stayed there until resolved. */
  mitigatedAt?: string;
  summary: string | null;
  timeline: TimelineEntry[];
  /** Ids of every comment whose commands are reflected in the record. */
  commandCommentIds: number[];
  /** True when some recorded text had a secret redacted. */
  redacted: boolean;
  /** Leads replaced by a later `/lead`: unassigned when the new lead is assigned. */
  formerLeads: Login[];
  /** Open/closed as the latest command or hand change asks; null when nothing asked. */
  wantOpen: boolean | null;
  /** Every severity the incident had, in order, with what set it (`comment:<id>`,
   * `event:<id>`, or the declaration's source). */
  severityChanges: { level: string; source: string }[];
  /** Comments whose commands are applied, with their authors. */
  appliedComments: { id: number; author: Login }[];
  /** hereby's "Changes around this incident" comment, once written (absent: none). */
  changesComment?: number;
  /** The postmortem pull request, once hereby announced it (absent: none). */
  postmortem?: { number: number; mergedAt: string | null } | null;
  /** Closes and reopens by hand that GitHub let through without the configured
   * permission (an issue's author may close it): applied only if their actor has it. */
  gatedEvents: { id: number; actor: Login }[];
  /** A person removed the incident label (cancelling it): hereby doesn't put it back, and
   * the issue is no incident until someone adds the label again. */
  labelRemoved?: boolean;
  /** How a closed incident's issue should be closed: as completed (resolved) or not planned
   * (cancelled); null when a person closed it by hand, with whatever reason they chose. */
  closeAs?: "completed" | "not_planned" | null;
  /** Declared by someone below the permission, and nobody with it has confirmed yet:
   * nobody is paged. */
  awaitingConfirmation?: boolean;
  /** The `/severity`, `/lead` or `/declare` that confirmed such a declaration. */
  confirmedIn?: string | null;
}

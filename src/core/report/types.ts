// The report's plain data: what the gather hands the pure core, and the figures the
// core hands the renderers. Nothing here reads GitHub; `src/github/gather-report.ts` fills it.
import type { ListedIssue } from "../review/types.js";
import type { CommentRecord, IssueEventRecord } from "../types.js";

/** An incident's comments and events as its timeline lists them. */
export interface IncidentTimeline {
  comments: CommentRecord[];
  events: IssueEventRecord[];
}

/** Everything known about one incident issue. */
export interface IncidentInput {
  issue: ListedIssue;
  /** Null when it was not read (a cancelled incident needs none: its labels say it). */
  timeline: IncidentTimeline | null;
}

/** A review issue with the cycles hereby ran on it (its marked comments). */
export interface ReviewInput {
  issue: ListedIssue;
  /** The incident it reviews (from its title `Incident review: … (#n)`), null if unknown. */
  incident: number | null;
  cycles: number;
}

export interface ReportInput {
  repository: string;
  incidents: IncidentInput[];
  actionItems: ListedIssue[];
  reviews: ReviewInput[];
  /** Inclusive lower bound on the declaration time (ISO), or null. */
  since: string | null;
  /** Exclusive upper bound on the declaration time (ISO), or null. */
  until: string | null;
  now: Date;
  /** hereby's login when known: its comments and events are told apart by identity. */
  self?: string | null;
}

/** One incident's derived facts, one row of the CSV. */
export interface IncidentRow {
  number: number;
  title: string;
  url: string;
  /** The highest severity it ever had (config order), null if never set. */
  severity: string | null;
  /** True when it had more than one severity over its life. */
  severityChanged: boolean;
  /** Current status label (`cancelled` included), null if none. */
  status: string | null;
  cancelled: boolean;
  declaredAt: string;
  /** Month of the declaration in the configured time zone, `YYYY-MM`. */
  month: string;
  /** When impact started (`/started`, the form, or a backdated entry); null when unknown. */
  impactStartedAt: string | null;
  resolvedAt: string | null;
  mitigatedAt: string | null;
  /** Minutes from the first timeline entry to the declaration, when it came before. */
  backdatedMinutes: number | null;
  /** A kept deploy or merge in the hour before the declaration. */
  afterChange: boolean;
  reopened: number;
  postmortem: { number: number; merged: boolean; mergedAt: string | null } | null;
  reviewCycles: number;
}

export interface Spread {
  count: number;
  /** Minutes; null when count is 0. */
  median: number | null;
  p90: number | null;
}

export interface Report {
  repository: string;
  since: string | null;
  until: string | null;
  generatedAt: string;
  timezone: string;
  /** Severities in config order (highest first), as columns and chart series. */
  severities: string[];
  incidents: IncidentRow[];
  total: number;
  cancelled: number;
  bySeverity: Record<string, number>;
  byStatus: Record<string, number>;
  severityChanged: number;
  resolve: Record<string, Spread>;
  mitigate: Record<string, Spread>;
  /** Time to detect: impact start to declaration, for incidents whose start is known. */
  detect: Record<string, Spread>;
  /** Incidents left out of the figures, each with why (never a throw). */
  skipped: { number: number; reason: string }[];
  /** Resolve time per month (median, minutes), for the trend chart. */
  resolveTrend: { month: string; median: number | null }[];
  perMonth: { month: string; bySeverity: Record<string, number> }[];
  backdated: { count: number; median: number | null; max: number | null };
  /** Incidents declared within an hour after a deploy or merge kept on their timeline. */
  afterChange: number;
  postmortems: { opened: number; merged: number; daysToMerge: Spread };
  actionItems: {
    created: number;
    closed: number;
    open: number;
    openAgeDays: Spread;
    openByAge: Record<string, number>;
  };
  reviews: { incidentsReviewed: number; cycles: number; perIncident: Spread };
  closedOut: number;
  inReview: number;
  reopened: number;
  unresolved: number;
}

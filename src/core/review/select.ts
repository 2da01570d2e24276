// Which incidents a sweep must look at, from three label listings joined locally: no
// request per incident. Oldest due first, so a sweep cut short by its request budget is
// continued by the next run where it stopped.
import type { Config } from "../../config.js";
import { hasLabel, statusOf } from "../labels.js";
import { marker } from "../markers.js";
import { cycleAt, dueDate, type ReviewClock } from "./due.js";
import type { Incident } from "../types.js";
import type { ListedIssue } from "./types.js";

export type Candidate =
  | {
      kind: "cycle";
      incident: ListedIssue;
      /** The cycle due now (1 = first review). */
      cycle: number;
      due: string;
      review: ListedIssue | null;
      /** The review issue changed since the due date: read its comments to know whether
       * this cycle already ran (people may have commented). */
      check: boolean;
    }
  | {
      /** Complete, but an action item is open again: back into review (and this
       * cycle's review, unless it already ran before the close-out). */
      kind: "reopened";
      incident: ListedIssue;
      cycle: number;
      due: string;
      review: ListedIssue | null;
      check: boolean;
    };

function reviewClock(config: Config): ReviewClock {
  return { intervalDays: config.review.interval_days, timezone: config.timezone };
}

/** The review marker in a review issue's body. */
export function reviewMarker(incident: number): string {
  return marker("review", String(incident));
}

/** Whether an issue was written by hereby (its login, or any bot when it is unknown). */
export function isOurs(author: string, isBot: boolean, self: string | null): boolean {
  return self ? author.toLowerCase() === self.toLowerCase() : isBot;
}

/** hereby's review issue of each incident: the earliest one holding its marker. */
function reviewsByIncident(reviews: ListedIssue[], self: string | null): Map<number, ListedIssue> {
  const found = new Map<number, ListedIssue>();
  for (const r of [...reviews].sort((a, b) => a.number - b.number)) {
    if (!isOurs(r.author, r.authorIsBot, self)) continue;
    const m = /<!-- hereby:review (\d+) -->/.exec(r.body);
    const n = m ? Number(m[1]) : NaN;
    // A copy a concurrent run closed as a duplicate is not the review.
    if (Number.isFinite(n) && !found.has(n)) found.set(n, r);
  }
  return found;
}

/** The record's *Resolved* field and its timeline's resolution rows. */
const RESOLVED_ROWS =
  /^\| (?:\*\*Resolved\*\* \| )?(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?: UTC)? \|(?: Resolved\b)?/gm;

/** When the incident was resolved, as far as the listing tells: the earliest of its last
 * close and the resolutions its record shows. Only a hint for which incidents to read: a
 * later close or reopen moves `closed_at`, and the description can be edited, so the due
 * date is set again from the timeline once it is read (`retime`). */
function resolvedHint(incident: ListedIssue, closedAt: string): string {
  let earliest = Date.parse(closedAt);
  for (const m of incident.body.matchAll(RESOLVED_ROWS)) {
    if (!m[0].includes("Resolved")) continue;
    const at = Date.parse(`${m[1]}T${m[2]}:00Z`);
    if (Number.isFinite(at) && at < earliest) earliest = at;
  }
  return new Date(earliest).toISOString();
}

/** The first resolution hereby recorded: the first `resolved` entry of the record (a
 * `/resolve`, `/status resolved` or hand close by someone with the permission; refused
 * ones never enter it); else the record's resolution. */
export function firstResolution(record: Pick<Incident, "timeline" | "resolvedAt">): string | null {
  return record.timeline.find((e) => e.kind === "resolved")?.at ?? record.resolvedAt;
}

/** The candidate with its cycle and due date counted from the first recorded resolution;
 * null when no review is due yet by it. Without one, the listing's stands. */
export function retime(
  candidate: Candidate,
  resolvedAt: string | null,
  config: Config,
  now: Date,
): Candidate | null {
  if (resolvedAt === null) return candidate;
  const clock = reviewClock(config);
  const cycle = cycleAt(resolvedAt, now, clock);
  if (cycle === 0) return null;
  const due = dueDate(resolvedAt, cycle, clock);
  const check =
    candidate.review !== null && Date.parse(candidate.review.updatedAt) >= Date.parse(due);
  return { ...candidate, cycle, due, check };
}

export interface Listings {
  incidents: ListedIssue[];
  reviews: ListedIssue[];
  /** Open issues labelled as action items (their parent joins them to incidents). */
  openItems: ListedIssue[];
}

export function selectCandidates(
  listings: Listings,
  config: Config,
  now: Date,
  self: string | null,
): Candidate[] {
  const clock = reviewClock(config);
  const reviews = reviewsByIncident(listings.reviews, self);
  const openByParent = new Set(
    listings.openItems.flatMap((i) => (i.parent === null ? [] : [i.parent])),
  );
  const out: Candidate[] = [];
  for (const incident of listings.incidents) {
    if (!hasLabel(incident.labels, config.labels.incident)) continue;
    const status = statusOf(config, incident.labels);
    if (
      (status !== "resolved" && status !== "complete") ||
      incident.closedAt === null ||
      incident.state !== "closed"
    )
      continue;
    const resolved = resolvedHint(incident, incident.closedAt);
    const cycle = cycleAt(resolved, now, clock);
    if (cycle === 0) continue;
    const due = dueDate(resolved, cycle, clock);
    const review = reviews.get(incident.number) ?? null;
    const check = review !== null && Date.parse(review.updatedAt) >= Date.parse(due);
    if (status === "complete") {
      const summary = incident.subIssues;
      const open =
        openByParent.has(incident.number) ||
        (summary !== null && summary.completed < summary.total);
      if (open) out.push({ kind: "reopened", incident, cycle, due, review, check });
      continue;
    }
    out.push({ kind: "cycle", incident, cycle, due, review, check });
  }
  return out.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : a.incident.number - b.incident.number,
  );
}

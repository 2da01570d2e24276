// The review policy for one incident the sweep selected: given its action items and the
// review's comments, what to write. Pure: the clock comes in as `now`.
import type { Config } from "../../config.js";
import { hasLabel, statusLabel, statusOfLabel } from "../labels.js";
import { findMarkers } from "../markers.js";
import type { Write } from "../plan.js";
import type { Incident } from "../types.js";
import { needsReason } from "./close-reason.js";
import {
  closeOutComment,
  cycleComment,
  reviewAnnouncement,
  reviewBody,
  reviewTitle,
} from "./render.js";
import { isOurs, reviewMarker, type Candidate } from "./select.js";
import type { ActionItem } from "../types.js";
import type { ListedIssue, ReviewComment } from "./types.js";

export type ReviewOutcome =
  "opened" | "reopened" | "commented" | "closed" | "back-in-review" | "none";

export interface ReviewInput {
  candidate: Candidate;
  /** The incident as its record derives it (lead and roles); null when not read. */
  record: Incident | null;
  items: ActionItem[];
  config: Config;
  now: Date;
  /** The review's comments show this cycle already ran (only asked when the listing
   * left it open). */
  cycleRan?: boolean;
}

export interface ReviewDecision {
  outcome: ReviewOutcome;
  writes: Write[];
  /** The incident's record must be rendered again (its status changed). */
  refreshRecord: boolean;
  note: string;
}

const nothing = (note: string): ReviewDecision => ({
  outcome: "none",
  writes: [],
  refreshRecord: false,
  note,
});

/** The incident's labels with its status swapped. */
function withStatus(labels: string[], config: Config, status: "resolved" | "complete"): string[] {
  const next = labels.filter((l) => statusOfLabel(config, l) === null);
  const wanted = statusLabel(config, status);
  return hasLabel(next, wanted) ? next : [...next, wanted];
}

/** Whether hereby already wrote this cycle's comment or close-out on the review. */
export function cycleDone(
  comments: ReviewComment[],
  incident: number,
  cycle: number,
  self: string | null,
): boolean {
  const key = `${incident}:${cycle}`;
  return comments.some(
    (c) =>
      isOurs(c.author, c.authorIsBot, self) &&
      findMarkers(c.body).some(
        (m) => (m.kind === "cycle" || m.kind === "closeout") && m.key === key,
      ),
  );
}

/** Planning role, else the lead. */
function reviewerOf(record: Incident | null, config: Config): string | null {
  if (!record) return null;
  const planning = config.roles.find((r) => r.name === "planning");
  return (planning ? record.roles[planning.name]?.[0] : undefined) ?? record.lead;
}

export function decideReview(input: ReviewInput): ReviewDecision {
  const { candidate, config } = input;
  const incident = candidate.incident;
  const open = input.items.filter((i) => i.state === "open");
  if (candidate.kind === "reopened") {
    if (open.length === 0) return nothing(`#${incident.number}: complete, every item still closed`);
    const labels = withStatus(incident.labels, config, "resolved");
    // A due date passed since the close-out: this cycle's review comes with it.
    const cycle = input.cycleRan ? null : reviewCycle(input, open, candidate.review);
    return {
      outcome: "back-in-review",
      writes: [{ type: "updateIssue", issue: incident.number, labels }, ...(cycle?.writes ?? [])],
      refreshRecord: true,
      note: `#${incident.number}: ${open.length} action item(s) open again, back into review`,
    };
  }
  if (input.cycleRan) return nothing(`#${incident.number}: review ${candidate.cycle} already done`);
  // Closed as not planned without a word why is not done: the review asks for the reason.
  if (open.length === 0 && !input.items.some(needsReason)) return closeOut(input, candidate.review);
  return reviewCycle(input, open, candidate.review);
}

function closeOut(input: ReviewInput, review: ListedIssue | null): ReviewDecision {
  const { candidate, config } = input;
  const n = candidate.incident.number;
  const text = closeOutComment(n, candidate.cycle, input.items, statusLabel(config, "complete"));
  const writes: Write[] = [
    { type: "comment", issue: review?.number ?? n, body: text.body, marker: text.marker },
  ];
  if (review && review.state === "open")
    writes.push({
      type: "updateIssue",
      issue: review.number,
      state: "closed",
      state_reason: "completed",
    });
  writes.push({
    type: "updateIssue",
    issue: n,
    labels: withStatus(candidate.incident.labels, config, "complete"),
  });
  const why =
    input.items.length === 0
      ? "no action items linked"
      : `all ${input.items.length} action item(s) closed`;
  return { outcome: "closed", writes, refreshRecord: true, note: `#${n}: ${why}, closed out` };
}

function reviewCycle(
  input: ReviewInput,
  open: ActionItem[],
  review: ListedIssue | null,
): ReviewDecision {
  const { candidate, config } = input;
  const n = candidate.incident.number;
  const reviewer = reviewerOf(input.record, config);
  const comment = cycleComment(
    {
      incident: n,
      cycle: candidate.cycle,
      due: candidate.due,
      open,
      unexplained: input.items.filter(needsReason),
      closed: input.items.length - open.length,
      reviewer,
      intervalDays: config.review.interval_days,
    },
    input.now,
  );
  const why = input.items.filter(needsReason).length;
  const unexplained = why ? `, ${why} closed as not planned without a reason` : "";
  const note = `#${n}: review ${candidate.cycle}, ${open.length} open action item(s)${unexplained}`;
  if (!review) {
    const write: Write = {
      type: "createIssue",
      title: reviewTitle(candidate.incident.title, n),
      body: reviewBody(n, config.review.interval_days),
      labels: [config.labels.review],
      assignees: reviewer ? [reviewer] : [],
      marker: reviewMarker(n),
      lookBackLabel: config.labels.review,
      comment,
      announce: { issue: n, ...reviewAnnouncement(config.review.interval_days, open.length) },
    };
    return { outcome: "opened", writes: [write], refreshRecord: false, note };
  }
  const update: Extract<Write, { type: "updateIssue" }> = {
    type: "updateIssue",
    issue: review.number,
  };
  if (review.state === "closed") Object.assign(update, { state: "open", state_reason: "reopened" });
  if (reviewer && !review.assignees.some((a) => a.toLowerCase() === reviewer.toLowerCase()))
    update.assignees = [...review.assignees, reviewer];
  const writes: Write[] = Object.keys(update).length > 2 ? [update] : [];
  writes.push({
    type: "comment",
    issue: review.number,
    body: comment.body,
    marker: comment.marker,
  });
  return {
    outcome: review.state === "closed" ? "reopened" : "commented",
    writes,
    refreshRecord: false,
    note,
  };
}

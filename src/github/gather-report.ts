// Every read the report needs, in as few round trips as its figures allow:
//   1. four listings in parallel, 100 issues a page: incidents (`incident`, state all),
//      cancelled ones (`status:cancelled`: a person who cancels by removing the `incident`
//      label takes it off), action items (`incident-action`) and review issues
//      (`incident-review`);
//   2. per incident that may be in range and is not cancelled: its timeline (comments and
//      events, 100 a page); per review issue: its comments (the cycles hereby ran).
// The figures come from the timeline through the reducer (label events, closes, hereby's
// own comments checked by identity), never from the description anyone can edit.
import type { Config } from "../config.js";
import { hasLabel } from "../core/labels.js";
import { cancelledLabel } from "../core/report/incident-row.js";
import type { IncidentInput, IncidentTimeline, ReviewInput } from "../core/report/types.js";
import type { ListedIssue } from "../core/review/types.js";
import { isOwnComment, resolveSelf } from "../core/self.js";
import type { CommentRecord } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";
import { listByLabel } from "./list-issues.js";
import { readTimeline, splitTimeline } from "./read-issue.js";

/** Reads in flight at once in step 2: GitHub asks integrators not to flood it. */
const PARALLEL_READS = 8;

/** Runs `work` over `items`, at most `limit` at a time, keeping the order. */
async function inPool<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The incident's timeline (comments and events, oldest first): its figures are the
 * reducer's, from GitHub's own events and hereby's comments checked by identity. */
async function timelineOf(
  octokit: GitHub,
  repo: RepoRef,
  issue: number,
): Promise<IncidentTimeline> {
  return splitTimeline(await readTimeline(octokit, repo, issue));
}

const CYCLE_RE = /<!-- hereby:(?:cycle|closeout) (\d+):(\d+) -->/g;
const REVIEW_TITLE_RE = /\(#(\d+)\)\s*$/;

type RawComment = {
  id: number;
  body?: string;
  user: { login: string; type?: string } | null;
  created_at: string;
  updated_at: string;
  html_url: string;
};

const toRecord = (c: RawComment): CommentRecord => ({
  id: c.id,
  author: c.user?.login ?? "ghost",
  authorIsBot: c.user?.type === "Bot",
  body: c.body ?? "",
  createdAt: c.created_at,
  updatedAt: c.updated_at,
  htmlUrl: c.html_url,
});

/** Cycles hereby ran on a review issue: the cycle markers of its own comments (by its
 * identity, as core/self.ts decides: the known login, else the bot that opened the review
 * issue), never a marker another app or a person wrote. */
async function reviewOf(
  octokit: GitHub,
  repo: RepoRef,
  issue: ListedIssue,
  self: string | null,
): Promise<ReviewInput> {
  const comments = (
    await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: issue.number,
      per_page: 100,
    })
  ).map(toRecord);
  const own = resolveSelf(comments, self ?? (issue.authorIsBot ? issue.author : null));
  const cycles = new Set<string>();
  for (const c of comments) {
    if (!isOwnComment(c, own)) continue;
    for (const m of c.body.matchAll(CYCLE_RE)) cycles.add(`${m[1]}:${m[2]}`);
  }
  const incident = REVIEW_TITLE_RE.exec(issue.title);
  return { issue, incident: incident ? Number(incident[1]) : null, cycles: cycles.size };
}

export interface ReportRange {
  since: string | null;
  until: string | null;
}

/** Whether an incident's timeline is worth a read: not cancelled (counted from its labels)
 * and not opened after the range (an issue is declared when or after it is opened; the
 * listing's `since` already left out what was not touched since). */
function needsTimeline(issue: ListedIssue, config: Config, range: ReportRange): boolean {
  if (hasLabel(issue.labels, cancelledLabel(config))) return false;
  return range.until === null || Date.parse(issue.createdAt) < Date.parse(range.until);
}

/** Issues labelled cancelled without the `incident` label: hereby's incidents when their
 * timeline shows the `incident` label added (a person cancels by taking it off). Read
 * from GitHub's events, so a deleted description changes nothing. */
async function cancelledByUnlabel(
  octokit: GitHub,
  repo: RepoRef,
  config: Config,
  labelled: ListedIssue[],
  cancelled: ListedIssue[],
): Promise<IncidentInput[]> {
  const known = new Set(labelled.map((i) => i.number));
  const others = cancelled.filter((i) => !known.has(i.number));
  const read = await inPool(others, PARALLEL_READS, async (issue) => ({
    issue,
    timeline: await timelineOf(octokit, repo, issue.number),
  }));
  const incident = config.labels.incident.toLowerCase();
  return read.filter((r) =>
    r.timeline.events.some((e) => e.event === "labeled" && e.label?.toLowerCase() === incident),
  );
}

/** `self`: hereby's login when the shell knows it (see core/self.ts). */
export async function gatherReport(
  octokit: GitHub,
  repo: RepoRef,
  config: Config,
  range: ReportRange,
  self: string | null = null,
) {
  const [labelled, cancelled, actionItems, reviewIssues] = await Promise.all([
    listByLabel(octokit, repo, config.labels.incident, "all", range.since),
    listByLabel(octokit, repo, cancelledLabel(config), "all", range.since),
    listByLabel(octokit, repo, config.labels.action, "all", range.since),
    listByLabel(octokit, repo, config.labels.review, "all", range.since),
  ]);
  const read = await inPool(labelled, PARALLEL_READS, async (issue): Promise<IncidentInput> => ({
    issue,
    timeline: needsTimeline(issue, config, range)
      ? await timelineOf(octokit, repo, issue.number)
      : null,
  }));
  const unlabelled = await cancelledByUnlabel(octokit, repo, config, labelled, cancelled);
  const incidents = [...read, ...unlabelled].sort((a, b) => b.issue.number - a.issue.number);
  const reviews = await inPool(reviewIssues, PARALLEL_READS, (issue) =>
    reviewOf(octokit, repo, issue, self),
  );
  return { incidents, actionItems, reviews };
}

/** The issues carrying the report label (the label is hereby's; a page holds 100): where
 * the monthly report issue is found. */
export async function listReportIssues(
  octokit: GitHub,
  repo: RepoRef,
  label: string,
): Promise<ListedIssue[]> {
  return listByLabel(octokit, repo, label, "all");
}

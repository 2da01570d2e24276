// The sweep's reads. Three label listings (100 a page) for the whole repository, then,
// only for incidents the listings say are due, the incident's record, its sub-issues and
// the review's comments since the due date, in parallel.
import { closeReasonOf } from "../core/review/close-reason.js";
import type { Candidate } from "../core/review/select.js";
import type { ActionItem, ListedIssue, ReviewComment } from "../core/review/types.js";
import type { IssueSnapshot } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";
import { readIssueSnapshot } from "./read-issue.js";
import { logins, readActionItems, type IssueLike } from "./read-action-items.js";

export { readActionItems };

const labelNames = (i: IssueLike) => i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean);

export function toListedIssue(i: IssueLike, repo: RepoRef): ListedIssue {
  const parent = i.parent_issue_url ? /\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(i.parent_issue_url) : null;
  const sameRepo = parent && parent[1]!.toLowerCase() === repo.owner.toLowerCase() && parent[2]!.toLowerCase() === repo.repo.toLowerCase();
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    body: i.body ?? "",
    state: i.state === "closed" ? "closed" : "open",
    labels: labelNames(i),
    assignees: logins(i),
    author: i.user?.login ?? "ghost",
    authorIsBot: i.user?.type === "Bot" || (i.user?.login ?? "").endsWith("[bot]"),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    closedAt: i.closed_at,
    subIssues: i.sub_issues_summary ? { total: i.sub_issues_summary.total, completed: i.sub_issues_summary.completed } : null,
    parent: sameRepo ? Number(parent[3]) : null,
  };
}

export async function listByLabel(octokit: GitHub, repo: RepoRef, label: string, state: "open" | "all"): Promise<ListedIssue[]> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: label, state, per_page: 100 });
  return (issues as IssueLike[]).filter((i) => !i.pull_request).map((i) => toListedIssue(i, repo));
}

async function readReviewComments(octokit: GitHub, repo: RepoRef, review: number, since: string): Promise<ReviewComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: review, since, per_page: 100 });
  return comments.map((c) => ({
    author: c.user?.login ?? "ghost",
    authorIsBot: c.user?.type === "Bot" || (c.user?.login ?? "").endsWith("[bot]"),
    body: c.body ?? "",
  }));
}

export interface DueRead {
  snapshot: IssueSnapshot | null;
  items: ActionItem[];
}

/** Requests `readDue` makes for an incident with up to 100 items. */
export function readCost(_candidate: Candidate): number {
  return 3;
}

/** The review's comments since the due date, when the listing left it open whether this
 * cycle ran (one request for up to 100 comments); else none. */
export async function readCycleComments(octokit: GitHub, repo: RepoRef, candidate: Candidate): Promise<ReviewComment[]> {
  if (!candidate.check || !candidate.review) return [];
  return readReviewComments(octokit, repo, candidate.review.number, candidate.due);
}

export async function readDue(octokit: GitHub, repo: RepoRef, candidate: Candidate, self: string | null = null): Promise<DueRead> {
  // The record's read includes the sub-issues when GitHub says there are any.
  const snapshot = await readIssueSnapshot(octokit, repo, candidate.incident.number);
  const items = await withCloseReasons(octokit, repo, snapshot.actionItems ?? [], self);
  return { snapshot, items };
}

/** Items closed as not planned, with the reason their comments give (one request each,
 * in parallel); the others as they are. */
export async function withCloseReasons(octokit: GitHub, repo: RepoRef, items: ActionItem[], self: string | null): Promise<ActionItem[]> {
  return Promise.all(
    items.map(async (item) => {
      if (item.state !== "closed" || item.stateReason !== "not_planned") return item;
      const [owner, name] = item.repo ? item.repo.split("/") : [repo.owner, repo.repo];
      const comments = await readReviewComments(octokit, { owner: owner!, repo: name! }, item.number, item.createdAt);
      return { ...item, closeReason: closeReasonOf(comments, self) };
    }),
  );
}

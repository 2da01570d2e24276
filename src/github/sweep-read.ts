// The sweep's reads after its three label listings (list-issues.ts): only for incidents
// the listings say are due, the incident's record, its sub-issues and
// the review's comments since the due date, in parallel.
import { closeReasonOf } from "../core/review/close-reason.js";
import type { Candidate } from "../core/review/select.js";
import type { ReviewComment } from "../core/review/types.js";
import type { ActionItem, IssueSnapshot } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";
import { readIssueSnapshot } from "./read-issue.js";

async function readReviewComments(
  octokit: GitHub,
  repo: RepoRef,
  review: number,
  since: string,
): Promise<ReviewComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: review,
    since,
    per_page: 100,
  });
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
export async function readCycleComments(
  octokit: GitHub,
  repo: RepoRef,
  candidate: Candidate,
): Promise<ReviewComment[]> {
  if (!candidate.check || !candidate.review) return [];
  return readReviewComments(octokit, repo, candidate.review.number, candidate.due);
}

export async function readDue(
  octokit: GitHub,
  repo: RepoRef,
  candidate: Candidate,
  self: string | null = null,
): Promise<DueRead> {
  // The record's read includes the sub-issues when GitHub says there are any.
  const snapshot = await readIssueSnapshot(octokit, repo, candidate.incident.number);
  const items = await withCloseReasons(octokit, repo, snapshot.actionItems ?? [], self);
  return { snapshot, items };
}

/** Items closed as not planned, with the reason their comments give (one request each,
 * in parallel); the others as they are. */
export async function withCloseReasons(
  octokit: GitHub,
  repo: RepoRef,
  items: ActionItem[],
  self: string | null,
): Promise<ActionItem[]> {
  return Promise.all(
    items.map(async (item) => {
      if (item.state !== "closed" || item.stateReason !== "not_planned") return item;
      const [owner, name] = item.repo ? item.repo.split("/") : [repo.owner, repo.repo];
      const comments = await readReviewComments(
        octokit,
        { owner: owner!, repo: name! },
        item.number,
        item.createdAt,
      );
      return { ...item, closeReason: closeReasonOf(comments, self) };
    }),
  );
}

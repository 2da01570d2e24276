// hereby's comments, posted once. A comment carries a marker: a POST that failed with a
// 5xx (which GitHub may have carried out anyway) is looked for before it is sent again,
// and a copy another run posted at the same moment is found by looking back after
// posting: the earliest stays, the later one is withdrawn.
import { RequestError } from "@octokit/request-error";
import { fitComment } from "../core/limits.js";
import type { Write } from "../core/plan.js";
import type { GitHub, RepoRef } from "./client.js";

const status = (error: unknown): number | undefined =>
  error instanceof RequestError ? error.status : undefined;

async function commentExists(
  octokit: GitHub,
  repo: RepoRef,
  issue: number,
  marker: string,
): Promise<boolean> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issue,
    per_page: 100,
  });
  // Only a bot's copy: a person quoting the marker must not stop hereby's reply. (With a
  // person's token, hereby posts again and the look-back below withdraws the later copy.)
  return comments.some((c) => c.user?.type === "Bot" && (c.body ?? "").includes(marker));
}

/** Two handlers may post the same marked comment at once (an edit delivered while the
 * comment's creation is still being handled, two App replicas). Each looks back after
 * posting, and the one whose copy isn't the earliest takes its own copy away. */
async function withdrawIfDuplicate(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "comment" }>,
  posted: { id: number; created_at: string; user: { login: string } | null },
): Promise<void> {
  const since = new Date(Date.parse(posted.created_at) - 10 * 60_000).toISOString();
  const recent = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: write.issue,
    since,
    per_page: 100,
  });
  // Only hereby's own copies: a person quoting the marker is not one.
  const by = posted.user?.login;
  const copies = recent
    .filter((c) => c.user?.login === by && (c.body ?? "").includes(write.marker))
    .map((c) => c.id);
  if (copies.length > 1 && Math.min(...copies) !== posted.id) {
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: posted.id });
  }
}

export type PostedData = Awaited<ReturnType<GitHub["rest"]["issues"]["createComment"]>>["data"];

/** Posts the comment (null: a POST that failed with a 5xx had created it); `lookBack` is
 * the look for a concurrent copy, still running. */
export async function postCommentOnce(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "comment" }>,
): Promise<{ posted: PostedData; lookBack: Promise<void> } | null> {
  // Past GitHub's limit the POST would fail with 422: cut, with a note, instead.
  const params = { ...repo, issue_number: write.issue, body: fitComment(write.body) };
  let posted: PostedData;
  try {
    // No blind retry here: a 5xx may come back for a comment GitHub did create.
    ({ data: posted } = await octokit.rest.issues.createComment({
      ...params,
      request: { retries: 0 },
    }));
  } catch (error) {
    const code = status(error);
    if (code !== undefined && code < 500) throw error;
    if (await commentExists(octokit, repo, write.issue, write.marker)) return null;
    ({ data: posted } = await octokit.rest.issues.createComment(params));
  }
  const lookBack = withdrawIfDuplicate(octokit, repo, write, posted);
  lookBack.catch(() => {}); // awaited by the caller, now or through `settled()`
  return { posted, lookBack };
}

export async function createCommentOnce(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "comment" }>,
): Promise<void> {
  await (
    await postCommentOnce(octokit, repo, write)
  )?.lookBack;
}

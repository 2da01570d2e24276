// The postmortem's compound write, in order: create the branch, commit the file (one
// commit, contents API: GitHub refuses it if the file changed since it was read), open
// the pull request. Each request is a write. Asking the lead to review is its own write
// (`requestReviewers`), sent with the announcement once the pull request has a number.
import { RequestError } from "@octokit/request-error";
import type { WriteOutcome, Write } from "../core/plan.js";
import type { GitHub, RepoRef } from "./client.js";

type Publish = Extract<Write, { type: "publishPostmortem" }>;

const status = (error: unknown): number | undefined =>
  error instanceof RequestError ? error.status : undefined;

export function publishRequests(write: Publish): number {
  return (write.createBranchAt ? 1 : 0) + (write.file ? 1 : 0) + (write.pull ? 1 : 0);
}

export function describePublish(write: Publish): string {
  const steps = [
    write.createBranchAt
      ? `create branch ${write.branch} at ${write.createBranchAt.slice(0, 7)}`
      : "",
    write.file
      ? `commit ${write.file.path} (${write.file.content.length} chars) to ${write.branch}`
      : "",
    write.pull ? `open pull request "${write.pull.title}" ${write.branch} → ${write.base}` : "",
  ].filter(Boolean);
  return `postmortem of #${write.incident}: ${steps.join("; ")}`;
}

export async function publishPostmortem(
  octokit: GitHub,
  repo: RepoRef,
  write: Publish,
): Promise<WriteOutcome> {
  let requests = 0;
  if (write.createBranchAt) {
    requests++;
    await octokit.rest.git.createRef({
      ...repo,
      ref: `refs/heads/${write.branch}`,
      sha: write.createBranchAt,
    });
  }
  if (write.file) {
    requests++;
    const { path, content, message, sha } = write.file;
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      branch: write.branch,
      message,
      content: Buffer.from(content, "utf8").toString("base64"),
      ...(sha ? { sha } : {}),
    });
  }
  if (!write.pull) return { requests };
  requests++;
  const { data: pull } = await octokit.rest.pulls.create({
    ...repo,
    head: write.branch,
    base: write.base,
    title: write.pull.title,
    body: write.pull.body,
  });
  return { requests, pull: { number: pull.number, url: pull.html_url } };
}

/** Asks for review; the lead may lack access to the repository (422): the pull request
 * stands without them. */
export async function requestReviewers(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "requestReviewers" }>,
): Promise<void> {
  try {
    await octokit.rest.pulls.requestReviewers({
      ...repo,
      pull_number: write.pull,
      reviewers: write.reviewers,
    });
  } catch (error) {
    if (status(error) !== 422) throw error;
  }
}

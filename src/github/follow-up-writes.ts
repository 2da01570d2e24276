// The executor's writes for action items and reviews: opening an issue once (even when
// two runs open it at the same time), linking sub-issues, labelling items elsewhere.
import { RequestError } from "@octokit/request-error";
import type { CreateIssueWrite, Write } from "../core/plan.js";
import type { GitHub, RepoRef } from "./client.js";

type CommentWrite = Extract<Write, { type: "comment" }>;
type FollowUpWrite = Extract<Write, { type: "createIssue" | "addSubIssue" | "addLabels" }>;

export function describeFollowUpWrite(write: FollowUpWrite): string {
  switch (write.type) {
    case "createIssue": {
      const then = [
        write.parent ? `link under #${write.parent}` : "",
        write.comment ? "comment on it" : "",
        write.announce ? `announce it on #${write.announce.issue}` : "",
      ].filter(Boolean);
      const who =
        write.assignees.length > 0 ? ` for ${write.assignees.map((a) => `@${a}`).join(", ")}` : "";
      return `open issue "${write.title}" [${write.labels.join(", ")}]${who}${then.length ? `, then ${then.join(", ")}` : ""}`;
    }
    case "addSubIssue":
      return `link ${write.child} as a sub-issue of #${write.issue}`;
    case "addLabels": {
      const where = write.target.repo ? `${write.target.repo.owner}/${write.target.repo.repo}` : "";
      return `label ${where}#${write.target.number} [${write.labels.join(", ")}]`;
    }
  }
}

const status = (error: unknown): number | undefined =>
  error instanceof RequestError ? error.status : undefined;

interface Opened {
  id: number;
  number: number;
  user: { login: string } | null;
}

/** hereby's issues holding the marker among the newest hundred with the label: a copy
 * made by a concurrent run is among them. */
async function copiesOf(
  octokit: GitHub,
  repo: RepoRef,
  write: CreateIssueWrite,
  by: string | undefined,
): Promise<Opened[]> {
  const { data: issues } = await octokit.rest.issues.listForRepo({
    ...repo,
    labels: write.lookBackLabel,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return issues
    .filter(
      (i) =>
        !i.pull_request &&
        (by === undefined || i.user?.login === by) &&
        (i.body ?? "").includes(write.marker),
    )
    .sort((a, b) => a.number - b.number);
}

export async function createIssueOnce(
  octokit: GitHub,
  repo: RepoRef,
  write: CreateIssueWrite,
  postComment: (comment: CommentWrite) => Promise<void>,
): Promise<void> {
  const params = {
    ...repo,
    title: write.title,
    body: write.body,
    labels: write.labels,
    assignees: write.assignees,
  };
  let opened: Opened;
  try {
    // No blind retry: a 5xx may come back for an issue GitHub did open.
    ({ data: opened } = await octokit.rest.issues.create({ ...params, request: { retries: 0 } }));
  } catch (error) {
    const code = status(error);
    // Someone GitHub won't assign (access taken away): open it unassigned.
    if (code === 422 && params.assignees.length > 0) {
      ({ data: opened } = await octokit.rest.issues.create({ ...params, assignees: [] }));
      return finishOpened(octokit, repo, write, opened, postComment);
    }
    if (code === undefined || code < 500) throw error;
    const [found] = await copiesOf(octokit, repo, write, undefined);
    ({ data: opened } = found ? { data: found } : await octokit.rest.issues.create(params));
  }
  await finishOpened(octokit, repo, write, opened, postComment);
}

async function finishOpened(
  octokit: GitHub,
  repo: RepoRef,
  write: CreateIssueWrite,
  opened: Opened,
  postComment: (comment: CommentWrite) => Promise<void>,
): Promise<void> {
  // Two runs at once (App replicas) may both open it: the earliest copy wins.
  const copies = await copiesOf(octokit, repo, write, opened.user?.login);
  const winner = copies[0] ?? opened;
  if (winner.number !== opened.number) {
    await octokit.rest.issues.update({
      ...repo,
      issue_number: opened.number,
      state: "closed",
      state_reason: "duplicate",
    });
    return;
  }
  if (write.parent !== undefined) {
    await addSubIssue(octokit, repo, {
      type: "addSubIssue",
      issue: write.parent,
      subIssueId: opened.id,
      child: `#${opened.number}`,
    });
  }
  if (write.comment) await postComment({ type: "comment", issue: opened.number, ...write.comment });
  if (write.announce) {
    const fill = (text: string) => text.replaceAll("{number}", String(opened.number));
    await postComment({
      type: "comment",
      issue: write.announce.issue,
      body: fill(write.announce.body),
      marker: fill(write.announce.marker),
    });
  }
}

/** Links a sub-issue; one already linked under this parent (a concurrent run) is fine. */
export async function addSubIssue(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "addSubIssue" }>,
): Promise<void> {
  try {
    await octokit.rest.issues.addSubIssue({
      ...repo,
      issue_number: write.issue,
      sub_issue_id: write.subIssueId,
    });
  } catch (error) {
    if (status(error) !== 422) throw error;
    const children = await octokit.paginate(octokit.rest.issues.listSubIssues, {
      ...repo,
      issue_number: write.issue,
      per_page: 100,
    });
    if (!children.some((c) => c.id === write.subIssueId)) throw error;
  }
}

/** Adds labels to an issue, in this repository or another of the same owner. */
export async function addLabels(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "addLabels" }>,
): Promise<void> {
  const { target, labels } = write;
  await octokit.rest.issues.addLabels({
    ...(target.repo ?? repo),
    issue_number: target.number,
    labels,
  });
}

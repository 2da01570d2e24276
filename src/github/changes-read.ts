// Gathering "what changed" in one repository: the first page of each list, filtered by
// time, at most five requests (deployments, releases, merged pull requests, failed runs,
// and one follow-up: the newest deployment's status, or the default branch when no pull
// request named it). core/changes/from-github.ts turns the answers into changes. Also
// the reads that keep a changes list current: which open issues have one, and its comment.
import type { Change } from "../core/changes/types.js";
import {
  deployChange,
  failedRunChange,
  mergeChange,
  releaseChange,
} from "../core/changes/from-github.js";
import { inWindow, type ChangeWindow } from "../core/changes/window.js";
import { findMarkers } from "../core/markers.js";
import type { GitHub, RepoRef } from "./client.js";

/** Requests one repository's gathering makes at most. */
export const REQUESTS_PER_REPOSITORY = 5;

export interface GatheredChanges {
  changes: Change[];
  /** Requests made. */
  requests: number;
  notes: string[];
}

/** Every change of `repo` in `window`. `server`: where links to GitHub's pages go. */
export async function readChanges(
  octokit: GitHub,
  repo: RepoRef,
  window: ChangeWindow,
  server: string,
): Promise<GatheredChanges> {
  const name = `${repo.owner}/${repo.repo}`;
  const [deployments, releases, pulls, runs] = await Promise.all([
    octokit.rest.repos.listDeployments({ ...repo, per_page: 30 }).then((r) => r.data),
    octokit.rest.repos.listReleases({ ...repo, per_page: 30 }).then((r) => r.data),
    octokit.rest.pulls
      .list({ ...repo, state: "closed", sort: "updated", direction: "desc", per_page: 50 })
      .then((r) => r.data),
    octokit.rest.actions
      .listWorkflowRunsForRepo({
        ...repo,
        status: "failure",
        created: `>=${window.since}`,
        per_page: 50,
        exclude_pull_requests: true,
      })
      .then((r) => r.data.workflow_runs),
  ]);
  let requests = 4;
  const recent = deployments.filter((d) => inWindow(d.created_at, window));
  // The one follow-up: the default branch if runs need it and no pull request said it,
  // else the newest deployment's latest status (webhooks bring the others' as they move).
  let branch: string | null =
    pulls.find((p) => p.base.repo?.default_branch)?.base.repo.default_branch ?? null;
  const notes: string[] = [];
  let newestStatus = null;
  if (branch === null && runs.length > 0) {
    branch = (await octokit.rest.repos.get({ ...repo })).data.default_branch;
    requests++;
  } else if (recent[0]) {
    const statuses = await octokit.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: recent[0].id,
      per_page: 1,
    });
    newestStatus = statuses.data[0] ?? null;
    requests++;
  }
  const changes: Change[] = [
    ...recent.map((d, i) => deployChange(name, d, i === 0 ? newestStatus : null, server)),
    ...releases.flatMap((r) => nonNull(releaseChange(name, r))),
    ...pulls.flatMap((p) => nonNull(mergeChange(name, p, null))),
    ...(branch === null ? [] : runs.flatMap((r) => nonNull(failedRunChange(name, r, branch)))),
  ].filter((c) => inWindow(c.at, window));
  return { changes, requests, notes };
}

function nonNull<T>(v: T | null): T[] {
  return v === null ? [] : [v];
}

/** The incident's repository and the configured ones of the same owner (others are left
 * out, with a note: hereby reads only where its installation is). */
export function changeRepositories(
  home: RepoRef,
  configured: string[],
): { repos: RepoRef[]; notes: string[] } {
  const repos: RepoRef[] = [home];
  const notes: string[] = [];
  for (const entry of configured) {
    const [owner, name] = entry.includes("/") ? entry.split("/") : [home.owner, entry];
    if (!owner || !name) continue;
    if (owner.toLowerCase() !== home.owner.toLowerCase()) {
      notes.push(`changes.repositories: ${entry} is not of ${home.owner}, left out`);
      continue;
    }
    if (!repos.some((r) => r.repo.toLowerCase() === name.toLowerCase()))
      repos.push({ owner: home.owner, repo: name });
  }
  return { repos, notes };
}

/** Every repository's changes, in parallel; a repository hereby can't read is a note. */
export async function readAllChanges(
  octokit: GitHub,
  repos: RepoRef[],
  window: ChangeWindow,
  server: string,
): Promise<GatheredChanges> {
  const results = await Promise.all(
    repos.map((repo) =>
      readChanges(octokit, repo, window, server).catch((error: unknown) => ({
        changes: [],
        requests: 0,
        notes: [`changes of ${repo.owner}/${repo.repo} not read: ${(error as Error).message}`],
      })),
    ),
  );
  return {
    changes: results.flatMap((r) => r.changes),
    requests: results.reduce((n, r) => n + r.requests, 0),
    notes: results.flatMap((r) => r.notes),
  };
}

/** An open issue whose description names its changes list's comment (hereby's record
 * does, in a `changescomment` marker). */
export interface ChangesListRef {
  issue: number;
  commentId: number;
  /** The issue's page, where links in the list point to. */
  url: string;
}

/** The changes lists of the open issues, most recently updated first: one request, the
 * first hundred open issues (pull requests left out). */
export async function readOpenChangesLists(
  octokit: GitHub,
  repo: RepoRef,
): Promise<ChangesListRef[]> {
  const { data: open } = await octokit.rest.issues.listForRepo({
    ...repo,
    state: "open",
    sort: "updated",
    direction: "desc",
    per_page: 100,
  });
  return open.flatMap((i) => {
    const id = findMarkers(i.body ?? "").find((m) => m.kind === "changescomment")?.key;
    return id && /^\d+$/.test(id) && !i.pull_request
      ? [{ issue: i.number, commentId: Number(id), url: i.html_url }]
      : [];
  });
}

/** A changes list's comment as it is now: whose it is, on which issue, its boxes and
 * when it was last edited (which paces hereby's edits). */
export interface ChangesComment {
  id: number;
  body: string | null;
  author: { login: string; type: string } | null;
  /** The API URL of the issue it is on (`…/issues/N`). */
  issueUrl: string;
  updatedAt: string;
}

/** One comment, in one request. */
export async function readChangesComment(
  octokit: GitHub,
  repo: RepoRef,
  commentId: number,
): Promise<ChangesComment> {
  const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: commentId });
  return {
    id: data.id,
    body: data.body ?? null,
    author: data.user ? { login: data.user.login, type: data.user.type } : null,
    issueUrl: data.issue_url,
    updatedAt: data.updated_at,
  };
}

// Issues as a label listing returns them (100 a page): incidents, review issues, action
// items, the report issue. One shape for every reader, reduced to what the core needs.
import type { ListedIssue } from "../core/review/types.js";
import type { Login } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";

/** An issue as GitHub's REST API returns it, in a listing or as a sub-issue. */
export interface IssueLike {
  id: number;
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: (string | { name?: string })[];
  assignees?: ({ login: string } | null)[] | null;
  user: { login: string; type?: string } | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  html_url: string;
  repository_url?: string;
  pull_request?: unknown;
  sub_issues_summary?: { total: number; completed: number };
  parent_issue_url?: string | null;
}

export const logins = (i: IssueLike): Login[] =>
  (i.assignees ?? []).flatMap((a) => (a ? [a.login] : []));

const labelNames = (i: IssueLike): string[] =>
  i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean);

/** The parent's number when it is an issue of `repo`, else null. */
function parentIn(i: IssueLike, repo: RepoRef): number | null {
  const url = i.parent_issue_url ?? "";
  const parent = /\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(url);
  if (!parent) return null;
  const [, owner = "", name = "", number = ""] = parent;
  const same =
    owner.toLowerCase() === repo.owner.toLowerCase() &&
    name.toLowerCase() === repo.repo.toLowerCase();
  return same ? Number(number) : null;
}

export function toListedIssue(i: IssueLike, repo: RepoRef): ListedIssue {
  const author = i.user?.login ?? "ghost";
  const summary = i.sub_issues_summary;
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    body: i.body ?? "",
    state: i.state === "closed" ? "closed" : "open",
    stateReason: i.state_reason ?? null,
    labels: labelNames(i),
    assignees: logins(i),
    author,
    authorIsBot: i.user?.type === "Bot" || author.endsWith("[bot]"),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    closedAt: i.closed_at,
    htmlUrl: i.html_url,
    subIssues: summary ? { total: summary.total, completed: summary.completed } : null,
    parent: parentIn(i, repo),
  };
}

/** Every issue (no pull request) carrying `label`. `since`: only those updated since then
 * (an issue declared after it was updated after it). */
export async function listByLabel(
  octokit: GitHub,
  repo: RepoRef,
  label: string,
  state: "open" | "all",
  since: string | null = null,
): Promise<ListedIssue[]> {
  const query = { ...repo, labels: label, state, per_page: 100, ...(since ? { since } : {}) };
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, query);
  return (issues as IssueLike[]).filter((i) => !i.pull_request).map((i) => toListedIssue(i, repo));
}

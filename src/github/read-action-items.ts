// An incident's sub-issues (its action items), as the record and the sweep read them.
import type { ActionItem } from "../core/review/types.js";
import type { GitHub, RepoRef } from "./client.js";

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


export const logins = (i: IssueLike) => (i.assignees ?? []).flatMap((a) => (a ? [a.login] : []));

/** `owner/name` of an issue in another repository than `repo`, else null. */
export function otherRepository(i: Pick<IssueLike, "repository_url">, repo: RepoRef): string | null {
  const m = i.repository_url ? /\/repos\/([^/]+)\/([^/]+)$/.exec(i.repository_url) : null;
  if (!m) return null;
  const same = m[1]!.toLowerCase() === repo.owner.toLowerCase() && m[2]!.toLowerCase() === repo.repo.toLowerCase();
  return same ? null : `${m[1]}/${m[2]}`;
}

/** What the incident shows after an item's reference (`owner/name#N`): its title, or, for
 * an item in another repository, that the title is not shown. That repository may be
 * private while the incident is public, and hereby can't tell from the sub-issue list. */
export const HIDDEN_TITLE = "(title not shown: another repository)";

export function shownTitle(i: Pick<IssueLike, "repository_url" | "title">, repo: RepoRef): string {
  return otherRepository(i, repo) ? HIDDEN_TITLE : i.title;
}

export function toActionItem(i: IssueLike, repo: RepoRef): ActionItem {
  return {
    id: i.id,
    number: i.number,
    repo: otherRepository(i, repo),
    title: shownTitle(i, repo),
    state: i.state === "closed" ? "closed" : "open",
    stateReason: i.state_reason ?? null,
    assignees: logins(i),
    createdAt: i.created_at,
    closedAt: i.closed_at,
    htmlUrl: i.html_url,
  };
}

export async function readActionItems(octokit: GitHub, repo: RepoRef, incident: number): Promise<ActionItem[]> {
  const children = await octokit.paginate(octokit.rest.issues.listSubIssues, { ...repo, issue_number: incident, per_page: 100 });
  return (children as IssueLike[]).map((c) => toActionItem(c, repo));
}


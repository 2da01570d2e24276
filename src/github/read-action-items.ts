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

export function toActionItem(i: IssueLike, repo: RepoRef): ActionItem {
  const m = i.repository_url ? /\/repos\/([^/]+)\/([^/]+)$/.exec(i.repository_url) : null;
  const other = m && (m[1]!.toLowerCase() !== repo.owner.toLowerCase() || m[2]!.toLowerCase() !== repo.repo.toLowerCase());
  return {
    id: i.id,
    number: i.number,
    repo: other ? `${m[1]}/${m[2]}` : null,
    title: i.title,
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


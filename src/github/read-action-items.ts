// Action items as GitHub holds them: an incident's sub-issues, as the record and the
// sweep read them, and the reads for a comment's /action lines, in parallel: the
// incident's sub-issues, the action items hereby already opened for this comment (a
// redelivery must not open them again), each issue named by #N, and whether each named
// owner can be assigned.
import { RequestError } from "@octokit/request-error";
import type { Permission } from "../config.js";
import { allows } from "../core/access.js";
import type { ActionFacts, LinkedIssue } from "../core/action-items/plan.js";
import type { ListedIssue } from "../core/review/types.js";
import type { ActionItem, ActionRequest } from "../core/types.js";
import { canBeAssigned } from "./assignable.js";
import type { GitHub, RepoRef } from "./client.js";
import { logins, toListedIssue, type IssueLike } from "./list-issues.js";
import { readPermission } from "./permission.js";

/** `owner/name` of an issue in another repository than `repo`, else null. */
export function otherRepository(
  i: Pick<IssueLike, "repository_url">,
  repo: RepoRef,
): string | null {
  const m = i.repository_url ? /\/repos\/([^/]+)\/([^/]+)$/.exec(i.repository_url) : null;
  if (!m) return null;
  const same =
    m[1]!.toLowerCase() === repo.owner.toLowerCase() &&
    m[2]!.toLowerCase() === repo.repo.toLowerCase();
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

export async function readActionItems(
  octokit: GitHub,
  repo: RepoRef,
  incident: number,
): Promise<ActionItem[]> {
  const children = await octokit.paginate(octokit.rest.issues.listSubIssues, {
    ...repo,
    issue_number: incident,
    per_page: 100,
  });
  return (children as IssueLike[]).map((c) => toActionItem(c, repo));
}

export function linkKey(repo: { owner: string; repo: string }, number: number): string {
  return `${repo.owner}/${repo.repo}#${number}`.toLowerCase();
}

async function readLinked(
  octokit: GitHub,
  target: RepoRef,
  number: number,
): Promise<LinkedIssue | null> {
  try {
    const { data } = await octokit.rest.issues.get({ ...target, issue_number: number });
    const parent = (data as { parent_issue_url?: string | null }).parent_issue_url;
    const p = parent ? /\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(parent) : null;
    return {
      id: data.id,
      number: data.number,
      repo: `${target.owner}/${target.repo}`,
      isPull: data.pull_request !== undefined && data.pull_request !== null,
      labels: data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
      parent: p ? `${p[1]}/${p[2]}#${p[3]}` : null,
    };
  } catch (error) {
    if (error instanceof RequestError && (error.status === 404 || error.status === 410))
      return null;
    throw error;
  }
}

/** An issue in another repository, read only where GitHub says the commenter holds the
 * configured permission there: hereby's token must not lend its reach. Otherwise null,
 * exactly as for an issue or repository that does not exist. */
async function readLinkedFor(
  octokit: GitHub,
  here: RepoRef,
  target: RepoRef,
  number: number,
  who: Who,
): Promise<LinkedIssue | null> {
  const elsewhere =
    target.owner.toLowerCase() !== here.owner.toLowerCase() ||
    target.repo.toLowerCase() !== here.repo.toLowerCase();
  if (elsewhere && !allows(await readPermission(octokit, target, who.author), who.permission))
    return null;
  return readLinked(octokit, target, number);
}

interface Who {
  author: string;
  /** The permission the config asks for (`permission`). */
  permission: Permission;
}

export async function readForActions(
  octokit: GitHub,
  repo: RepoRef,
  incident: number,
  actionLabel: string,
  requests: ActionRequest[],
  who: Who,
): Promise<ActionFacts> {
  const { author } = who;
  const targets = requests.flatMap((r) =>
    r.kind === "link" &&
    (r.repo === null || r.repo.owner.toLowerCase() === repo.owner.toLowerCase())
      ? [{ target: r.repo ?? repo, number: r.number }]
      : [],
  );
  const owners = [
    ...new Set(
      requests.flatMap((r) =>
        r.kind === "new" && r.owner && r.owner.toLowerCase() !== author.toLowerCase()
          ? [r.owner.toLowerCase()]
          : [],
      ),
    ),
  ];
  const wantsRecent = requests.some((r) => r.kind === "new");
  const [subIssues, recent, linked, assignable] = await Promise.all([
    readActionItems(octokit, repo, incident),
    wantsRecent ? listRecentActionItems(octokit, repo, actionLabel) : Promise.resolve([]),
    Promise.all(
      targets.map(
        async (t) =>
          [
            linkKey(t.target, t.number),
            await readLinkedFor(octokit, repo, t.target, t.number, who),
          ] as const,
      ),
    ),
    Promise.all(owners.map(async (o) => [o, await canBeAssigned(octokit, repo, o)] as const)),
  ]);
  return {
    subIssues,
    recent,
    linked: new Map(linked),
    assignable: new Map([[author.toLowerCase(), true], ...assignable]),
  };
}

/** The newest hundred issues with the action label: where an item hereby opened for a
 * line (a redelivery, an edit) is found again. */
export async function listRecentActionItems(
  octokit: GitHub,
  repo: RepoRef,
  actionLabel: string,
): Promise<ListedIssue[]> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...repo,
    labels: actionLabel,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return data.filter((i) => !i.pull_request).map((i) => toListedIssue(i, repo));
}

/** The issue an action item is a sub-issue of, as its record is decided from. */
export interface ParentIssue {
  number: number;
  /** Its repository's API URL (`…/repos/owner/name`). */
  repositoryUrl: string;
  labels: string[];
}

/** An action item's parent, in one request; null when GitHub says it has none (404). */
export async function readParentIssue(
  octokit: GitHub,
  repo: RepoRef,
  item: number,
): Promise<ParentIssue | null> {
  try {
    const { data } = await octokit.rest.issues.getParent({ ...repo, issue_number: item });
    return {
      number: data.number,
      repositoryUrl: data.repository_url,
      labels: data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    };
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return null;
    throw error;
  }
}

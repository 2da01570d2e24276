// Reads one incident issue and its timeline (comments and events in one paginated list):
// two requests in parallel for an incident of up to 100 timeline items.
import type { CommentRecord, IssueEventRecord, IssueRecord, IssueSnapshot } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";

interface UserLike {
  login: string;
  type?: string;
}

interface IssueLike {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  user: UserLike | null;
  labels: (string | { name?: string })[];
  assignees?: (UserLike | null)[] | null;
  created_at: string;
  closed_at: string | null;
  html_url: string;
}

export function toIssueRecord(issue: IssueLike): IssueRecord {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state === "closed" ? "closed" : "open",
    stateReason: issue.state_reason ?? null,
    author: issue.user?.login ?? "ghost",
    labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== ""),
    assignees: (issue.assignees ?? []).flatMap((a) => (a ? [a.login] : [])),
    createdAt: issue.created_at,
    closedAt: issue.closed_at,
    htmlUrl: issue.html_url,
  };
}

const isBot = (user: UserLike | null | undefined): boolean =>
  user?.type === "Bot" || (user?.login ?? "").endsWith("[bot]");

/** A timeline item as GitHub returns it; only the fields the core reads. */
interface TimelineItem {
  event?: string;
  id?: number;
  actor?: UserLike | null;
  user?: UserLike | null;
  created_at?: string;
  updated_at?: string;
  body?: string;
  html_url?: string;
  label?: { name: string };
  assignee?: UserLike | null;
  state_reason?: string | null;
}

const EVENTS = new Set(["labeled", "unlabeled", "closed", "reopened", "assigned", "unassigned"]);

export function splitTimeline(items: TimelineItem[]): { comments: CommentRecord[]; events: IssueEventRecord[] } {
  const comments: CommentRecord[] = [];
  const events: IssueEventRecord[] = [];
  for (const item of items) {
    if (item.id === undefined || item.created_at === undefined) continue;
    if (item.event === "commented") {
      const user = item.user ?? item.actor ?? null;
      comments.push({
        id: item.id,
        author: user?.login ?? "ghost",
        authorIsBot: isBot(user),
        body: item.body ?? "",
        createdAt: item.created_at,
        updatedAt: item.updated_at ?? item.created_at,
        htmlUrl: item.html_url ?? "",
      });
    } else if (item.event !== undefined && EVENTS.has(item.event)) {
      const event: IssueEventRecord = {
        id: item.id,
        event: item.event as IssueEventRecord["event"],
        actor: item.actor?.login ?? "ghost",
        actorIsBot: isBot(item.actor),
        createdAt: item.created_at,
      };
      if (item.label) event.label = item.label.name;
      if (item.assignee) event.assignee = item.assignee.login;
      if (item.state_reason !== undefined) event.stateReason = item.state_reason;
      events.push(event);
    }
  }
  return { comments, events };
}

export async function readIssueSnapshot(octokit: GitHub, repo: RepoRef, issueNumber: number): Promise<IssueSnapshot> {
  const [issue, items] = await Promise.all([
    octokit.rest.issues.get({ ...repo, issue_number: issueNumber }),
    octokit.paginate(octokit.rest.issues.listEventsForTimeline, { ...repo, issue_number: issueNumber, per_page: 100 }),
  ]);
  return { issue: toIssueRecord(issue.data as IssueLike), ...splitTimeline(items as TimelineItem[]) };
}

// Reads one incident issue and its timeline (comments and events in one paginated list):
// two requests in parallel for an incident of up to 100 timeline items. A read-back after
// writing passes the snapshot it read before and reads only what can have changed since:
// 3,000 comments cost 31 pages once, not again on every read-back.
import type { CommentRecord, IssueEventRecord, IssueRecord, IssueSnapshot } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";
import { readActionItems } from "./read-action-items.js";
import type { ActionItem } from "../core/types.js";

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
    labels: issue.labels
      .map((l) => (typeof l === "string" ? l : (l.name ?? "")))
      .filter((l) => l !== ""),
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
  reactions?: { "+1"?: number };
}

const EVENTS = new Set(["labeled", "unlabeled", "closed", "reopened", "assigned", "unassigned"]);

export function splitTimeline(items: TimelineItem[]): {
  comments: CommentRecord[];
  events: IssueEventRecord[];
} {
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
        ...(item.reactions ? { thumbsUp: item.reactions["+1"] ?? 0 } : {}),
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

export interface ReadOptions {
  /** A snapshot this module returned earlier for the same issue: read the issue, the
   * timeline from the page holding its last item on, and the comments edited since;
   * fall back to a full read when anything before that page went away. */
  after?: IssueSnapshot;
  /** The issue as hereby's own PATCH of it just answered: a read of it, not asked again. */
  issue?: IssueLike;
  /** The delivery's issue had sub-issues: they are read alongside the issue, not after it. */
  subIssues?: boolean;
}

const PER_PAGE = 100;

/** Where a snapshot's timeline read ended: how many items, the last one, its newest time. */
interface ReadMark {
  items: number;
  last: string;
  since: string | undefined;
}
const marks = new WeakMap<IssueSnapshot, ReadMark>();

const itemKey = (item: TimelineItem | undefined): string =>
  item ? `${item.event ?? ""}:${item.id ?? item.created_at ?? ""}` : "";

function remember(snapshot: IssueSnapshot, items: number, last: string): IssueSnapshot {
  const times = [
    ...snapshot.comments.map((c) => c.updatedAt),
    ...snapshot.events.map((e) => e.createdAt),
  ].map(Date.parse);
  // A second earlier: `since` compares whole seconds, and a duplicate costs nothing.
  const since = times.length > 0 ? new Date(Math.max(...times) - 1000).toISOString() : undefined;
  marks.set(snapshot, { items, last, since });
  return snapshot;
}

export async function readIssueSnapshot(
  octokit: GitHub,
  repo: RepoRef,
  issueNumber: number,
  options: ReadOptions = {},
): Promise<IssueSnapshot> {
  const mark = options.after ? marks.get(options.after) : undefined;
  // Known to have sub-issues (the delivery, the PATCH's answer): read alongside, not after.
  const ahead = options.subIssues || hasSubIssues(options.issue as SubIssuesSummary | undefined);
  const early = ahead ? readActionItems(octokit, repo, issueNumber) : null;
  early?.catch(() => {});
  // Reading the changes takes three requests; up to three pages, reading it all is as cheap.
  if (options.after && mark && mark.items > 3 * PER_PAGE) {
    const fresh = await readChanges(
      octokit,
      repo,
      issueNumber,
      options.after,
      mark,
      options.issue,
      early,
    );
    if (fresh !== null) return fresh;
  }
  const [issue, timeline] = await Promise.all([
    getIssue(octokit, repo, issueNumber, options.issue),
    readTimeline(octokit, repo, issueNumber),
  ]);
  const actionItems = await readItemsOf(octokit, repo, issueNumber, issue.data, early);
  return remember(
    { issue: toIssueRecord(issue.data), ...splitTimeline(timeline), actionItems },
    timeline.length,
    itemKey(timeline.at(-1)),
  );
}

/** `snapshot` with comments hereby has just posted (their POST answers are reads of
 * them); a read-back from it reads from where `snapshot` was read. */
export function withPostedComments(
  snapshot: IssueSnapshot,
  posted: CommentRecord[],
): IssueSnapshot {
  const fresh = posted.filter((c) => !snapshot.comments.some((s) => s.id === c.id));
  if (fresh.length === 0) return snapshot;
  const next = { ...snapshot, comments: [...snapshot.comments, ...fresh] };
  const mark = marks.get(snapshot);
  if (mark) marks.set(next, mark);
  return next;
}

type IssueData = IssueLike & { comments?: number; sub_issues_summary?: { total: number } };

/** The issue: `known` when hereby's own PATCH just answered with it, else read. */
async function getIssue(
  octokit: GitHub,
  repo: RepoRef,
  issueNumber: number,
  known: IssueLike | undefined,
): Promise<{ data: IssueData }> {
  if (known) return { data: known };
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: issueNumber });
  return { data: data };
}

/** Pages read at once after the first: the first page's `Link` says how many there are,
 * so 31 pages take 4 round trips, not 31. Items added meanwhile past the last page are
 * picked up by the next read, which starts from the last item this one saw. */
const PARALLEL_PAGES = 10;

export async function readTimeline(
  octokit: GitHub,
  repo: RepoRef,
  issueNumber: number,
): Promise<TimelineItem[]> {
  const params = { ...repo, issue_number: issueNumber, per_page: PER_PAGE };
  const first = await octokit.rest.issues.listEventsForTimeline(params);
  const linked = /[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(first.headers.link ?? "")?.[1];
  // A full first page without a Link may be a remembered answer from before a next page
  // existed (its items, and so its ETag, unchanged): the next page is read to be sure.
  const last = linked ? Number(linked) : first.data.length === PER_PAGE ? 2 : 1;
  const items = [...(first.data as TimelineItem[])];
  for (let from = 2; from <= last; from += PARALLEL_PAGES) {
    const numbers = Array.from(
      { length: Math.min(PARALLEL_PAGES, last - from + 1) },
      (_, i) => from + i,
    );
    const pages = await Promise.all(
      numbers.map((page) => octokit.rest.issues.listEventsForTimeline({ ...params, page })),
    );
    for (const page of pages) items.push(...(page.data as TimelineItem[]));
  }
  return items;
}

/** The snapshot `before` brought up to date, or null when a full read is needed. */
async function readChanges(
  octokit: GitHub,
  repo: RepoRef,
  issueNumber: number,
  before: IssueSnapshot,
  mark: ReadMark,
  known: IssueLike | undefined,
  early: Promise<ActionItem[]> | null,
): Promise<IssueSnapshot | null> {
  const lastIndex = mark.items - 1;
  const page = Math.floor(lastIndex / PER_PAGE) + 1;
  const [issue, tail, edited] = await Promise.all([
    getIssue(octokit, repo, issueNumber, known),
    octokit.paginate(octokit.rest.issues.listEventsForTimeline, {
      ...repo,
      issue_number: issueNumber,
      per_page: PER_PAGE,
      page,
    }),
    octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: issueNumber,
      per_page: PER_PAGE,
      ...(mark.since ? { since: mark.since } : {}),
    }),
  ]);
  const items = tail as TimelineItem[];
  const offset = lastIndex - (page - 1) * PER_PAGE;
  // The last item read before is not where it was: something earlier was deleted.
  if (itemKey(items[offset]) !== mark.last) return null;
  const added = splitTimeline(items.slice(offset + 1));
  const comments = new Map(before.comments.map((c) => [c.id, c]));
  for (const c of added.comments) comments.set(c.id, c);
  for (const c of splitTimeline(edited.map((e) => ({ ...e, event: "commented" }))).comments)
    comments.set(c.id, c);
  // A comment deleted since (its items may sit on pages not read again): read it all.
  if ((issue.data as { comments?: number }).comments !== comments.size) return null;
  const actionItems = await readItemsOf(octokit, repo, issueNumber, issue.data, early);
  const snapshot = {
    issue: toIssueRecord(issue.data),
    comments: [...comments.values()],
    events: [...before.events, ...added.events],
    actionItems,
  };
  return remember(snapshot, mark.items + items.length - offset - 1, itemKey(items.at(-1)));
}

type SubIssuesSummary = { sub_issues_summary?: { total: number } };
const hasSubIssues = (issue: SubIssuesSummary | undefined): boolean =>
  (issue?.sub_issues_summary?.total ?? 0) > 0;

/** Action items are read only for incidents that have sub-issues (as the issue read now says). */
function readItemsOf(
  octokit: GitHub,
  repo: RepoRef,
  issueNumber: number,
  issue: SubIssuesSummary,
  early: Promise<ActionItem[]> | null,
): Promise<ActionItem[]> {
  return hasSubIssues(issue)
    ? (early ?? readActionItems(octokit, repo, issueNumber))
    : Promise.resolve([]);
}

// Every read the report needs, in as few round trips as its figures allow:
//   1. four listings in parallel, 100 issues a page: incidents (`incident`, state all),
//      cancelled ones (`status:cancelled`: a person who cancels by removing the `incident`
//      label takes it off), action items (`incident-action`) and review issues
//      (`incident-review`);
//   2. per incident in range and not cancelled: its issue events (severity changes,
//      `status:monitoring`, reopens); per merged postmortem: the pull request (merge
//      time); per review issue: its comments (the cycles hereby ran).
// The records' declared and resolved times come with the listing, in the managed block.
import type { Config } from "../config.js";
import { hasLabel } from "../core/labels.js";
import { blockFacts } from "../core/report/block-facts.js";
import { cancelledLabel } from "../core/report/incident-row.js";
import type { IncidentEvent, IncidentInput, ListedIssue, ReviewInput } from "../core/report/types.js";
import { isOwnComment, resolveSelf } from "../core/self.js";
import type { CommentRecord } from "../core/types.js";
import type { GitHub, RepoRef } from "./client.js";

/** Reads in flight at once in step 2: GitHub asks integrators not to flood it. */
const PARALLEL_READS = 8;

interface RawIssue {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  labels: (string | { name?: string })[];
  created_at: string;
  closed_at: string | null;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
  user?: { login: string; type?: string } | null;
}

const toListed = (i: RawIssue): ListedIssue => ({
  number: i.number,
  title: i.title,
  state: i.state === "closed" ? "closed" : "open",
  stateReason: i.state_reason ?? null,
  labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
  createdAt: i.created_at,
  closedAt: i.closed_at,
  body: i.body ?? null,
  url: i.html_url,
  author: i.user ? { login: i.user.login, bot: i.user.type === "Bot" } : null,
});

async function listByLabel(octokit: GitHub, repo: RepoRef, label: string, since: string | null): Promise<ListedIssue[]> {
  // `since` filters on the last update: an issue declared after it was updated after it.
  const items = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: label, state: "all", per_page: 100, ...(since ? { since } : {}) });
  return (items as RawIssue[]).filter((i) => !i.pull_request).map(toListed);
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order. */
async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const EVENT_KINDS = new Set(["labeled", "unlabeled", "closed", "reopened"]);

async function eventsOf(octokit: GitHub, repo: RepoRef, issue: number): Promise<IncidentEvent[]> {
  const items = await octokit.paginate(octokit.rest.issues.listEvents, { ...repo, issue_number: issue, per_page: 100 });
  return items
    .filter((e) => EVENT_KINDS.has(e.event))
    .map((e) => {
      const label = "label" in e ? e.label?.name : undefined;
      return { event: e.event as IncidentEvent["event"], at: e.created_at, ...(label ? { label } : {}) };
    });
}

async function mergedAtOf(octokit: GitHub, repo: RepoRef, pull: number): Promise<string | null> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: pull });
  return data.merged_at;
}

const CYCLE_RE = /<!-- hereby:(?:cycle|closeout) (\d+):(\d+) -->/g;
const REVIEW_TITLE_RE = /\(#(\d+)\)\s*$/;

type RawComment = { id: number; body?: string; user: { login: string; type?: string } | null; created_at: string; updated_at: string; html_url: string };

const toRecord = (c: RawComment): CommentRecord => ({
  id: c.id,
  author: c.user?.login ?? "ghost",
  authorIsBot: c.user?.type === "Bot",
  body: c.body ?? "",
  createdAt: c.created_at,
  updatedAt: c.updated_at,
  htmlUrl: c.html_url,
});

/** Cycles hereby ran on a review issue: the cycle markers of its own comments (by its
 * identity, as core/self.ts decides: the known login, else the bot that opened the review
 * issue), never a marker another app or a person wrote. */
async function reviewOf(octokit: GitHub, repo: RepoRef, issue: ListedIssue, self: string | null): Promise<ReviewInput> {
  const comments = (await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue.number, per_page: 100 })).map(toRecord);
  const own = resolveSelf(comments, self ?? (issue.author?.bot ? issue.author.login : null));
  const cycles = new Set<string>();
  for (const c of comments) {
    if (!isOwnComment(c, own)) continue;
    for (const m of c.body.matchAll(CYCLE_RE)) cycles.add(`${m[1]}:${m[2]}`);
  }
  const incident = REVIEW_TITLE_RE.exec(issue.title);
  return { issue, incident: incident ? Number(incident[1]) : null, cycles: cycles.size };
}

export interface ReportRange {
  since: string | null;
  until: string | null;
}

/** Whether an incident's events are worth a read: in range (by its record) and not cancelled. */
function needsEvents(issue: ListedIssue, config: Config, range: ReportRange): boolean {
  if (hasLabel(issue.labels, cancelledLabel(config))) return false;
  // The record shows minutes: an incident declared in the minute `since` falls in counts.
  const declared = Date.parse(blockFacts(issue.body)?.declaredAt ?? issue.createdAt);
  return (range.until === null || declared < Date.parse(range.until)) && (range.since === null || declared >= Date.parse(range.since) - 60_000);
}

/** The incidents, and those cancelled by taking the `incident` label off: still hereby's
 * incidents (they hold its record), counted apart. Sorted as the listing is, newest first. */
function withCancelled(labelled: ListedIssue[], cancelled: ListedIssue[]): ListedIssue[] {
  const known = new Set(labelled.map((i) => i.number));
  const unlabelled = cancelled.filter((i) => !known.has(i.number) && blockFacts(i.body) !== null);
  return [...labelled, ...unlabelled].sort((a, b) => b.number - a.number);
}

/** `self`: hereby's login when the shell knows it (see core/self.ts). */
export async function gatherReport(octokit: GitHub, repo: RepoRef, config: Config, range: ReportRange, self: string | null = null) {
  const [labelled, cancelled, actionItems, reviewIssues] = await Promise.all([
    listByLabel(octokit, repo, config.labels.incident, range.since),
    listByLabel(octokit, repo, cancelledLabel(config), range.since),
    listByLabel(octokit, repo, config.labels.action, range.since),
    listByLabel(octokit, repo, config.labels.review, range.since),
  ]);
  const incidents = withCancelled(labelled, cancelled);
  const withEvents = await inPool(incidents, PARALLEL_READS, async (issue): Promise<IncidentInput> => {
    const events = needsEvents(issue, config, range) ? await eventsOf(octokit, repo, issue.number) : null;
    const pm = events ? blockFacts(issue.body)?.postmortem : null;
    return { issue, events, ...(pm?.merged ? { postmortemMergedAt: await mergedAtOf(octokit, repo, pm.number) } : {}) };
  });
  const reviews = await inPool(reviewIssues, PARALLEL_READS, (issue) => reviewOf(octokit, repo, issue, self));
  return { incidents: withEvents, actionItems, reviews };
}

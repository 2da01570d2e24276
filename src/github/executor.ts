// The only place that writes to GitHub. It applies a plan's writes in order, owns the
// dry-run branch, counts what it does, and makes comment writes idempotent: a comment
// carries a marker, and a comment whose POST failed with a 5xx (which GitHub may have
// carried out anyway) is looked for before it is written again.
import { RequestError } from "@octokit/request-error";
import { fitComment } from "../core/limits.js";
import type { Write, WriteOutcome } from "../core/plan.js";
import type { GitHub, RepoRef } from "./client.js";
import { describePublish, publishPostmortem, publishRequests } from "./publish-postmortem.js";
import { addSubIssue, createIssueOnce, describeFollowUpWrite } from "./follow-up-writes.js";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ExecutorOptions {
  dryRun?: boolean;
  log?: Logger;
}

export interface WriteCounter {
  writes: number;
}

const silent: Logger = { info: () => {}, warn: () => {} };

export function describeWrite(write: Write): string {
  switch (write.type) {
    case "createLabel":
      return `create label "${write.label.name}" (#${write.label.color})`;
    case "react":
      return `react ${write.content} to comment ${write.commentId}`;
    case "unreact":
      return `take back reaction ${write.reactionId} from comment ${write.commentId}`;
    case "comment":
      // The first line people read, not the hidden marker above it.
      return `comment on #${write.issue}: ${write.body.split("\n").find((l) => l.trim() !== "" && !l.startsWith("<!--"))?.slice(0, 80) ?? ""}`;
    case "updateIssue": {
      const parts = [
        write.labels ? `labels=[${write.labels.join(", ")}]` : "",
        write.assignees ? `assignees=[${write.assignees.join(", ")}]` : "",
        write.state ? `state=${write.state}(${write.state_reason ?? ""})` : "",
        write.body !== undefined ? `body (${write.body.length} chars)` : "",
      ].filter(Boolean);
      return `update #${write.issue}: ${parts.join(" ")}`;
    }
    case "publishPostmortem":
      return describePublish(write);
    case "createIssue":
    case "addSubIssue":
    case "addLabels":
      return describeFollowUpWrite(write);
  }
}

const status = (error: unknown): number | undefined => (error instanceof RequestError ? error.status : undefined);

async function commentExists(octokit: GitHub, repo: RepoRef, issue: number, marker: string): Promise<boolean> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 });
  return comments.some((c) => (c.body ?? "").includes(marker));
}

/** Two handlers may post the same marked comment at once (an edit delivered while the
 * comment's creation is still being handled, two App replicas). Each looks back after
 * posting, and the one whose copy isn't the earliest takes its own copy away. */
async function withdrawIfDuplicate(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "comment" }>,
  posted: { id: number; created_at: string; user: { login: string } | null },
): Promise<void> {
  const since = new Date(Date.parse(posted.created_at) - 10 * 60_000).toISOString();
  const recent = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: write.issue, since, per_page: 100 });
  // Only hereby's own copies: a person quoting the marker is not one.
  const by = posted.user?.login;
  const copies = recent.filter((c) => c.user?.login === by && (c.body ?? "").includes(write.marker)).map((c) => c.id);
  if (copies.length > 1 && Math.min(...copies) !== posted.id) {
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: posted.id });
  }
}

async function createCommentOnce(octokit: GitHub, repo: RepoRef, write: Extract<Write, { type: "comment" }>): Promise<void> {
  // Past GitHub's limit the POST would fail with 422: cut, with a note, instead.
  const params = { ...repo, issue_number: write.issue, body: fitComment(write.body) };
  let posted: { id: number; created_at: string; user: { login: string } | null };
  try {
    // No blind retry here: a 5xx may come back for a comment GitHub did create.
    ({ data: posted } = await octokit.rest.issues.createComment({ ...params, request: { retries: 0 } }));
  } catch (error) {
    const code = status(error);
    if (code !== undefined && code < 500) throw error;
    if (await commentExists(octokit, repo, write.issue, write.marker)) return;
    ({ data: posted } = await octokit.rest.issues.createComment(params));
  }
  await withdrawIfDuplicate(octokit, repo, write, posted);
}

export async function applyWrite(octokit: GitHub, repo: RepoRef, write: Write): Promise<WriteOutcome | void> {
  switch (write.type) {
    case "createLabel":
      try {
        await octokit.rest.issues.createLabel({ ...repo, ...write.label });
      } catch (error) {
        // Someone (or a concurrent run) created it first: that's what we wanted.
        if (status(error) !== 422) throw error;
      }
      return;
    case "react":
      await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: write.commentId, content: write.content });
      return;
    case "unreact":
      try {
        await octokit.rest.reactions.deleteForIssueComment({ ...repo, comment_id: write.commentId, reaction_id: write.reactionId });
      } catch (error) {
        if (status(error) !== 404) throw error;
      }
      return;
    case "comment":
      await createCommentOnce(octokit, repo, write);
      return;
    case "updateIssue": {
      const { type: _type, issue, ...fields } = write;
      await octokit.rest.issues.update({ ...repo, issue_number: issue, ...fields });
      return;
    }
    case "publishPostmortem":
      return publishPostmortem(octokit, repo, write);
    case "createIssue":
      await createIssueOnce(octokit, repo, write, (comment) => createCommentOnce(octokit, repo, comment));
      return;
    case "addSubIssue":
      await addSubIssue(octokit, repo, write);
      return;
    case "addLabels":
      await octokit.rest.issues.addLabels({ ...(write.target.repo ?? repo), issue_number: write.target.number, labels: write.labels });
      return;
  }
}

export class Executor {
  readonly counter: WriteCounter = { writes: 0 };
  readonly done: Write[] = [];
  /** Pull requests the writes opened. */
  readonly opened: { number: number; url: string }[] = [];

  constructor(
    private readonly octokit: GitHub,
    private readonly repo: RepoRef,
    private readonly options: ExecutorOptions = {},
  ) {}

  get dryRun(): boolean {
    return this.options.dryRun ?? false;
  }

  async apply(writes: Write[]): Promise<void> {
    const log = this.options.log ?? silent;
    for (const write of writes) {
      // A compound write counts each of its requests.
      let requests = write.type === "publishPostmortem" ? publishRequests(write) : 1;
      if (this.dryRun) {
        log.info(`[dry-run] would ${describeWrite(write)}`);
      } else {
        const outcome = await applyWrite(this.octokit, this.repo, write);
        if (outcome) {
          requests = outcome.requests;
          if (outcome.pull) this.opened.push(outcome.pull);
        }
        log.info(describeWrite(write));
      }
      this.counter.writes += requests;
      this.done.push(write);
    }
  }
}

// The only place that writes to GitHub. It applies a plan's batches in order (the writes
// of a batch together), owns the dry-run branch, counts every request it makes
// (write-counter.ts), and posts each marked comment once (comment-once.ts).
import { RequestError } from "@octokit/request-error";
import { fitComment } from "../core/limits.js";
import { inOrder, type Plan, type Write, type WriteOutcome } from "../core/plan.js";
import type { GitHub, RepoRef } from "./client.js";
import {
  describePublish,
  publishPostmortem,
  publishRequests,
  requestReviewers,
} from "./publish-postmortem.js";
import { splitTimeline } from "./read-issue.js";
import type { CommentRecord } from "../core/types.js";
import {
  addLabels,
  addSubIssue,
  createIssueOnce,
  describeFollowUpWrite,
} from "./follow-up-writes.js";
import { answerHolding, claimReaction, releaseReactions } from "./coalesce.js";
import { createCommentOnce, postCommentOnce, type PostedData } from "./comment-once.js";
import { react, unreact } from "./reactions.js";
import { issueKey, type WriteSlots } from "./write-slot.js";
import { applying, countRequestsOf, type WriteCounter } from "./write-counter.js";

export type { WriteCounter } from "./write-counter.js";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ExecutorOptions {
  dryRun?: boolean;
  log?: Logger;
  /** Shared with other runs (the App's): a record PATCH already on GitHub is dropped, and
   * a reaction hereby gave is not sent again. */
  slots?: WriteSlots;
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
      return `comment on #${write.issue}: ${
        write.body
          .split("\n")
          .find((l) => l.trim() !== "" && !l.startsWith("<!--"))
          ?.slice(0, 80) ?? ""
      }`;
    case "updateComment":
      return `update comment ${write.commentId} on #${write.issue} (${write.body.length} chars)`;
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
    case "requestReviewers":
      return `request review of #${write.pull} from ${write.reviewers.join(", ")}`;
    case "createIssue":
    case "addSubIssue":
    case "addLabels":
      return describeFollowUpWrite(write);
  }
}

const status = (error: unknown): number | undefined =>
  error instanceof RequestError ? error.status : undefined;

/** What a write tells beyond the plan's outcome: the issue as the PATCH left it (a read
 * of it, for the read-back), a reaction's id (to take it back), a comment as its POST
 * answered and the look for a concurrent copy of it, still running. */
type Applied = WriteOutcome & {
  issue?: IssueData;
  reaction?: number;
  comment?: PostedData;
  lookBack?: Promise<void>;
};
export type IssueData = Awaited<ReturnType<GitHub["rest"]["issues"]["update"]>>["data"];

export async function applyWrite(
  octokit: GitHub,
  repo: RepoRef,
  write: Write,
): Promise<Applied | void> {
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
      return { requests: 1, reaction: await react(octokit, repo, write) };
    case "unreact":
      await unreact(octokit, repo, write);
      return;
    case "comment": {
      const posted = await postCommentOnce(octokit, repo, write);
      return posted
        ? { requests: 1, comment: posted.posted, lookBack: posted.lookBack }
        : undefined;
    }
    case "updateComment":
      await octokit.rest.issues.updateComment({
        ...repo,
        comment_id: write.commentId,
        body: fitComment(write.body),
      });
      return;
    case "updateIssue": {
      const { type: _type, issue, ...fields } = write;
      const { data } = await octokit.rest.issues.update({
        ...repo,
        issue_number: issue,
        ...fields,
      });
      return { requests: 1, issue: data };
    }
    case "publishPostmortem":
      return publishPostmortem(octokit, repo, write);
    case "requestReviewers":
      await requestReviewers(octokit, repo, write);
      return;
    case "createIssue":
      await createIssueOnce(octokit, repo, write, (comment) =>
        createCommentOnce(octokit, repo, comment),
      );
      return;
    case "addSubIssue":
      await addSubIssue(octokit, repo, write);
      return;
    case "addLabels":
      await addLabels(octokit, repo, write);
      return;
  }
}

export class Executor {
  readonly counter: WriteCounter = { writes: 0, requests: 0 };
  readonly done: Write[] = [];
  /** Pull requests the writes opened. */
  readonly opened: { number: number; url: string }[] = [];
  /** Reactions this run gave: a later verdict in the same run may have to take one back. */
  readonly reacted: { commentId: number; content: string; id: number }[] = [];
  /** Each issue as this run's last PATCH of it answered: the newest read of it. */
  readonly patched = new Map<number, IssueData>();
  /** Comments this run posted, as their POST answered (a read of them). */
  readonly posted: { issue: number; comment: CommentRecord }[] = [];
  /** Looks for concurrent copies of comments just posted, still running (`lookBackLater`). */
  private lookBacks: Promise<void>[] = [];

  constructor(
    private readonly octokit: GitHub,
    private readonly repo: RepoRef,
    private readonly options: ExecutorOptions = {},
  ) {
    countRequestsOf(octokit);
  }

  get dryRun(): boolean {
    return this.options.dryRun ?? false;
  }

  /** A plan's batches one after another; the writes of a batch together. `lookBackLater`:
   * return once comments are posted; their look for a concurrent copy goes on, for
   * `settled()`, alongside what is written next. */
  async apply(plan: Plan, options: { lookBackLater?: boolean } = {}): Promise<void> {
    for (const batch of plan.batches) await this.applyBatch(batch, options.lookBackLater ?? false);
  }

  /** Waits for the looks for concurrent copies left running by `lookBackLater`: a read of
   * the issue after this sees only the copy that stays. */
  async settled(): Promise<void> {
    const running = this.lookBacks.splice(0);
    await Promise.all(running);
  }

  /** Writes that don't depend on each other (a reaction and the record's PATCH), sent
   * together. If one fails, a reaction given meanwhile is taken back (a 👍 means the
   * record holds the command), and the first failure is thrown. */
  private async applyBatch(writes: readonly Write[], lookBackLater: boolean): Promise<void> {
    if (writes.length === 1) return void (await this.applyOne(writes[0]!, lookBackLater));
    const results = await Promise.allSettled(writes.map((w) => this.applyOne(w, lookBackLater)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (!failed) return;
    const given = results.flatMap((r, i) => {
      const w = writes[i]!;
      return r.status === "fulfilled" && r.value !== undefined && w.type === "react"
        ? [{ type: "unreact" as const, commentId: w.commentId, reactionId: r.value }]
        : [];
    });
    await this.apply(inOrder(given)).catch(() => {});
    throw failed.reason;
  }

  /** Why `write` needs no request, or null: a reaction hereby gave (or another run is
   * giving), a PATCH whose content GitHub's newest answer already shows. */
  private async coalesced(write: Write): Promise<string | null> {
    const { slots } = this.options;
    if (!slots) return null;
    if (write.type === "react")
      return (await claimReaction(slots, this.repo, write)) ? null : "hereby gave it already";
    if (write.type !== "updateIssue") return null;
    const holding = await answerHolding(slots, this.repo, write);
    if (holding === null) return null;
    this.patched.set(write.issue, holding as IssueData);
    return "GitHub holds it already";
  }

  /** Applies one write; returns the id of a reaction it gave. */
  private async applyOne(write: Write, lookBackLater = false): Promise<number | undefined> {
    const log = this.options.log ?? silent;
    if (this.dryRun) {
      log.info(`[dry-run] would ${describeWrite(write)}`);
      this.counter.writes += write.type === "publishPostmortem" ? publishRequests(write) : 1;
      this.done.push(write);
      return undefined;
    }
    const skipped = await this.coalesced(write);
    if (skipped !== null) {
      log.info(`not sent (${skipped}): ${describeWrite(write)}`);
      return undefined;
    }
    const outcome = await applying
      .run(this.counter, () => applyWrite(this.octokit, this.repo, write))
      .catch(async (error: unknown) => {
        if (this.options.slots && write.type === "react")
          await releaseReactions(this.options.slots, this.repo, write.commentId, write.content);
        throw error;
      });
    await this.remember(write, outcome || {});
    if (outcome && outcome.lookBack) {
      if (!lookBackLater) await outcome.lookBack;
      else this.lookBacks.push(outcome.lookBack);
    }
    log.info(describeWrite(write));
    this.done.push(write);
    return outcome ? outcome.reaction : undefined;
  }

  /** What the write's answer tells later writes and reads of this run (and, through the
   * slots, other runs). */
  private async remember(write: Write, outcome: Partial<Applied>): Promise<void> {
    const { slots } = this.options;
    if (write.type === "updateIssue" && outcome.issue) {
      if (slots) await slots.patched(issueKey(this.repo, write.issue), outcome.issue);
      this.patched.set(write.issue, outcome.issue);
    }
    if (slots && write.type === "unreact")
      await releaseReactions(slots, this.repo, write.commentId);
    if (outcome.pull) this.opened.push(outcome.pull);
    if (outcome.reaction !== undefined && write.type === "react")
      this.reacted.push({
        commentId: write.commentId,
        content: write.content,
        id: outcome.reaction,
      });
    if (outcome.comment && write.type === "comment") {
      const [comment] = splitTimeline([{ ...outcome.comment, event: "commented" }]).comments;
      if (comment) this.posted.push({ issue: write.issue, comment });
    }
  }
}

// One issue's record brought in line with what the core decides, owned once for every
// handler. Its rounds (record-rounds.ts) read the issue (a read-back from the snapshot
// before, the issue from hereby's own PATCH answer), ask GitHub what the round's decision
// needs (who may command, hereby's 👍s), write the record's PATCH through the executor
// with the handled comment's 👍 beside it and read it back; with shared write slots, each
// round is the record's only writer. Each decision is the core's (core/converge.ts), made
// from data: the core never calls back here.
import type { Config } from "../config.js";
import { recordVerdict, type PriorVerdict } from "../core/comment-plan.js";
import {
  decideRound,
  knownFrom,
  learnApprovals,
  learnPermissions,
  type Convergence,
  type Known,
  type RecordDecision,
} from "../core/converge.js";
import { together, type Write } from "../core/plan.js";
import type { IssueUpdate } from "../core/sync.js";
import type { Incident, IssueSnapshot } from "../core/types.js";
import { refusesAssignees } from "./assignable.js";
import type { GitHub, RepoRef } from "./client.js";
import type { Executor, IssueData } from "./executor.js";
import { allows, readPermission } from "./permission.js";
import { approvals } from "./reactions.js";
import { readIssueSnapshot } from "./read-issue.js";
import { converge, type RecordIO } from "./record-rounds.js";
import { withLatestUsersText } from "./reread-description.js";
import { issueKey, type WriteSlots } from "./write-slot.js";

/** One convergence of an issue's record. */
export interface ReconcileRequest {
  issue: number;
  config: Config;
  /** The issue as just read; absent, it is read first. */
  first?: IssueSnapshot | undefined;
  /** Permissions already checked (the author of the comment being handled). */
  known?: Map<string, boolean> | undefined;
  /** The handled comment's 👍, decided from the record the first PATCH writes
   * (core/comment-plan.ts `recordVerdict`) and sent with it. */
  verdict?: { comment: number; prior: PriorVerdict } | undefined;
}

export interface Reconciled extends Convergence {
  /** The reactions sent with the first PATCH (`verdict`). */
  given: Write[];
}

/** A convergence under way: `planned`, the record's first decision (its PATCH is being
 * sent); `written`, that PATCH answered; `done`, read back and settled. Work that needs
 * the record written goes on while it is read back. */
export interface Reconciling {
  planned: Promise<Incident>;
  written: Promise<void>;
  done: Promise<Reconciled>;
}

export interface ReconcileIO {
  octokit: GitHub;
  repo: RepoRef;
  executor: Executor;
  slots?: WriteSlots | undefined;
  /** Read the description again just before writing it (the Action). */
  rereadBeforeWrite: boolean;
  /** hereby's login, once known. */
  self: () => string | null;
}

interface Settleable<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A promise settled from outside, once (later calls are ignored), never unhandled. */
function settleable<T>(): Settleable<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** The convergences of one handler run: what it learned (who may command, which writes
 * of each issue it has seen) serves the next. */
export class Reconciler {
  /** Writes of each issue through the slots as of this run's newest read of it. */
  private readonly seen = new Map<number, Promise<number>>();
  /** Who may run commands, as this run learned it (lower-cased logins): each asked once. */
  private readonly permissions = new Map<string, boolean>();

  constructor(private readonly io: ReconcileIO) {}

  /** Called before reading an issue: a write of it after this makes the read stale. */
  watch(issueNumber: number): void {
    const { slots, repo } = this.io;
    if (!slots) return;
    const at = slots.latest(issueKey(repo, issueNumber)).then((l) => l?.generation ?? 0);
    at.catch(() => {});
    this.seen.set(issueNumber, at);
  }

  reconcile(request: ReconcileRequest): Reconciling {
    const planned = settleable<Incident>();
    const written = settleable<void>();
    const done = this.converge(request, planned, written).then(
      (result) => {
        planned.resolve(result.incident);
        written.resolve();
        return result;
      },
      (error: unknown) => {
        planned.reject(error);
        written.reject(error);
        throw error;
      },
    );
    return { planned: planned.promise, written: written.promise, done };
  }

  private async converge(
    request: ReconcileRequest,
    planned: Settleable<Incident>,
    written: Settleable<void>,
  ): Promise<Reconciled> {
    const { issue, config, first, known } = request;
    const reads = this.reads(issue, first);
    const writes = this.writes(request, planned, written);
    const self = this.io.self();
    const record: RecordIO = {
      read: reads.read,
      write: writes.write,
      decide: (snapshot, known) => this.authorized(snapshot, config, known, self),
      ...this.slot(issue, reads.reread),
    };
    const result = await converge(record, {
      first,
      known: knownFrom(new Map([...this.permissions, ...(known ?? [])])),
      dryRun: this.io.executor.dryRun,
    });
    for (const [login, ok] of result.permissions) this.permissions.set(login, ok);
    return { ...result, given: writes.given() };
  }

  /** The round's decision for a snapshot, asking GitHub each fact the core says it needs. */
  private async authorized(
    snapshot: IssueSnapshot,
    config: Config,
    known: Known,
    self: string | null,
  ): Promise<RecordDecision> {
    const { octokit, repo } = this.io;
    for (let pass = 0; ;) {
      const step = decideRound(snapshot, config, known, { self, pass });
      if (step.need === null) return step.decision;
      const { need } = step;
      if (need.kind === "permissions")
        learnPermissions(known, await this.mayCommand(need.logins, config));
      else
        learnApprovals(
          known,
          need.commentIds,
          await approvals(octokit, repo, need.commentIds, need.self),
        );
      pass = step.pass;
    }
  }

  /** Reads of the issue, each from the snapshot before (read-issue.ts reads only what
   * changed), after the looks for copies of comments just posted are done. */
  private reads(issueNumber: number, first: IssueSnapshot | undefined) {
    const { octokit, repo, executor } = this.io;
    let last = first;
    const from = (issue?: IssueData) => ({
      ...(last ? { after: last } : {}),
      ...(issue ? { issue } : {}),
    });
    const read = async () => {
      await executor.settled();
      this.watch(issueNumber);
      // hereby's own PATCH answer is a read of the issue: only the timeline is asked.
      const patched = executor.patched.get(issueNumber);
      executor.patched.delete(issueNumber);
      last = await readIssueSnapshot(octokit, repo, issueNumber, from(last ? patched : undefined));
      return last;
    };
    // Another run's PATCH answer is the issue as it left it: only the timeline is read.
    const reread = async (issue: unknown) =>
      (last = await readIssueSnapshot(octokit, repo, issueNumber, from(issue as IssueData)));
    return { read, reread };
  }

  /** The record's PATCH, with the handled comment's 👍 the first time it goes through. */
  private writes(
    request: ReconcileRequest,
    planned: Settleable<Incident>,
    written: Settleable<void>,
  ) {
    const { octokit, repo, executor } = this.io;
    const { verdict } = request;
    let given: Write[] | null = null;
    const write = async (update: IssueUpdate, incident: Incident) => {
      planned.resolve(incident);
      const reread = this.io.rereadBeforeWrite && !executor.dryRun;
      const latest = reread ? await withLatestUsersText(octokit, repo, update) : update;
      const reactions =
        given === null && verdict ? recordVerdict(incident, verdict.comment, verdict.prior) : [];
      try {
        await executor.apply(together([latest, ...reactions]));
      } catch (error) {
        // The 👍 was taken back with the failed PATCH: it goes with the next one.
        if (refusesAssignees(error)) return { written: false as const, error };
        throw error;
      }
      given ??= reactions;
      written.resolve();
      return { written: true as const };
    };
    return { write, given: () => given ?? [] };
  }

  private async mayCommand(logins: string[], config: Config): Promise<Map<string, boolean>> {
    const { octokit, repo } = this.io;
    const ask = async (login: string) =>
      [login, allows(await readPermission(octokit, repo, login), config.permission)] as const;
    return new Map(await Promise.all(logins.map(ask)));
  }

  /** What makes a round the record's only writer (with slots): it holds the issue's slot,
   * and first reads what a write by another run since this one's last read left. */
  private slot(
    issueNumber: number,
    reread: (issue: unknown) => Promise<IssueSnapshot>,
  ): Pick<RecordIO, "hold" | "refresh"> {
    const { slots, repo } = this.io;
    if (!slots) return {};
    const key = issueKey(repo, issueNumber);
    if (!this.seen.has(issueNumber)) this.watch(issueNumber);
    return {
      hold: (round) => slots.hold(key, round),
      refresh: async () => {
        const latest = await slots.latest(key);
        if (!latest || latest.generation <= (await this.seen.get(issueNumber)!)) return null;
        this.seen.set(issueNumber, Promise.resolve(latest.generation));
        return reread(latest.issue);
      },
    };
  }
}

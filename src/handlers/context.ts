// What every handler is given by its shell, and the steps they share: reading the issue,
// converging the record, applying writes. Shells build this; handlers never see Probot
// or @actions/core.
import type { ConfigError, Config } from "../config.js";
import { decideAftermath } from "../core/aftermath.js";
import { inOrder, type Plan, type Write } from "../core/plan.js";
import { recordedEntryCount } from "../core/record.js";
import type { ReportGate } from "../core/report/gate.js";
import type { Incident, IssueSnapshot } from "../core/types.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { Executor, type Logger } from "../github/executor.js";
import { loadConfig } from "../github/load-config.js";
import { readIssueSnapshot } from "../github/read-issue.js";
import {
  Reconciler,
  type Reconciled,
  type ReconcileRequest,
  type Reconciling,
} from "../github/reconcile.js";
import type { WriteSlots } from "../github/write-slot.js";

export interface HandlerContext {
  octokit: GitHub;
  repo: RepoRef;
  /** Injected so nothing depends on the wall clock. */
  clock: () => Date;
  log: Logger;
  dryRun?: boolean;
  /** Path of the config file in the repository. */
  configPath?: string;
  /** hereby's own login (`hereby[bot]`, a person's login for a PAT): its changes are
   * effects of commands. Other apps' changes are recorded like people's. When unknown (the
   * workflow's GITHUB_TOKEN), it is the bot that wrote hereby's marked comments, and an
   * identity others share: see core/self.ts. */
  self?: string | null;
  /** hereby's login while it is still being asked (the Action with a person's token): a
   * handler starts its reads first and sets `self` from this once they are under way. */
  identity?: Promise<string | null>;
  /** Read the description again just before writing it (the Action, which gets no
   * webhook for its own writes to check them afterwards). */
  rereadBeforeWrite?: boolean;
  /** Asks the shell to run a deferred job (`what`, keyed by `key`: one pending per key)
   * at `at`: the App's timer refreshes a changes list once the minute's pace allows.
   * Absent (the Action, whose run ends): the next event or the sweep does it. */
  later?: (key: string, at: Date, job: () => Promise<unknown>) => void;
  /** How often `/report` runs per repository, across the deliveries one process handles
   * (the App keeps one); without it, only the issue's own comments limit it. */
  reportGate?: ReportGate;
  /** Shared by the runs of one App (and its replicas, through Redis): one writer of a
   * record at a time, each reaction given once (src/github/write-slot.ts). */
  slots?: WriteSlots;
}

export interface HandlerResult {
  /** False when the event is none of hereby's business. */
  handled: boolean;
  notes: string[];
  writes: Write[];
  incident?: Incident;
  configError?: ConfigError;
  /** False when the record still wanted a write after the last convergence round. */
  converged?: boolean;
  /** Timeline entries the record gained in this run (the Action's `entries-added`). */
  entriesAdded?: number;
  /** Requests the writes made (retries, look-ups and each step of a compound write
   * included); in a dry run, the ones they would make. The Action's `writes`. */
  writeRequests?: number;
  /** The postmortem pull request opened or updated (the Action's `pull-request`). */
  pullRequest?: number;
  /** Review issues the sweep opened or reopened, and closed (`reviews-opened`,
   * `reviews-closed`). */
  reviewsOpened?: number;
  reviewsClosed?: number;
  /** A Markdown table for the job summary (the sweep's: incident, due, open items, done). */
  table?: string;
}

/** One convergence of an issue's record (github/reconcile.ts), and the comment whose
 * verdict this run gives itself (`handled`). */
export interface ConvergeRequest extends ReconcileRequest {
  handled?: number | undefined;
}

/** What a handler's steps found, as data: each step returns one, the handler joins them,
 * and its result is made from them and the executor's count (`Run.result`). */
export interface Outcome {
  notes: string[];
  /** The record as the last convergence left it, and the issue with it. */
  incident?: Incident;
  snapshot?: IssueSnapshot;
  /** False when the record still wanted a write after the last convergence round. */
  converged?: boolean;
  /** Timeline entries the convergences added. */
  entriesAdded?: number;
  /** The postmortem pull request opened, updated or merged. */
  pullRequest?: number;
}

/** An outcome that is only notes (none: nothing to say). */
export const noted = (...notes: string[]): Outcome => ({ notes });

/** The steps' outcomes in the order they ran: notes in turn, the last record and pull
 * request, entries added summed. */
export function joined(...steps: (Outcome | undefined)[]): Outcome {
  const out: Outcome = { notes: [] };
  for (const step of steps) {
    if (!step) continue;
    const { notes, entriesAdded, ...last } = step;
    Object.assign(out, last);
    out.notes.push(...notes);
    if (entriesAdded !== undefined) out.entriesAdded = (out.entriesAdded ?? 0) + entriesAdded;
  }
  return out;
}

/** A convergence, with what it means for the run's outcome. */
export interface Converged extends Reconciled {
  outcome: Outcome;
}

export interface ConvergingRun extends Omit<Reconciling, "done"> {
  done: Promise<Converged>;
}

export function ignored(note: string): HandlerResult {
  return { handled: false, notes: [note], writes: [] };
}

/** What one handler run writes and reads through: a single executor (so the writes are
 * counted) and one reconciler (what it learned serves the next convergence). It keeps no
 * result: handlers return theirs as data (`Outcome`). */
export class Run {
  readonly executor: Executor;
  private readonly reconciler: Reconciler;

  constructor(readonly ctx: HandlerContext) {
    this.executor = new Executor(ctx.octokit, ctx.repo, {
      dryRun: ctx.dryRun ?? false,
      log: ctx.log,
      ...(ctx.slots ? { slots: ctx.slots } : {}),
    });
    const { octokit, repo, slots } = ctx;
    const rereadBeforeWrite = ctx.rereadBeforeWrite ?? false;
    const self = () => ctx.self ?? null;
    this.reconciler = new Reconciler({
      octokit,
      repo,
      executor: this.executor,
      slots,
      rereadBeforeWrite,
      self,
    });
  }

  /** Called before reading an issue: a write of it after this makes the read stale. */
  watch(issueNumber: number): void {
    this.reconciler.watch(issueNumber);
  }

  config(): Promise<Config> {
    return loadConfig(this.ctx.octokit, this.ctx.repo, this.ctx.configPath);
  }

  read(issueNumber: number): Promise<IssueSnapshot> {
    return readIssueSnapshot(this.ctx.octokit, this.ctx.repo, issueNumber);
  }

  apply(plan: Plan, options: { lookBackLater?: boolean } = {}): Promise<void> {
    return this.executor.apply(plan, options);
  }

  /** Brings the record, labels, assignees and state in line, re-checking after writing,
   * then applies what follows from it (verdicts, refusals, notifications, warnings). */
  async converge(request: ConvergeRequest): Promise<Converged> {
    return this.reconcile(request).done;
  }

  /** `converge`, with its steps to wait for (github/reconcile.ts `Reconciling`). */
  reconcile(request: ConvergeRequest): ConvergingRun {
    const under = this.reconciler.reconcile(request);
    return { ...under, done: under.done.then((result) => this.afterConvergence(request, result)) };
  }

  private async afterConvergence(request: ConvergeRequest, result: Reconciled): Promise<Converged> {
    const { incident, snapshot: after, refused, first: before } = result;
    const { config, handled } = request;
    const self = this.ctx.self ?? null;
    const aftermath = { config, self, before, incident, after, refused };
    await this.apply(inOrder(decideAftermath({ ...aftermath, ...(handled ? { handled } : {}) })));
    const added = incident.timeline.length - recordedEntryCount(before.issue.body);
    const outcome: Outcome = {
      notes: result.converged
        ? []
        : [`record of #${request.issue} still changing after ${result.writes} writes`],
      incident,
      snapshot: after,
      converged: result.converged,
      entriesAdded: Math.max(0, added),
    };
    return { ...result, outcome };
  }

  /** The handler's result: its outcome, and what the executor wrote. */
  result(outcome: Outcome = noted()): HandlerResult {
    const { notes, incident, converged, entriesAdded, pullRequest } = outcome;
    return {
      handled: true,
      notes,
      writes: this.executor.done,
      writeRequests: this.executor.counter.writes,
      ...(incident ? { incident } : {}),
      ...(converged !== undefined ? { converged } : {}),
      ...(incident ? { entriesAdded: entriesAdded ?? 0 } : {}),
      ...(pullRequest !== undefined ? { pullRequest } : {}),
    };
  }
}

// What every handler is given by its shell, and the steps they share: reading the issue,
// converging the record, applying writes. Shells build this; handlers never see Probot
// or @actions/core.
import type { ConfigError, Config } from "../config.js";
import { convergeRecord, type Convergence, type RecordPort } from "../core/converge.js";
import type { Write } from "../core/plan.js";
import type { Incident, IssueSnapshot } from "../core/types.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { Executor, type IssueData, type Logger } from "../github/executor.js";
import { loadConfig } from "../github/load-config.js";
import { allows, readPermission } from "../github/permission.js";
import { readIssueSnapshot } from "../github/read-issue.js";
import { withLatestUsersText } from "../github/reread-description.js";
import { recordedEntryCount } from "../core/record.js";
import { approvals } from "../github/reactions.js";
import { decideAftermath } from "../core/aftermath.js";
import { recordVerdict, type PriorVerdict } from "../core/comment-plan.js";
import type { ReportGate } from "../core/report/gate.js";
import { issueKey, type WriteSlots } from "../github/write-slot.js";

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
  /** Review issues the sweep opened or reopened, and closed (`reviews-opened`, `reviews-closed`). */
  reviewsOpened?: number;
  reviewsClosed?: number;
  /** A Markdown table for the job summary (the sweep's: incident, due, open items, done). */
  table?: string;
}

/** One convergence of an issue's record. */
export interface ConvergeRequest {
  issue: number;
  config: Config;
  /** The issue as just read; absent, it is read first. */
  first?: IssueSnapshot | undefined;
  /** Permissions already checked (the author of the comment being handled). */
  known?: Map<string, boolean> | undefined;
  /** The comment whose verdict this run gives itself. */
  handled?: number | undefined;
  /** The handled comment's 👍, decided from the record the first PATCH writes
   * (core/comment-plan.ts `recordVerdict`) and sent with it. */
  verdict?: { comment: number; prior: PriorVerdict } | undefined;
}

export interface Reconciled extends Convergence {
  /** The reactions sent with the first PATCH (`verdict`). */
  given: Write[];
}

export interface Reconciling {
  planned: Promise<Incident>;
  written: Promise<void>;
  done: Promise<Reconciled>;
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

export function ignored(note: string): HandlerResult {
  return { handled: false, notes: [note], writes: [] };
}

/** One handler run: a single executor (so the writes are counted) and shared reads. */
export class Run {
  readonly executor: Executor;
  readonly notes: string[] = [];
  incident: Incident | undefined;
  /** The issue as the last convergence left it. */
  snapshot: IssueSnapshot | undefined;
  converged: boolean | undefined;
  /** Entries the record showed when this run first read it. */
  private entriesBefore: number | undefined;
  pullRequest: number | undefined;

  constructor(readonly ctx: HandlerContext) {
    this.executor = new Executor(ctx.octokit, ctx.repo, { dryRun: ctx.dryRun ?? false, log: ctx.log, ...(ctx.slots ? { slots: ctx.slots } : {}) });
  }

  /** Writes of each issue through the slots as of this run's newest read of it. */
  private readonly seen = new Map<number, Promise<number>>();

  /** Called before reading an issue: a write of it after this makes the read stale. */
  watch(issueNumber: number): void {
    const { slots } = this.ctx;
    if (!slots) return;
    const at = slots.latest(issueKey(this.ctx.repo, issueNumber)).then((l) => l?.generation ?? 0);
    at.catch(() => {});
    this.seen.set(issueNumber, at);
  }

  /** Port pieces that make a convergence round the record's only writer (with slots). */
  private slotPort(issueNumber: number, reread: (issue: unknown) => Promise<IssueSnapshot>): Pick<RecordPort, "exclusive" | "refresh"> {
    const { slots, repo } = this.ctx;
    if (!slots) return {};
    const key = issueKey(repo, issueNumber);
    if (!this.seen.has(issueNumber)) this.watch(issueNumber);
    return {
      exclusive: (round) => slots.hold(key, round),
      refresh: async () => {
        const latest = await slots.latest(key);
        if (!latest || latest.generation <= (await this.seen.get(issueNumber)!)) return null;
        this.seen.set(issueNumber, Promise.resolve(latest.generation));
        return reread(latest.issue);
      },
    };
  }

  config(): Promise<Config> {
    return loadConfig(this.ctx.octokit, this.ctx.repo, this.ctx.configPath);
  }

  read(issueNumber: number): Promise<IssueSnapshot> {
    return readIssueSnapshot(this.ctx.octokit, this.ctx.repo, issueNumber);
  }

  apply(writes: Write[]): Promise<void> {
    return this.executor.apply(writes);
  }

  /** Who may run commands, as this run learned it (lower-cased logins): each asked once. */
  private readonly permissions = new Map<string, boolean>();

  /** Brings the record, labels, assignees and state in line, re-checking after writing,
   * then applies what follows from it (verdicts, refusals, notifications, warnings). */
  async converge(request: ConvergeRequest): Promise<Reconciled> {
    return this.reconcile(request).done;
  }

  /** `converge`, with its steps to wait for: `planned`, the record's first decision (its
   * PATCH is being sent); `written`, that PATCH answered; `done`, read back and settled.
   * Work that needs the record written goes on while it is read back. */
  reconcile(request: ConvergeRequest): Reconciling {
    const planned = settleable<Incident>();
    const written = settleable<void>();
    const done = this.convergeRound(request, planned, written).then(
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

  private async convergeRound(request: ConvergeRequest, planned: Settleable<Incident>, written: Settleable<void>): Promise<Reconciled> {
    const { issue: issueNumber, config, first, known, handled, verdict } = request;
    const { octokit, repo } = this.ctx;
    if (first) this.entriesBefore ??= recordedEntryCount(first.issue.body);
    let last = first;
    const read = async () => {
      // A read-back sees hereby's own comments as they stay (a concurrent copy withdrawn).
      await this.executor.settled();
      this.watch(issueNumber);
      // Read-backs read only what changed since the snapshot before (read-issue.ts), and
      // take the issue from hereby's own PATCH answer: it is a read of the issue.
      const patched = this.executor.patched.get(issueNumber);
      this.executor.patched.delete(issueNumber);
      const options = { ...(last ? { after: last } : {}), ...(last && patched ? { issue: patched } : {}) };
      const snapshot = (last = await readIssueSnapshot(octokit, repo, issueNumber, options));
      this.entriesBefore ??= recordedEntryCount(snapshot.issue.body);
      return snapshot;
    };
    let given: Write[] | null = null;
    const mayCommand = async (logins: string[]) =>
      new Map(
        await Promise.all(
          logins.map(async (login) => [login, allows(await readPermission(octokit, repo, login), config.permission)] as const),
        ),
      );
    const port: RecordPort = {
      read,
      write: async (update, incident) => {
        planned.resolve(incident);
        const latest = this.ctx.rereadBeforeWrite && !this.executor.dryRun ? await withLatestUsersText(octokit, repo, update) : update;
        const together = given === null && verdict ? recordVerdict(incident, verdict.comment, verdict.prior) : [];
        given ??= together;
        await (together.length > 0 ? this.executor.applyTogether([latest, ...together]) : this.executor.apply([latest]));
        written.resolve();
      },
      mayCommand,
      approvals: (ids, self) => approvals(octokit, repo, ids, self),
      // Another run's PATCH answer is the issue as it left it: only the timeline is read.
      ...this.slotPort(issueNumber, async (issue) => (last = await readIssueSnapshot(octokit, repo, issueNumber, { ...(last ? { after: last } : {}), issue: issue as IssueData }))),
    };
    const result = await convergeRecord(port, config, {
      ...(first ? { first } : {}),
      known: new Map([...this.permissions, ...(known ?? [])]),
      dryRun: this.executor.dryRun,
      self: this.ctx.self ?? null,
    });
    for (const [login, ok] of result.permissions) this.permissions.set(login, ok);
    if (!result.converged) this.notes.push(`record of #${issueNumber} still changing after ${result.writes} writes`);
    const { incident, snapshot: after, refused, first: before } = result;
    const self = this.ctx.self ?? null;
    await this.apply(decideAftermath({ config, self, before, incident, after, refused, ...(handled ? { handled } : {}) }));
    this.incident = incident;
    this.snapshot = after;
    this.converged = result.converged;
    return { ...result, given: given ?? [] };
  }

  result(): HandlerResult {
    return {
      handled: true,
      notes: this.notes,
      writes: this.executor.done,
      writeRequests: this.executor.counter.writes,
      ...(this.incident ? { incident: this.incident } : {}),
      ...(this.converged !== undefined ? { converged: this.converged } : {}),
      ...(this.incident ? { entriesAdded: Math.max(0, this.incident.timeline.length - (this.entriesBefore ?? 0)) } : {}),
      ...(this.pullRequest !== undefined ? { pullRequest: this.pullRequest } : {}),
    };
  }
}

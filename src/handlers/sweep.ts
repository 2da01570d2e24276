// The review sweep of one repository: list, select, then per due incident (oldest due
// first) gather, decide, apply, until the request budget would be exceeded. Nothing is
// stored: the next run derives where to continue from GitHub.
import { ConfigError, type Config } from "../config.js";
import { decideReview, cycleDone, type ReviewDecision } from "../core/review/policy.js";
import { outcomeText, sweepTable, type SweepRow } from "../core/review/report.js";
import {
  firstResolution,
  retime,
  selectCandidates,
  type Candidate,
} from "../core/review/select.js";
import { reduceIncident } from "../core/reducer.js";
import { RequestBudget, requestCounter } from "../github/request-count.js";
import { listByLabel } from "../github/list-issues.js";
import { readCost, readCycleComments, readDue } from "../github/sweep-read.js";
import { inOrder } from "../core/plan.js";
import {
  joined,
  noted,
  Run,
  type HandlerContext,
  type HandlerResult,
  type Outcome,
} from "./context.js";

export interface SweepResult extends HandlerResult {
  rows: SweepRow[];
  /** Requests the sweep made. */
  requests: number;
  /** True when the budget stopped the sweep before every due incident was handled. */
  stopped: boolean;
  /** Also optional fields of HandlerResult (the Action's outputs). */
  reviewsOpened: number;
  reviewsClosed: number;
}

/** Requests a due incident's writes may take: a new review (create, look-back, comment,
 * its look-back), or a close-out (comment, look-back, two PATCHes) and the record's
 * refresh (reads and a PATCH). */
const WRITE_COST = 12;

/** The most one due incident takes: the cycle check, its reads and its writes. */
export const INCIDENT_COST = 1 + 4 + WRITE_COST;

/** `given`: the config, when the caller read it already (the schedule also runs the report). */
export async function runSweep(ctx: HandlerContext, given?: Config): Promise<SweepResult> {
  const run = new Run(ctx);
  const budget = new RequestBudget(requestCounter(ctx.octokit), Number.POSITIVE_INFINITY);
  let config: Config;
  try {
    config = given ?? (await run.config());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      ...emptyResult(run, budget),
      handled: false,
      configError: error,
      notes: [error.message],
    };
  }
  const listedBudget = budget.withLimit(config.review.requests_per_run);
  const { labels } = config;
  const [incidents, reviews, openItems] = await Promise.all([
    listByLabel(ctx.octokit, ctx.repo, labels.incident, "all"),
    listByLabel(ctx.octokit, ctx.repo, labels.review, "all"),
    listByLabel(ctx.octokit, ctx.repo, labels.action, "open"),
  ]);
  const now = ctx.clock();
  const candidates = selectCandidates(
    { incidents, reviews, openItems },
    config,
    now,
    ctx.self ?? null,
  );
  const floor = withFloor(listedBudget, config);
  const limited = floor.budget;
  const rows: SweepRow[] = [];
  const outcomes: Outcome[] = [];
  for (const candidate of candidates) {
    const swept = await sweepOne(run, config, candidate, now, limited);
    outcomes.push(swept.outcome);
    const done = rowOf(candidate, swept.reviewed, Boolean(ctx.dryRun));
    if (done) rows.push(done);
  }
  const stopped = rows.some((r) => r.outcome === "not reached");
  const [summary, stop] = sweepNotes(ctx, config, rows, limited.used);
  const outcome = joined(
    noted(summary, ...floor.notes),
    ...outcomes,
    stopped ? noted(stop) : undefined,
  );
  return {
    ...emptyResult(run, limited, outcome),
    rows,
    table: sweepTable(rows),
    stopped,
    reviewsOpened: rows.filter((r) => r.outcome === "opened" || r.outcome === "reopened").length,
    reviewsClosed: rows.filter((r) => r.outcome === "closed").length,
  };
}

/** The run's budget, at least the listings it took plus one due incident: below that a
 * large repository's sweep would list every run and never review anything. */
function withFloor(
  budget: RequestBudget,
  config: Config,
): { budget: RequestBudget; notes: string[] } {
  const floor = budget.used + INCIDENT_COST;
  const asked = config.review.requests_per_run;
  if (floor <= asked) return { budget, notes: [] };
  const note = `review.requests_per_run is ${asked}, but listing this repository took ${budget.used} requests: this run allows ${floor} so that one due incident is reviewed each run; raise it to get through more`;
  return { budget: budget.withLimit(floor), notes: [note] };
}

function emptyResult(run: Run, budget: RequestBudget, outcome?: Outcome): SweepResult {
  return {
    ...run.result(outcome),
    rows: [],
    requests: budget.used,
    stopped: false,
    reviewsOpened: 0,
    reviewsClosed: 0,
  };
}

/** The first line of the sweep's notes, and the one saying it stopped at its budget. */
function sweepNotes(
  ctx: HandlerContext,
  config: Config,
  rows: SweepRow[],
  used: number,
): [string, string] {
  const due = rows.filter((r) => r.outcome !== "none").length;
  const asked = config.review.requests_per_run;
  return [
    `review sweep of ${ctx.repo.owner}/${ctx.repo.repo}: ${due} incident(s) due, ${used} requests`,
    `review sweep stopped after ${used} requests (review.requests_per_run is ${asked}); the next run continues with the oldest due`,
  ];
}

/** A candidate's row in the sweep's table; none when its cycle ran already. */
function rowOf(candidate: Candidate, reviewed: Reviewed, dryRun: boolean): SweepRow | null {
  if (reviewed === null) return null;
  if (reviewed === "not reached") return row(candidate, null, reviewed, dryRun);
  return row({ ...candidate, due: reviewed.due }, reviewed.open, reviewed.outcome, dryRun);
}

function row(
  candidate: Candidate,
  open: number | null,
  outcome: SweepRow["outcome"],
  dryRun: boolean,
): SweepRow {
  const { incident } = candidate;
  return {
    incident: incident.number,
    title: incident.title,
    due: candidate.due,
    open,
    outcome,
    done: outcomeText(outcome, dryRun),
  };
}

/** Whether the review's comments show the listing's cycle ran (read only when the listing
 * left it open). */
async function ranAlready(
  run: Run,
  candidate: Candidate,
  budget: RequestBudget,
): Promise<boolean | "not reached"> {
  if (!candidate.check) return false;
  if (!budget.allows(1)) return "not reached";
  const comments = await readCycleComments(run.ctx.octokit, run.ctx.repo, candidate);
  return cycleDone(comments, candidate.incident.number, candidate.cycle, run.ctx.self ?? null);
}

type Reviewed = (ReviewDecision & { open: number; due: string }) | "not reached" | null;

/** One incident: gather, decide, apply, within the budget. Null when the review's
 * comments show this cycle already ran. */
async function sweepOne(
  run: Run,
  config: Config,
  candidate: Candidate,
  now: Date,
  budget: RequestBudget,
): Promise<{ reviewed: Reviewed; outcome: Outcome }> {
  const { octokit, repo } = run.ctx;
  const self = run.ctx.self ?? null;
  // The listing's cycle first (one request): a review already run costs no more reads.
  let cycleRan = await ranAlready(run, candidate, budget);
  const none = (reviewed: Reviewed, ...notes: string[]) => ({ reviewed, outcome: noted(...notes) });
  if (cycleRan === "not reached") return none(cycleRan);
  if (cycleRan && candidate.kind === "cycle") return none(null);
  if (!budget.allows(readCost(candidate) + WRITE_COST + 1)) return none("not reached");
  const read = await readDue(octokit, repo, candidate, self);
  const record = read.snapshot ? reduceIncident(read.snapshot, config, { self }) : null;
  // Due dates count from the first resolution hereby recorded, not `closed_at`.
  const timed = record ? retime(candidate, firstResolution(record), config, now) : candidate;
  if (timed === null) {
    const resolved = record?.resolvedAt ?? "later";
    return none(
      null,
      `#${candidate.incident.number}: resolved ${resolved} by its record; no review due yet`,
    );
  }
  if (timed.cycle !== candidate.cycle) {
    cycleRan =
      timed.check &&
      cycleDone(
        await readCycleComments(octokit, repo, timed),
        timed.incident.number,
        timed.cycle,
        self,
      );
    if (cycleRan && timed.kind === "cycle") return none(null);
  }
  const decision = decideReview({
    candidate: timed,
    record,
    items: read.items,
    config,
    now,
    cycleRan,
  });
  await run.apply(inOrder(decision.writes));
  // The record shows the status the close-out (or the reopened item) set.
  const refreshed =
    decision.refreshRecord && !run.executor.dryRun
      ? await run.converge({ issue: candidate.incident.number, config })
      : null;
  const open = read.items.filter((i) => i.state === "open").length;
  return {
    reviewed: { ...decision, open, due: timed.due },
    outcome: joined(noted(decision.note), refreshed?.outcome),
  };
}

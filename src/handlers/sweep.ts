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
import { Run, type HandlerContext, type HandlerResult } from "./context.js";

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
  const limited = withFloor(run, listedBudget, config);
  const rows: SweepRow[] = [];
  let stopped = false;
  for (const candidate of candidates) {
    const outcome = await sweepOne(run, config, candidate, now, limited);
    if (outcome === "not reached") stopped = true;
    if (outcome === "not reached") rows.push(row(candidate, null, outcome, Boolean(ctx.dryRun)));
    else if (outcome !== null)
      rows.push(
        row({ ...candidate, due: outcome.due }, outcome.open, outcome.outcome, Boolean(ctx.dryRun)),
      );
  }
  const due = rows.filter((r) => r.outcome !== "none").length;
  run.notes.unshift(
    `review sweep of ${ctx.repo.owner}/${ctx.repo.repo}: ${due} incident(s) due, ${limited.used} requests`,
  );
  if (stopped) {
    run.notes.push(
      `review sweep stopped after ${limited.used} requests (review.requests_per_run is ${config.review.requests_per_run}); the next run continues with the oldest due`,
    );
  }
  return {
    ...emptyResult(run, limited),
    rows,
    table: sweepTable(rows),
    stopped,
    reviewsOpened: rows.filter((r) => r.outcome === "opened" || r.outcome === "reopened").length,
    reviewsClosed: rows.filter((r) => r.outcome === "closed").length,
  };
}

/** The run's budget, at least the listings it took plus one due incident: below that a
 * large repository's sweep would list every run and never review anything. */
function withFloor(run: Run, budget: RequestBudget, config: Config): RequestBudget {
  const floor = budget.used + INCIDENT_COST;
  const asked = config.review.requests_per_run;
  if (floor <= asked) return budget;
  run.notes.push(
    `review.requests_per_run is ${asked}, but listing this repository took ${budget.used} requests: this run allows ${floor} so that one due incident is reviewed each run; raise it to get through more`,
  );
  return budget.withLimit(floor);
}

function emptyResult(run: Run, budget: RequestBudget): SweepResult {
  return {
    ...run.result(),
    rows: [],
    requests: budget.used,
    stopped: false,
    reviewsOpened: 0,
    reviewsClosed: 0,
  };
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

/** One incident: gather, decide, apply, within the budget. Null when the review's
 * comments show this cycle already ran. */
async function sweepOne(
  run: Run,
  config: Config,
  candidate: Candidate,
  now: Date,
  budget: RequestBudget,
): Promise<(ReviewDecision & { open: number; due: string }) | "not reached" | null> {
  const { octokit, repo } = run.ctx;
  const self = run.ctx.self ?? null;
  // The listing's cycle first (one request): a review already run costs no more reads.
  let cycleRan = await ranAlready(run, candidate, budget);
  if (cycleRan === "not reached") return cycleRan;
  if (cycleRan && candidate.kind === "cycle") return null;
  if (!budget.allows(readCost(candidate) + WRITE_COST + 1)) return "not reached";
  const read = await readDue(octokit, repo, candidate, self);
  const record = read.snapshot ? reduceIncident(read.snapshot, config, { self }) : null;
  // Due dates count from the first resolution hereby recorded, not `closed_at`.
  const timed = record ? retime(candidate, firstResolution(record), config, now) : candidate;
  if (timed === null) {
    run.notes.push(
      `#${candidate.incident.number}: resolved ${record?.resolvedAt ?? "later"} by its record; no review due yet`,
    );
    return null;
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
    if (cycleRan && timed.kind === "cycle") return null;
  }
  const decision = decideReview({
    candidate: timed,
    record,
    items: read.items,
    config,
    now,
    cycleRan,
  });
  run.notes.push(decision.note);
  await run.apply(decision.writes);
  // The record shows the status the close-out (or the reopened item) set.
  if (decision.refreshRecord && !run.executor.dryRun)
    await run.converge({ issue: candidate.incident.number, config });
  return { ...decision, open: read.items.filter((i) => i.state === "open").length, due: timed.due };
}

// The review sweep of one repository: list, select, then per due incident (oldest due
// first) gather, decide, apply, until the request budget would be exceeded. Nothing is
// stored: the next run derives where to continue from GitHub.
import { ConfigError, type Config } from "../config.js";
import { decideReview, cycleDone, type ReviewDecision } from "../core/review/policy.js";
import { outcomeText, sweepTable, type SweepRow } from "../core/review/report.js";
import { selectCandidates, type Candidate } from "../core/review/select.js";
import { reduceIncident } from "../core/reducer.js";
import { RequestBudget, requestCounter } from "../github/request-count.js";
import { listByLabel, readCost, readCycleComments, readDue } from "../github/sweep-read.js";
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

/** `given`: the config, when the caller read it already (the schedule also runs the report). */
export async function runSweep(ctx: HandlerContext, given?: Config): Promise<SweepResult> {
  const run = new Run(ctx);
  const budget = new RequestBudget(requestCounter(ctx.octokit), Number.POSITIVE_INFINITY);
  let config: Config;
  try {
    config = given ?? (await run.config());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ...emptyResult(run, budget), handled: false, configError: error, notes: [error.message] };
  }
  const limited = budget.withLimit(config.review.requests_per_run);
  const { labels } = config;
  const [incidents, reviews, openItems] = await Promise.all([
    listByLabel(ctx.octokit, ctx.repo, labels.incident, "all"),
    listByLabel(ctx.octokit, ctx.repo, labels.review, "all"),
    listByLabel(ctx.octokit, ctx.repo, labels.action, "open"),
  ]);
  const now = ctx.clock();
  const candidates = selectCandidates({ incidents, reviews, openItems }, config, now, ctx.self ?? null);
  const rows: SweepRow[] = [];
  let stopped = false;
  for (const candidate of candidates) {
    const outcome = await sweepOne(run, config, candidate, now, limited);
    if (outcome === "not reached") stopped = true;
    if (outcome !== null) rows.push(row(candidate, outcome === "not reached" ? null : outcome.open, outcome === "not reached" ? outcome : outcome.outcome, Boolean(ctx.dryRun)));
  }
  const due = rows.filter((r) => r.outcome !== "none").length;
  run.notes.unshift(`review sweep of ${ctx.repo.owner}/${ctx.repo.repo}: ${due} incident(s) due, ${limited.used} requests`);
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

function emptyResult(run: Run, budget: RequestBudget): SweepResult {
  return { ...run.result(), rows: [], requests: budget.used, stopped: false, reviewsOpened: 0, reviewsClosed: 0 };
}

function row(candidate: Candidate, open: number | null, outcome: SweepRow["outcome"], dryRun: boolean): SweepRow {
  const { incident } = candidate;
  return { incident: incident.number, title: incident.title, due: candidate.due, open, outcome, done: outcomeText(outcome, dryRun) };
}

/** One incident: gather, decide, apply, within the budget. Null when the review's
 * comments show this cycle already ran. */
async function sweepOne(
  run: Run,
  config: Config,
  candidate: Candidate,
  now: Date,
  budget: RequestBudget,
): Promise<(ReviewDecision & { open: number }) | "not reached" | null> {
  const { octokit, repo } = run.ctx;
  const self = run.ctx.self ?? null;
  let cycleRan = false;
  if (candidate.check) {
    if (!budget.allows(1)) return "not reached";
    const comments = await readCycleComments(octokit, repo, candidate);
    cycleRan = cycleDone(comments, candidate.incident.number, candidate.cycle, self);
    if (cycleRan && candidate.kind === "cycle") return null;
  }
  if (!budget.allows(readCost(candidate) + WRITE_COST)) return "not reached";
  const read = await readDue(octokit, repo, candidate, self);
  const record = read.snapshot ? reduceIncident(read.snapshot, config, { self }) : null;
  const decision = decideReview({ candidate, record, items: read.items, config, now, cycleRan });
  run.notes.push(decision.note);
  await run.apply(decision.writes);
  // The record shows the status the close-out (or the reopened item) set.
  if (decision.refreshRecord && !run.executor.dryRun) await run.converge(candidate.incident.number, config);
  return { ...decision, open: read.items.filter((i) => i.state === "open").length };
}

// Scenario builders for sweep tests: resolved incidents with action items, on the
// simulated GitHub, and a sweep run with the same context the shells give it.
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import type { HandlerContext } from "../../src/handlers/context.js";
import { runSweep, type SweepResult } from "../../src/handlers/sweep.js";
import { playground } from "../support/simulated.js";

export const DAY = 24 * 60;

export async function sweepPlayground(config = "timezone: UTC\n"): Promise<Playground> {
  return playground(config);
}

/** An incident declared by alice, led by bob, planning role for carol, resolved. */
export async function resolvedIncident(
  pg: Playground,
  title: string,
  opts: { planner?: string } = {},
): Promise<number> {
  const n = await pg.openIssue("alice", title, "What happened.", ["incident"]);
  await pg.settle();
  pg.advance(5);
  await pg.comment("bob", n, `/lead me${opts.planner ? `\n/role planning @${opts.planner}` : ""}`);
  await pg.settle();
  pg.advance(30);
  await pg.comment("bob", n, "/resolve back to normal");
  await pg.settle();
  return n;
}

/** An action item opened by hand and linked as a sub-issue of the incident. */
export async function addItem(
  pg: Playground,
  incident: number,
  title: string,
  owner?: string,
): Promise<number> {
  const alice = pg.as("alice");
  const { data } = await alice.rest.issues.create({
    ...pg.repo,
    title,
    labels: ["incident-action"],
    assignees: owner ? [owner] : [],
  });
  await alice.rest.issues.addSubIssue({
    ...pg.repo,
    issue_number: incident,
    sub_issue_id: data.id,
  });
  await pg.settle();
  return data.number;
}

export async function closeItem(
  pg: Playground,
  item: number,
  reason: "completed" | "not_planned" = "completed",
): Promise<void> {
  await pg
    .as("alice")
    .rest.issues.update({ ...pg.repo, issue_number: item, state: "closed", state_reason: reason });
  await pg.settle();
}

/** The context the shells give a sweep. */
export function sweepContext(pg: Playground, options: { dryRun?: boolean } = {}): HandlerContext {
  return {
    octokit: pg.bot,
    repo: pg.repo,
    clock: () => pg.clock(),
    log: { info: () => {}, warn: () => {} },
    self: "hereby[bot]",
    ...(options.dryRun ? { dryRun: true } : {}),
  };
}

export function sweep(pg: Playground, options: { dryRun?: boolean } = {}): Promise<SweepResult> {
  return runSweep(sweepContext(pg, options));
}

/** The bot's requests since `from`, as `METHOD operationId`. */
export function botCalls(pg: Playground, from = 0): string[] {
  return pg.sim.requests
    .slice(from)
    .filter((r) => r.actor.endsWith("[bot]"))
    .map((r) => `${r.method} ${r.operationId ?? r.path}`);
}

export function botWrites(pg: Playground, from = 0): string[] {
  return botCalls(pg, from).filter((c) => !c.startsWith("GET"));
}

/** Issues labelled as reviews. */
export function reviewIssues(
  pg: Playground,
): { number: number; title: string; state: string; assignees: string[]; body: string }[] {
  const out = [];
  for (let n = 1; ; n++) {
    let issue;
    try {
      issue = pg.sim.issue(n);
    } catch {
      break;
    }
    if (issue.labels.some((l) => (typeof l === "string" ? l : l.name) === "incident-review")) {
      out.push({
        number: n,
        title: issue.title,
        state: issue.state,
        assignees: (issue.assignees ?? []).map((a) => a.login),
        body: issue.body ?? "",
      });
    }
  }
  return out;
}

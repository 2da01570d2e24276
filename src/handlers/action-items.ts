// The comment handler's /action step: gather (src/github/read-action-items.ts), decide
// (src/core/action-items/plan.ts). The comment handler applies the writes with its 👍
// and turns rejections into its 😕 reply.
import type { Config } from "../config.js";
import { planActionLines, type ActionLine } from "../core/action-items/plan.js";
import type { CommandLine } from "../core/types.js";
import { readForActions, readParentIssue } from "../github/read-action-items.js";
import { isIncidentIssue } from "../core/reducer.js";
import { ignored, type HandlerContext, type HandlerResult, type Run } from "./context.js";

export type ActionPlan = ReturnType<typeof planActionLines>;

/** The plan for a comment's /action lines; null when it has none. */
export async function planActionCommands(
  ctx: HandlerContext,
  config: Config,
  lines: CommandLine[],
  incident: number,
  commentId: number,
  author: string,
): Promise<ActionPlan | null> {
  const actions: ActionLine[] = lines.flatMap((l) =>
    l.ok && l.command.name === "action"
      ? [{ line: l.line, raw: l.raw, request: l.command.request }]
      : [],
  );
  if (actions.length === 0) return null;
  const facts = await readForActions(
    ctx.octokit,
    ctx.repo,
    incident,
    config.labels.action,
    actions.map((a) => a.request),
    { author, permission: config.permission },
  );
  return planActionLines(
    actions,
    { incident, commentId, repo: ctx.repo, config, self: ctx.self ?? null },
    facts,
  );
}

/** An action item closed or reopened: its incident's record shows the new state. One
 * request finds the parent; nothing more when it is not an incident here. */
export async function refreshParentRecord(
  run: Run,
  config: Config,
  item: number,
): Promise<HandlerResult> {
  const { octokit, repo } = run.ctx;
  const parent = await readParentIssue(octokit, repo, item);
  if (!parent) return ignored("an action item without a parent");
  const here = parent.repositoryUrl
    .toLowerCase()
    .endsWith(`/repos/${repo.owner}/${repo.repo}`.toLowerCase());
  if (!here || !isIncidentIssue(parent.labels, config))
    return ignored("the action item's parent is not an incident here");
  const { outcome } = await run.converge({ issue: parent.number, config });
  return run.result(outcome);
}

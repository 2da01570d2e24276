// The comment handler's /action step: gather (src/github/read-action-items.ts), decide
// (src/core/action-items/plan.ts). The comment handler applies the writes with its 👍
// and turns rejections into its 😕 reply.
import { RequestError } from "@octokit/request-error";
import type { Config } from "../config.js";
import { planActionLines, type ActionLine } from "../core/action-items/plan.js";
import type { CommandLine } from "../core/types.js";
import { readForActions } from "../github/read-action-items.js";
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
  let parent;
  try {
    ({ data: parent } = await octokit.rest.issues.getParent({ ...repo, issue_number: item }));
  } catch (error) {
    if (error instanceof RequestError && error.status === 404)
      return ignored("an action item without a parent");
    throw error;
  }
  const here = parent.repository_url
    .toLowerCase()
    .endsWith(`/repos/${repo.owner}/${repo.repo}`.toLowerCase());
  const labels = parent.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
  if (!here || !isIncidentIssue(labels, config))
    return ignored("the action item's parent is not an incident here");
  await run.converge({ issue: parent.number, config });
  return run.result();
}

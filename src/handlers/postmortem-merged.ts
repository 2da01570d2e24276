// A merged postmortem's action items become issues: the hook the pull_request.closed
// handler calls with the postmortem's markdown. Gather (the incident, hereby's recent
// action items), decide (src/core/action-items/postmortem.ts), apply, refresh the record;
// then one commit on the base branch writes each item's issue into the file.
import type { Config } from "../config.js";
import {
  actionItemsFromPostmortem,
  planLinkBack,
  planPostmortemActionItems,
  type PostmortemItem,
} from "../core/action-items/postmortem.js";
import { writtenMarkers } from "../core/declaration.js";
import { listRecentActionItems } from "../github/read-action-items.js";
import { readPostmortemAt } from "../github/read-postmortem.js";
import { inOrder } from "../core/plan.js";
import { joined, noted, type Outcome, type Run } from "./context.js";

export interface MergedPostmortem {
  incident: number;
  pullNumber: number;
  markdown: string;
  /** The branch it was merged into, where the follow-up commit goes. */
  base?: string;
}

export async function onPostmortemMerged(
  run: Run,
  config: Config,
  merged: MergedPostmortem,
): Promise<Outcome> {
  const items = actionItemsFromPostmortem(merged.markdown);
  if (items.length === 0)
    return noted(`postmortem #${merged.pullNumber}: no action items without an issue`);
  const { octokit, repo } = run.ctx;
  const [snapshot, recent] = await Promise.all([
    run.read(merged.incident),
    listRecentActionItems(octokit, repo, config.labels.action),
  ]);
  const written = writtenMarkers(snapshot.comments, run.ctx.self);
  const openBefore = (snapshot.actionItems ?? []).filter((i) => i.state === "open").length;
  const writes = planPostmortemActionItems(
    merged.incident,
    merged.pullNumber,
    items,
    { recent, openBefore },
    config,
    run.ctx.self ?? null,
  ).filter((w) => w.type !== "comment" || !written.has(w.marker));
  await run.apply(inOrder(writes));
  const converged =
    writes.length > 0 ? await run.converge({ issue: merged.incident, config }) : undefined;
  const linked =
    merged.base && !run.executor.dryRun
      ? await linkBack(run, config, merged, items, snapshot.issue.htmlUrl)
      : undefined;
  return joined(converged?.outcome, linked);
}

/** Writes each item's issue into the file on the base branch (a protected branch may
 * refuse: the issues stand, linked under the incident, and the log says so). */
async function linkBack(
  run: Run,
  config: Config,
  merged: MergedPostmortem,
  items: PostmortemItem[],
  incidentUrl: string,
): Promise<Outcome | undefined> {
  const { octokit, repo } = run.ctx;
  const branch = merged.base!;
  const [file, recent] = await Promise.all([
    readPostmortemAt(octokit, repo, config.postmortem.folder, merged.incident, branch),
    listRecentActionItems(octokit, repo, config.labels.action),
  ]);
  if (!file) return undefined;
  const url = (n: number) => incidentUrl.replace(/\/issues\/\d+$/, `/issues/${n}`);
  const write = planLinkBack(
    merged.incident,
    merged.pullNumber,
    items,
    { ...file, branch },
    recent,
    url,
    run.ctx.self ?? null,
  );
  if (!write) return undefined;
  try {
    await run.apply(inOrder([write]));
    return undefined;
  } catch (error) {
    return noted(
      `postmortem #${merged.pullNumber}: could not write the action items' issues into ${file.path} on ${branch}: ${(error as Error).message}`,
    );
  }
}

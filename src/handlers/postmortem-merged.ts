// A merged postmortem's action items become issues: the hook the pull_request.closed
// handler calls with the postmortem's markdown. Gather (the incident, hereby's recent
// action items), decide (src/core/action-items/postmortem.ts), apply, refresh the record.
import type { Config } from "../config.js";
import { actionItemsFromPostmortem, planPostmortemActionItems } from "../core/action-items/postmortem.js";
import { writtenMarkers } from "../core/declaration.js";
import { listRecentActionItems } from "../github/action-items-read.js";
import type { Run } from "./context.js";

export interface MergedPostmortem {
  incident: number;
  pullNumber: number;
  markdown: string;
}

export async function onPostmortemMerged(run: Run, config: Config, merged: MergedPostmortem): Promise<void> {
  const items = actionItemsFromPostmortem(merged.markdown);
  if (items.length === 0) {
    run.notes.push(`postmortem #${merged.pullNumber}: no unchecked action items without an issue`);
    return;
  }
  const { octokit, repo } = run.ctx;
  const [snapshot, recent] = await Promise.all([run.read(merged.incident), listRecentActionItems(octokit, repo, config.labels.action)]);
  const written = writtenMarkers(snapshot.comments, run.ctx.self);
  const openBefore = (snapshot.actionItems ?? []).filter((i) => i.state === "open").length;
  const writes = planPostmortemActionItems(merged.incident, merged.pullNumber, items, { recent, openBefore }, config, run.ctx.self ?? null).filter(
    (w) => w.type !== "comment" || !written.has(w.marker),
  );
  await run.apply(writes);
  if (writes.length > 0) await run.converge(merged.incident, config);
}

// "What changed?": the changes around an incident, offered in one hereby comment. On
// declaration (and on a coalesced refresh) every listed repository is read (at most five
// requests each, src/github/changes-read.ts), merged into the list the comment holds
// (core/changes/merge.ts: numbers, keepers and people's ticks stay), and written in place.
import type { Config } from "../config.js";
import { changesMarker, parseChanges, renderChanges } from "../core/changes/comment.js";
import { mergeChanges, toggleKeep } from "../core/changes/merge.js";
import { mayEditNow, nextEditAt } from "../core/changes/pacing.js";
import { changesComment } from "../core/changes/timeline.js";
import type { ChangesList } from "../core/changes/types.js";
import { changeWindow, isoSeconds } from "../core/changes/window.js";
import { serverOf } from "../core/escape.js";
import { inOrder, type Write } from "../core/plan.js";
import { resolveSelf } from "../core/self.js";
import type { CommandLine, CommentRecord, Incident, IssueSnapshot } from "../core/types.js";
import { changeRepositories, readAllChanges } from "../github/changes-read.js";
import { isIncidentIssue, reduceIncident } from "../core/reducer.js";
import { ignored, joined, noted, Run, type HandlerContext, type HandlerResult } from "./context.js";

/** Impact start: the earliest entry (the form's "When did it start?") or the declaration. */
function impactStart(incident: Incident, snapshot: IssueSnapshot): string {
  // `/started` or the form's start; else the earliest entry that is no kept change.
  const entries = incident.timeline.filter((e) => e.kind !== "change").map((e) => e.at);
  const times = [
    incident.declaredAt ?? snapshot.issue.createdAt,
    ...(incident.impactStartedAt ? [incident.impactStartedAt] : []),
    ...entries,
  ];
  return times.reduce((a, b) => (b < a ? b : a));
}

/** The list's write for this incident now, or null (nothing new, or paced: then the
 * refresh is handed to `ctx.later`), and what the reads noted. Reads every listed
 * repository first. */
export async function planChanges(
  run: Run,
  config: Config,
  incident: Incident,
  snapshot: IssueSnapshot,
): Promise<{ write: Write | null; notes: string[] }> {
  const { ctx } = run;
  if (!config.changes.enabled) return { write: null, notes: [] };
  const now = ctx.clock();
  const existing = changesComment(snapshot.comments, resolveSelf(snapshot.comments, ctx.self));
  if (existing && !mayEditNow(existing.updatedAt, now)) {
    deferRefresh(ctx, snapshot.issue.number, nextEditAt(existing.updatedAt, now));
    const note = `changes list of #${snapshot.issue.number} updated under a minute ago: refresh deferred`;
    return { write: null, notes: [note] };
  }
  const current = existing ? parseChanges(existing.body) : null;
  const window = changeWindow(impactStart(incident, snapshot), config.changes.lookback_hours, now);
  if (current) window.since = current.since;
  const server = serverOf(snapshot.issue.htmlUrl);
  const { repos, notes } = changeRepositories(ctx.repo, config.changes.repositories);
  const gathered = await readAllChanges(ctx.octokit, repos, window, server);
  const list = mergeChanges(current, window.since, gathered.changes);
  const write = listWrite(existing, list, window.since, snapshot);
  return { write, notes: [...notes, ...gathered.notes] };
}

/** The new list as a comment, or the update of hereby's; null when nothing changed. */
function listWrite(
  existing: CommentRecord | undefined,
  list: ChangesList,
  since: string,
  snapshot: IssueSnapshot,
): Write | null {
  const body = renderChanges(list, serverOf(snapshot.issue.htmlUrl));
  const issue = snapshot.issue.number;
  // Nothing changed: no comment to read past (the first live change starts the list).
  if (!existing)
    return list.entries.length === 0
      ? null
      : { type: "comment", issue, body, marker: changesMarker(since) };
  return body === existing.body
    ? null
    : { type: "updateComment", issue, commentId: existing.id, body };
}

/** A refresh after the pace allows one: the shell's timer (the App) runs it; the Action,
 * whose run ends, leaves it to the next event. */
export function deferRefresh(ctx: HandlerContext, issue: number, at: Date): void {
  ctx.later?.(`${ctx.repo.owner}/${ctx.repo.repo}#${issue}:changes`, at, () =>
    refreshChanges(ctx, issue),
  );
}

/** Reads the incident and its repositories again and updates the list (a new list goes
 * into the record too, so live events find it). */
export async function refreshChanges(ctx: HandlerContext, issue: number): Promise<HandlerResult> {
  const run = new Run(ctx);
  const config = await run.config();
  const snapshot = await run.read(issue);
  if (snapshot.issue.state !== "open" || !isIncidentIssue(snapshot.issue.labels, config))
    return ignored(`#${issue} is no open incident`);
  const incident = reduceIncident(snapshot, config, { self: ctx.self ?? null });
  const { write, notes } = await planChanges(run, config, incident, snapshot);
  if (write) await run.apply(inOrder([write]));
  const converged = write?.type === "comment" ? await run.converge({ issue, config }) : null;
  return run.result(joined(noted(...notes), converged?.outcome));
}

export interface KeepPlan {
  writes: Write[];
  /** Lines naming no entry of the list: the comment is rejected. */
  rejected: { line: number; raw: string; ok: false; name: string; error: string; usage: string }[];
}

/** `/keep <n>` lines of a comment: the list's update, or why not. */
export function planKeeps(
  lines: CommandLine[],
  snapshot: IssueSnapshot,
  comment: CommentRecord,
  self: string | null,
): KeepPlan | null {
  const keeps = lines.flatMap((l) =>
    l.ok && l.command.name === "keep" ? [{ l, n: l.command.n }] : [],
  );
  if (keeps.length === 0) return null;
  const existing = changesComment(snapshot.comments, resolveSelf(snapshot.comments, self));
  let list = existing ? parseChanges(existing.body) : null;
  const rejected: KeepPlan["rejected"] = [];
  for (const { l, n } of keeps) {
    const next = list
      ? toggleKeep(list, n, comment.author, isoSeconds(new Date(comment.createdAt)), comment.id)
      : null;
    if (next === null) {
      const error = list
        ? `hereby's changes list has no change ${n}`
        : "this incident has no changes list yet";
      rejected.push({
        line: l.line,
        raw: l.raw,
        ok: false,
        name: "keep",
        error,
        usage: "/keep <n>",
      });
    } else list = next;
  }
  if (rejected.length > 0 || !existing || !list) return { writes: [], rejected };
  const body = renderChanges(list, serverOf(snapshot.issue.htmlUrl));
  const writes: Write[] =
    body === existing.body
      ? []
      : [{ type: "updateComment", issue: snapshot.issue.number, commentId: existing.id, body }];
  return { writes, rejected };
}

// Opening or refreshing an incident's postmortem pull request: gather
// (src/github/gather-postmortem.ts), decide (src/core/postmortem/decide.ts), apply
// through the run's executor; then announce the pull request on the incident and bring
// the record up to date, so the block links it and the timeline says it was opened.
import { RequestError } from "@octokit/request-error";
import type { Config } from "../config.js";
import {
  cancelledPostmortem,
  decidePostmortem,
  isOwnCommit,
  pendingPostmortem,
  type PostmortemDecision,
  skipsPostmortem,
  type PostmortemTrigger,
} from "../core/postmortem/decide.js";
import { isPostmortemPath, postmortemBranch, postmortemPath } from "../core/postmortem/paths.js";
import { failureReply, pendingReply } from "../core/postmortem/replies.js";
import { commentOnce, writtenMarkers } from "../core/declaration.js";
import { resolveSelf } from "../core/self.js";
import type { CommandLine, Incident, IssueSnapshot } from "../core/types.js";
import { inOrder, together } from "../core/plan.js";
import { gatherPostmortem } from "../github/gather-postmortem.js";
import { withPostedComments } from "../github/read-issue.js";
import { openedWrites } from "../core/postmortem/opened.js";
import type { BranchCommit, PostmortemRepo } from "../core/postmortem/state.js";
import { rateLimited, rateLimitSentence } from "../github/missing-permission.js";
import { allows, readPermission } from "../github/permission.js";
import { loadTemplate } from "../templates.js";
import { joined, noted, type Outcome, type Run } from "./context.js";

const statusOf = (error: unknown): number | undefined =>
  error instanceof RequestError ? error.status : undefined;
const urlOf = (error: unknown): string => (error instanceof RequestError ? error.request.url : "");
/** GitHub's own sentence (`data.message`), without the documentation link Octokit appends. */
function messageOf(error: unknown): string {
  const data: unknown = error instanceof RequestError ? error.response?.data : undefined;
  const message = data && typeof data === "object" && "message" in data ? data.message : undefined;
  return typeof message === "string" ? message : String(error);
}

/** The reply for a write GitHub refused, or null for errors that are not the repository's setup. */
function refusal(error: unknown, now: Date) {
  const status = statusOf(error);
  const limit = rateLimited(error, now);
  if (limit) return failureReply("limited", rateLimitSentence(limit, now));
  if (status === 403)
    return failureReply(/\/pulls/.test(urlOf(error)) ? "pulls" : "contents", messageOf(error));
  if (status === 422 || status === 409) return failureReply("refused", messageOf(error));
  return null;
}

/** GitHub failing (5xx after Octokit's retries, or no answer): the compound write stopped
 * part way, and what it wrote stays for the next event on the incident to finish. */
const unavailable = (error: unknown): boolean => {
  const status = statusOf(error);
  return error instanceof RequestError && (status === undefined || status >= 500);
};

/** When a concurrent run created the branch, the file or the pull request first
 * (422/409), publishing decides again from what is there now. Each conflict means the
 * other run took one of those steps, so a race costs at most one conflict a step: four
 * attempts cover the three. */
const CONFLICT_ATTEMPTS = 4;

/** A refusal GitHub explains gets a reply, and then there is nothing more to do: the
 * note says why. Anything else is thrown on. */
async function answerFailure(
  run: Run,
  error: unknown,
  written: Set<string>,
  incident: number,
): Promise<string> {
  const reply =
    refusal(error, run.ctx.clock()) ?? (unavailable(error) ? pendingReply(statusOf(error)) : null);
  if (!reply) throw error;
  await run.apply(inOrder(commentOnce(written, incident, reply)));
  return `postmortem: ${messageOf(error)}`;
}

/** How a postmortem run fits around the record's convergence in the same run (the
 * comment that resolves): the reads go with the record's PATCH, publishing waits for its
 * answer, and the announcement's record update for the convergence to end. */
export interface AroundRecord {
  /** The default branch as the delivery named it (its head is read with the rest). */
  defaultBranch?: string | null;
  written?: Promise<void>;
  /** The record's convergence in this run, and the issue as it left it. */
  done?: Promise<{ snapshot?: IssueSnapshot | undefined }> | { snapshot?: IssueSnapshot };
}

export async function runPostmortem(
  run: Run,
  config: Config,
  incident: Incident,
  snapshot: IssueSnapshot,
  trigger: PostmortemTrigger,
  around: AroundRecord = {},
): Promise<Outcome> {
  if (trigger.kind === "resolved" && skipsPostmortem(incident, config))
    return noted(
      `severity ${incident.severity} skips the postmortem (\`/postmortem\` opens one anyway)`,
    );
  const written = writtenMarkers(snapshot.comments, run.ctx.self);
  const cancelled = cancelledPostmortem(incident, trigger, written);
  if (cancelled) {
    await around.done;
    await run.apply(inOrder(cancelled.writes));
    return noted(...cancelled.notes);
  }
  const gathered = await publish(run, config, incident, snapshot, trigger, around);
  if (typeof gathered === "string") return noted(gathered);
  const { state, decision } = gathered;
  const record = await around.done;
  // A merge recorded only now (its webhook was lost): the record shows it.
  const merged = decision.writes.some(
    (w) => w.type === "comment" && w.marker.includes("hereby:postmortem merged:"),
  )
    ? await run.converge({ issue: incident.number, config })
    : undefined;
  const published = joined(noted(...decision.notes), merged?.outcome);
  const pull = run.executor.opened[run.executor.opened.length - 1]?.number ?? decision.open?.number;
  if (pull === undefined) return published;
  const latest = merged?.snapshot ?? record?.snapshot;
  const announced = await announce(run, config, {
    decision,
    pull,
    written,
    incident,
    latest,
    base: state.defaultBranch,
  });
  return joined(published, { notes: [], pullRequest: pull }, announced);
}

interface Announcement {
  decision: PostmortemDecision;
  pull: number;
  written: Set<string>;
  incident: Incident;
  /** The issue as this run's last convergence left it. */
  latest: IssueSnapshot | undefined;
  base: string;
}

/** The lead asked to review and the incident told where the pull request is; then the
 * record links it. */
async function announce(
  run: Run,
  config: Config,
  { decision, pull, written, incident, latest, base }: Announcement,
): Promise<Outcome | undefined> {
  const opened = openedWrites({
    decision,
    pull,
    written,
    incident: incident.number,
    base,
  });
  if (opened.length === 0) return undefined;
  // The announcement's POST answer is a read of it: the record linking the pull request is
  // decided from it and what the convergence read, while the look for a copy goes on.
  await run.apply(together(opened), { lookBackLater: true });
  const posted = run.executor.posted
    .filter((p) => p.issue === incident.number)
    .map((p) => p.comment);
  const first = latest ? withPostedComments(latest, posted) : undefined;
  return (await run.converge({ issue: incident.number, config, first })).outcome;
}

/** Gathers (with the record's PATCH, when `around` says so), decides and publishes; on a
 * conflict, again. What it published, or the note saying why not. */
async function publish(
  run: Run,
  config: Config,
  incident: Incident,
  snapshot: IssueSnapshot,
  trigger: PostmortemTrigger,
  around: AroundRecord,
): Promise<{ state: PostmortemRepo; decision: PostmortemDecision } | string> {
  const { octokit, repo } = run.ctx;
  const written = writtenMarkers(snapshot.comments, run.ctx.self);
  const self = resolveSelf(snapshot.comments, run.ctx.self);
  const branch = postmortemBranch(incident.number);
  const path = postmortemPath(
    config,
    incident.number,
    incident.title,
    incident.declaredAt ?? run.ctx.clock().toISOString(),
  );
  const input = {
    incident: incident.number,
    branch,
    path,
    isPostmortemFile: (p: string) => isPostmortemPath(config, incident.number, p),
    isOwnCommit: (c: BranchCommit) => isOwnCommit(c, self),
  };
  // The delivery's default branch serves the first attempt; a retry reads the repository.
  let ahead: Promise<PostmortemRepo> | null = gatherPostmortem(octokit, repo, {
    ...input,
    defaultBranch: around.defaultBranch ?? null,
  });
  ahead.catch(() => {});
  await around.written;
  for (let attempt = 1; ; attempt++) {
    const state = await (ahead ?? gatherPostmortem(octokit, repo, input));
    ahead = null;
    const decision = decidePostmortem({
      incident,
      config,
      repo: state,
      template: loadTemplate("postmortem.md"),
      self,
      repository: `${repo.owner}/${repo.repo}`,
      incidentUrl: snapshot.issue.htmlUrl,
      trigger,
      written,
      now: run.ctx.clock(),
    });
    try {
      await run.apply(inOrder(decision.writes));
      return { state, decision };
    } catch (error) {
      const conflict = statusOf(error) === 422 || statusOf(error) === 409;
      if (!conflict || attempt >= CONFLICT_ATTEMPTS)
        return answerFailure(run, error, written, incident.number);
    }
  }
}

/** What a comment asks of the postmortem: `/postmortem`, or resolving it; or, after GitHub
 * failed to open the pull request, any comment finishes it. */
export function commentTrigger(
  lines: CommandLine[],
  incident: Incident | undefined,
  commentId: number,
  written: Set<string>,
): PostmortemTrigger | null {
  if (!incident) return null;
  const names = lines.flatMap((l) => (l.ok ? [l.command] : []));
  if (names.some((c) => c.name === "postmortem")) return { kind: "command", commentId };
  const resolves = names.some(
    (c) => c.name === "resolve" || (c.name === "status" && c.status === "resolved"),
  );
  if (resolves && incident.status === "resolved") return { kind: "resolved" };
  return pendingPostmortem(incident, written) ? { kind: "resolved" } : null;
}

/** Any change on an incident whose pull request is pending finishes it. */
export async function finishPending(
  run: Run,
  config: Config,
  incident: Incident,
  snapshot: IssueSnapshot,
  around: AroundRecord = {},
): Promise<Outcome | undefined> {
  if (!pendingPostmortem(incident, writtenMarkers(snapshot.comments, run.ctx.self)))
    return undefined;
  return runPostmortem(run, config, incident, snapshot, { kind: "resolved" }, around);
}

/** Closing an incident by hand resolves it; the postmortem follows when the person who
 * closed it may run commands (GitHub lets an issue's author close it with read access). */
export async function afterHandClose(
  run: Run,
  config: Config,
  incident: Incident,
  snapshot: IssueSnapshot,
  closer: string,
  around: AroundRecord = {},
): Promise<Outcome | undefined> {
  if (incident.status !== "resolved" || skipsPostmortem(incident, config)) return undefined;
  if (!allows(await readPermission(run.ctx.octokit, run.ctx.repo, closer), config.permission))
    return noted(`@${closer} closed the incident but lacks ${config.permission}: no postmortem`);
  return runPostmortem(run, config, incident, snapshot, { kind: "resolved" }, around);
}

// `/report [YYYY-MM-DD]` in a comment on any issue: the insights report as one reply.
// The decision (answered already, a report minutes ago, or a new one) is pure
// (core/report/reply.ts); only a new one costs the report's reads.
import type { Config } from "../config.js";
import type { Permission } from "../config.js";
import { allows } from "../core/access.js";
import { ReportGate } from "../core/report/gate.js";
import { decideReportAnswer, reportAsked } from "../core/report/reply.js";
import { resolveSelf } from "../core/self.js";
import type { CommentRecord, IssueSnapshot, ParsedComment } from "../core/types.js";
import type { Run } from "./context.js";
import { runReport } from "./report.js";

/** The reply to the comment's `/report` line (none when it has none, or was answered).
 * `permission`: the author's, as GitHub gave it. */
export async function reportReplies(
  run: Run,
  config: Config,
  snapshot: IssueSnapshot,
  comment: CommentRecord,
  parsed: ParsedComment,
  permission: Permission | "none",
): Promise<{ body: string; marker: string }[]> {
  const asked = reportAsked(parsed);
  if (!asked) return [];
  const { ctx } = run;
  const self = resolveSelf(snapshot.comments, ctx.self);
  const answer = decideReportAnswer(snapshot.comments, comment.id, asked.since, ctx.clock(), self);
  if (answer.kind === "answered") return [];
  if (answer.kind === "recent") {
    run.notes.push(
      `/report: a report was posted on #${snapshot.issue.number} minutes ago; pointed at it`,
    );
    return [answer.reply];
  }
  // A shell without a gate (the Action: one process per event) has the issue's comments.
  const gate = ctx.reportGate ?? new ReportGate();
  const reader = !allows(permission, config.permission);
  const claim = gate.claim(
    `${ctx.repo.owner}/${ctx.repo.repo}`,
    snapshot.issue.htmlUrl,
    ctx.clock(),
    reader,
  );
  if (claim.kind !== "run") {
    run.notes.push(
      `/report: ${claim.kind === "recent" ? "a report for the repository was asked for minutes ago" : "the hour's report for readers was given"}; pointed at it`,
    );
    return [answer.gated(claim)];
  }
  const since = asked.since ? `${asked.since}T00:00:00.000Z` : null;
  let markdown: string;
  try {
    markdown = await runReport({
      octokit: ctx.octokit,
      repo: ctx.repo,
      range: { since, until: null },
      format: "md",
      now: ctx.clock(),
      config,
      self: ctx.self ?? null,
      room: answer.room,
    });
  } catch (error) {
    claim.release(false);
    throw error;
  }
  run.notes.push(
    `/report: the report${asked.since ? ` since ${asked.since}` : ""} answered on #${snapshot.issue.number}`,
  );
  return [answer.reply(markdown)];
}

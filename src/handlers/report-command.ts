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

export interface ReportReplies {
  replies: { body: string; marker: string }[];
  notes: string[];
}

/** The reply to the comment's `/report` line (none when it has none, or was answered).
 * `permission`: the author's, as GitHub gave it. */
export async function reportReplies(
  run: Run,
  config: Config,
  snapshot: IssueSnapshot,
  comment: CommentRecord,
  parsed: ParsedComment,
  permission: Permission | "none",
): Promise<ReportReplies> {
  const none: ReportReplies = { replies: [], notes: [] };
  const asked = reportAsked(parsed);
  if (!asked) return none;
  const { ctx } = run;
  const self = resolveSelf(snapshot.comments, ctx.self);
  const answer = decideReportAnswer(snapshot.comments, comment.id, asked.since, ctx.clock(), self);
  if (answer.kind === "answered") return none;
  if (answer.kind === "recent") {
    const note = `/report: a report was posted on #${snapshot.issue.number} minutes ago; pointed at it`;
    return { replies: [answer.reply], notes: [note] };
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
    const why =
      claim.kind === "recent"
        ? "a report for the repository was asked for minutes ago"
        : "the hour's report for readers was given";
    return { replies: [answer.gated(claim)], notes: [`/report: ${why}; pointed at it`] };
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
  const range = asked.since ? ` since ${asked.since}` : "";
  const note = `/report: the report${range} answered on #${snapshot.issue.number}`;
  return { replies: [answer.reply(markdown)], notes: [note] };
}

// The answer to a `/report` comment, decided from the comments and the clock:
// nothing when hereby answered this comment already (a redelivery, a retry), a pointer
// when it posted a report on this issue minutes ago (each report costs about one request
// per incident), else a new report. Pure: the handler gathers and renders the report.
import { MAX_BODY } from "../limits.js";
import { findMarkers, marker } from "../markers.js";
import { isOwnComment } from "../self.js";
import type { CommentRecord, ParsedComment } from "../types.js";

/** A second report on the same issue within this many minutes gets a pointer instead. */
export const REPORT_REPEAT_MINUTES = 10;

/** The day asked for (`YYYY-MM-DD`, null for every incident) by the comment's first
 * `/report` line; null when it has none. A second line is not a second report. */
export function reportAsked(parsed: ParsedComment): { since: string | null } | null {
  for (const line of parsed.lines) if (line.ok && line.command.name === "report") return { since: line.command.since };
  return null;
}

const key = (commentId: number, since: string | null) => `${commentId}:${since ?? "all"}`;

export type ReportAnswer =
  | { kind: "answered" }
  | { kind: "recent"; reply: { body: string; marker: string } }
  /** Gather and render a report, then post `reply(markdown)`; `room` is what the markdown may take. */
  | { kind: "report"; room: number; reply: (markdown: string) => { body: string; marker: string } };

export function decideReportAnswer(comments: CommentRecord[], commentId: number, since: string | null, now: Date, self: string | null): ReportAnswer {
  const ours = comments.filter((c) => isOwnComment(c, self));
  const mark = marker("report", key(commentId, since));
  const recentMark = marker("reportrecent", key(commentId, since));
  if (ours.some((c) => c.body.includes(mark) || c.body.includes(recentMark))) return { kind: "answered" };
  const last = ours.filter((c) => findMarkers(c.body).some((m) => m.kind === "report")).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  const age = last ? (now.getTime() - Date.parse(last.createdAt)) / 60_000 : Number.POSITIVE_INFINITY;
  if (last && age < REPORT_REPEAT_MINUTES) return { kind: "recent", reply: recentReply(recentMark, commentId, last, now) };
  const intro = `<sub>The incident report [asked for here](#issuecomment-${commentId}). \`hereby report\` and the Action write it too.</sub>\n\n`;
  return { kind: "report", room: MAX_BODY - mark.length - 1 - intro.length, reply: (markdown) => ({ marker: mark, body: `${mark}\n${intro}${markdown}` }) };
}

function recentReply(mark: string, commentId: number, last: CommentRecord, now: Date): { body: string; marker: string } {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(last.createdAt)) / 60_000));
  const after = new Date(Date.parse(last.createdAt) + REPORT_REPEAT_MINUTES * 60_000).toISOString().slice(11, 16);
  const ago = minutes === 0 ? "less than a minute ago" : minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  return {
    marker: mark,
    body: [
      mark,
      `[A report was posted on this issue ${ago}](${last.htmlUrl}), so [your /report](#issuecomment-${commentId}) gets no new one yet.`,
      `Each report reads every incident from GitHub, so hereby answers \`/report\` on one issue at most once every ${REPORT_REPEAT_MINUTES} minutes. Ask again after ${after} UTC.`,
    ].join("\n"),
  };
}

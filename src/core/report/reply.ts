// The answer to a `/report` comment, decided from the comments and the clock:
// nothing when hereby answered this comment already (a redelivery, a retry), a pointer
// when it posted a report on this issue minutes ago (each report costs about one request
// per incident), else a new report. Pure: the handler gathers and renders the report.
import { MAX_BODY } from "../limits.js";
import { findMarkers, marker } from "../markers.js";
import { isOwnComment } from "../self.js";
import type { CommentRecord, ParsedComment } from "../types.js";

import { READER_REPORT_MINUTES, REPORT_REPEAT_MINUTES, type Claim } from "./gate.js";

export { REPORT_REPEAT_MINUTES };

/** The day asked for (`YYYY-MM-DD`, null for every incident) by the comment's first
 * `/report` line; null when it has none. A second line is not a second report. */
export function reportAsked(parsed: ParsedComment): { since: string | null } | null {
  for (const line of parsed.lines)
    if (line.ok && line.command.name === "report") return { since: line.command.since };
  return null;
}

const key = (commentId: number, since: string | null) => `${commentId}:${since ?? "all"}`;

export type ReportAnswer =
  | { kind: "answered" }
  | { kind: "recent"; reply: { body: string; marker: string } }
  /** Gather and render a report, then post `reply(markdown)`; `room` is what the
   * markdown may take. */
  | {
      kind: "report";
      room: number;
      reply: (markdown: string) => { body: string; marker: string };
      gated: (claim: Gated) => { body: string; marker: string };
    };

type Gated = Exclude<Claim, { kind: "run" }>;

export function decideReportAnswer(
  comments: CommentRecord[],
  commentId: number,
  since: string | null,
  now: Date,
  self: string | null,
): ReportAnswer {
  const ours = comments.filter((c) => isOwnComment(c, self));
  const mark = marker("report", key(commentId, since));
  const recentMark = marker("reportrecent", key(commentId, since));
  if (ours.some((c) => c.body.includes(mark) || c.body.includes(recentMark)))
    return { kind: "answered" };
  const last = ours
    .filter((c) => findMarkers(c.body).some((m) => m.kind === "report"))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  const age = last
    ? (now.getTime() - Date.parse(last.createdAt)) / 60_000
    : Number.POSITIVE_INFINITY;
  if (last && age < REPORT_REPEAT_MINUTES)
    return { kind: "recent", reply: recentReply(recentMark, commentId, last, now) };
  const intro =
    `<sub>The incident report [asked for ` +
    `here](#issuecomment-${commentId}). \`hereby report\` and the Action write it too.</sub>\n\n`;
  return {
    kind: "report",
    room: MAX_BODY - mark.length - 1 - intro.length,
    reply: (markdown) => ({ marker: mark, body: `${mark}\n${intro}${markdown}` }),
    gated: (claim) => ({
      marker: recentMark,
      body: `${recentMark}\n${gatedText(claim, commentId, now)}`,
    }),
  };
}

const hhmm = (at: Date): string => at.toISOString().slice(11, 16);

/** Why this ask gets a link, not a report: the repository had one minutes ago, or the
 * hour's report for people below the permission was given. */
function gatedText(claim: Gated, commentId: number, now: Date): string {
  const yours = `[your /report](#issuecomment-${commentId})`;
  if (claim.kind === "recent") {
    const minutes = Math.max(0, Math.floor((now.getTime() - claim.last.at.getTime()) / 60_000));
    const after = new Date(claim.last.at.getTime() + REPORT_REPEAT_MINUTES * 60_000);
    const ago = minutes < 1 ? "less than a minute" : `${minutes} minute${minutes === 1 ? "" : "s"}`;
    return [
      `[A report for this repository was asked for ${ago} ago](${claim.last.url}): ` +
        `it answers ${yours}.`,
      `Each report reads every incident from GitHub, so hereby writes at most one ` +
        `per repository every ${REPORT_REPEAT_MINUTES} minutes. Ask again after ` +
        `${hhmm(after)} UTC.`,
    ].join("\n");
  }
  const last = claim.last ? ` The last one is [here](${claim.last.url}).` : "";
  return [
    `${yours} gets no new report yet: people without the permission to run ` +
      `incident commands get one report per repository every ` +
      `${READER_REPORT_MINUTES} minutes between them.${last}`,
    `Ask again after ${hhmm(claim.next)} UTC, or ask someone who can run commands ` +
      `here (\`permission\` in \`.github/hereby.yml\`).`,
  ].join("\n");
}

function recentReply(
  mark: string,
  commentId: number,
  last: CommentRecord,
  now: Date,
): { body: string; marker: string } {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(last.createdAt)) / 60_000));
  const after = new Date(Date.parse(last.createdAt) + REPORT_REPEAT_MINUTES * 60_000)
    .toISOString()
    .slice(11, 16);
  const ago =
    minutes === 0
      ? "less than a minute ago"
      : minutes === 1
        ? "1 minute ago"
        : `${minutes} minutes ago`;
  return {
    marker: mark,
    body: [
      mark,
      `[A report was posted on this issue ${ago}](${last.htmlUrl}), so [your ` +
        `/report](#issuecomment-${commentId}) gets no new one yet.`,
      `Each report reads every incident from GitHub, so hereby answers \`/report\` ` +
        `on one issue at most once every ${REPORT_REPEAT_MINUTES} minutes. Ask again ` +
        `after ${after} UTC.`,
    ].join("\n"),
  };
}

// The monthly report issue: which issue is hereby's (by its identity, never by the marker
// alone), whether this month's report is in it yet, and the write that puts it there.
// Pure: the schedule handler lists the issues and renders the report.
import { Temporal } from "temporal-polyfill";
import type { Config } from "../../config.js";
import { MAX_BODY } from "../limits.js";
import { findMarkers, marker } from "../markers.js";
import type { Write } from "../plan.js";
import { isOurs } from "../review/select.js";
import type { ListedIssue } from "../review/types.js";
import { monthOf } from "./incident-row.js";

export const REPORT_ISSUE_MARKER = marker("reportissue", "monthly");

/** hereby's report issue: the earliest one it opened (its identity) that starts with its
 * marker. A person's issue with a copied marker is not it. */
export function findReportIssue(issues: ListedIssue[], self: string | null): ListedIssue | null {
  const ours = issues.filter(
    (i) => isOurs(i.author, i.authorIsBot, self) && i.body.startsWith(REPORT_ISSUE_MARKER),
  );
  return ours.sort((a, b) => a.number - b.number)[0] ?? null;
}

/** The first instant of a month (`YYYY-MM`) in a time zone, as ISO. */
export function monthStart(month: string, timezone: string): string {
  return Temporal.PlainDate.from(`${month}-01`)
    .toZonedDateTime({ timeZone: timezone })
    .toInstant()
    .toString();
}

export type ScheduledReport =
  | { kind: "current"; issue: number; month: string }
  /** Render the report of incidents declared before `until`, then apply `write(markdown)`. */
  | { kind: "due"; month: string; until: string; room: number; write: (markdown: string) => Write };

export function decideScheduledReport(
  config: Config,
  issues: ListedIssue[],
  self: string | null,
  now: Date,
): ScheduledReport {
  const month = monthOf(now.toISOString(), config.timezone);
  const found = findReportIssue(issues, self);
  const written = found
    ? findMarkers(found.body).find((m) => m.kind === "reportmonth")?.key
    : undefined;
  if (found && written === month) return { kind: "current", issue: found.number, month };
  const head = [
    REPORT_ISSUE_MARKER,
    marker("reportmonth", month),
    `<sub>hereby rewrites this description on the first scheduled run of each ` +
      `month (\`report.schedule\` in \`.github/hereby.yml\`); the comments are ` +
      `yours. Pin this issue to keep it in sight.</sub>`,
    "",
    "",
  ].join("\n");
  const body = (markdown: string) => head + markdown;
  return {
    kind: "due",
    month,
    until: monthStart(month, config.timezone),
    room: MAX_BODY - head.length,
    write: (markdown) =>
      found
        ? { type: "updateIssue", issue: found.number, body: body(markdown) }
        : {
            type: "createIssue",
            title: config.report.issue,
            body: body(markdown),
            labels: [config.labels.report],
            assignees: [],
            marker: REPORT_ISSUE_MARKER,
            lookBackLabel: config.labels.report,
          },
  };
}

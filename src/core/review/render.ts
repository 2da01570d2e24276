// What the review issue and its comments say. User text (titles) is redacted and
// escaped; owners are shown without pinging, the person running the review is pinged.
import { escapeCell, escapeInline, quietHandle, truncate } from "../escape.js";
import { marker } from "../markers.js";
import { redactSecrets } from "../redact.js";
import { ageInDays } from "./due.js";
import { reviewMarker } from "./select.js";
import type { ActionItem } from "../types.js";
import { itemRef } from "./types.js";

/** GitHub's limit on issue titles. */
const MAX_TITLE = 256;

export function reviewTitle(incidentTitle: string, incident: number): string {
  const suffix = ` (#${incident})`;
  const title = redactSecrets(incidentTitle.replace(/\s+/g, " ").trim()).text;
  return `Incident review: ${truncate(title, MAX_TITLE - 17 - suffix.length)}${suffix}`;
}

export function reviewBody(incident: number, intervalDays: number): string {
  return [
    reviewMarker(incident),
    `Follow-up review of incident #${incident}. Its action items are checked here ` +
      `every ${intervalDays} days until each one is closed, as done or as not planned.`,
    "",
    "Closing this issue while items are still open is fine: the next review reopens it.",
  ].join("\n");
}

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);

function itemRow(item: ActionItem, now: Date): string {
  const owners =
    item.assignees.length > 0
      ? item.assignees.map((l) => quietHandle(l)).join(", ")
      : "nobody yet: assign someone";
  return (
    `| ${itemRef(item)} ${escapeCell(redactSecrets(item.title).text)} | ` +
    `${owners} | ${days(ageInDays(item.createdAt, now))} |`
  );
}

export interface CycleText {
  incident: number;
  cycle: number;
  due: string;
  open: ActionItem[];
  /** Closed as not planned with no reason given. */
  unexplained?: ActionItem[];
  closed: number;
  /** Who runs the review: pinged. */
  reviewer: string | null;
  intervalDays: number;
}

export function cycleComment(t: CycleText, now: Date): { body: string; marker: string } {
  const mark = marker("cycle", `${t.incident}:${t.cycle}`);
  const who = t.reviewer ? `@${t.reviewer}, please` : "Please";
  const count = t.open.length === 1 ? "1 action item is" : `${t.open.length} action items are`;
  const unexplained = t.unexplained ?? [];
  const openPart =
    t.open.length === 0
      ? []
      : [
          `${count} still open${t.closed > 0 ? ` (${t.closed} closed)` : ""}:`,
          "",
          "| Action item | Owner | Open for |",
          "|---|---|---|",
          ...t.open.map((item) => itemRow(item, now)),
          "",
        ];
  const whyPart =
    unexplained.length === 0
      ? []
      : [
          `Closed as not planned without a reason (${unexplained.length}): the review ` +
            `stays open until each says why, or is reopened and done.`,
          "",
          ...unexplained.map(
            (i) =>
              `- ${itemRef(i)} ${escapeInline(redactSecrets(i.title).text)}: comment on it ` +
              `why, or \`/action wontfix ${itemRef(i)} <reason>\` on #${t.incident}`,
          ),
          "",
        ];
  return {
    marker: mark,
    body: [
      mark,
      `### Review ${t.cycle} of #${t.incident} (due ${t.due.slice(0, 10)})`,
      "",
      ...openPart,
      ...whyPart,
      `${who} check on each one: close it when it is done, or close it as not ` +
        `planned with a comment saying why if it won't be. This review comes back ` +
        `every ${days(t.intervalDays)} until all are closed.`,
    ].join("\n"),
  };
}

/** How an item ended, in words, with the reason when it was not planned. */
function ending(i: ActionItem): string {
  if (i.stateReason === "not_planned")
    return i.closeReason
      ? `not planned: ${escapeInline(redactSecrets(i.closeReason).text)}`
      : "not planned";
  if (i.stateReason === "duplicate") return "duplicate";
  return "done";
}

export function closeOutComment(
  incident: number,
  cycle: number,
  items: ActionItem[],
  completeLabel: string,
): { body: string; marker: string } {
  const mark = marker("closeout", `${incident}:${cycle}`);
  const list = items.map(
    (i) => `- ${itemRef(i)} ${escapeInline(redactSecrets(i.title).text)}: ${ending(i)}`,
  );
  const done = items.filter((i) => ending(i) === "done").length;
  const notDone =
    done < items.length ? `, ${items.length - done} not (each with how it ended)` : "";
  const lead =
    items.length === 0
      ? `No action items were linked to #${incident}, so there is nothing left to review.`
      : `Every action item of #${incident} is closed: ${done} done${notDone}.`;
  return {
    marker: mark,
    body: [
      mark,
      `### Review of #${incident} closed out`,
      "",
      lead,
      ...(list.length ? ["", ...list] : []),
      "",
      `#${incident} is now \`${completeLabel}\`.`,
    ].join("\n"),
  };
}

/** The comment on the incident when its review first opens; `{number}` is filled in with
 * the review's number once GitHub has given it one. */
export function reviewAnnouncement(
  intervalDays: number,
  open: number,
): { body: string; marker: string } {
  const mark = "<!-- hereby:reviewissue {number} -->";
  const count = open === 1 ? "1 action item is" : `${open} action items are`;
  return {
    marker: mark,
    body: [
      mark,
      `${count} still open, so this incident's review is #{number}. It comes back ` +
        `every ${days(intervalDays)} until every item is closed.`,
    ].join("\n"),
  };
}

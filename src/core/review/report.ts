// The sweep's report: one row per incident it looked at, as a Markdown table for the
// Action's job summary and as lines for the CLI.
import { escapeCell } from "../escape.js";
import { redactedTitle } from "../postmortem/title.js";
import type { ReviewOutcome } from "./policy.js";

export interface SweepRow {
  incident: number;
  title: string;
  /** ISO instant the review was due. */
  due: string;
  /** Open action items (null when not read). */
  open: number | null;
  outcome: ReviewOutcome | "not reached";
  /** What was done, for people. */
  done: string;
}

const WORDS: Record<SweepRow["outcome"], string> = {
  opened: "review opened",
  reopened: "review reopened",
  commented: "review cycle posted",
  closed: "closed out: status complete",
  "back-in-review": "back into review",
  none: "nothing to do",
  "not reached": "not reached: request budget spent, next run continues here",
};

export function outcomeText(outcome: SweepRow["outcome"], dryRun: boolean): string {
  const text = WORDS[outcome];
  return dryRun && outcome !== "none" && outcome !== "not reached" ? `would be ${text}` : text;
}

export function sweepTable(rows: SweepRow[]): string {
  if (rows.length === 0) return "No incident has a review due.";
  return [
    "| Incident | Due | Open items | What was done |",
    "|---|---|---:|---|",
    ...rows.map(
      (r) =>
        `| #${r.incident} ${escapeCell(redactedTitle(r.title))} | ` +
        `${r.due.slice(0, 10)} | ${r.open ?? "—"} | ${escapeCell(r.done)} |`,
    ),
  ].join("\n");
}

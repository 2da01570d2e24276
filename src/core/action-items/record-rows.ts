// Action items as the managed block and the /help reply list them: each sub-issue of
// the incident with its state and owner, as GitHub has them now.
import { escapeCell, quietHandle } from "../escape.js";
import { redactSecrets } from "../redact.js";
import { itemRef } from "../review/types.js";
import type { ActionItem } from "../types.js";

function state(item: ActionItem): string {
  if (item.state === "open") return "open";
  return item.stateReason === "not_planned"
    ? "closed: not planned"
    : item.stateReason === "duplicate"
      ? "closed: duplicate"
      : "done";
}

/** The block's "Action items" section; nothing when there are none. */
export function actionItemsSection(items: ActionItem[] | undefined): string[] {
  if (!items || items.length === 0) return [];
  return [
    "",
    "#### Action items",
    "",
    "| Item | State | Owner |",
    "|---|---|---|",
    ...items.map(
      (i) =>
        `| ${itemRef(i)} ${escapeCell(redactSecrets(i.title).text)} | ${state(i)} | ` +
        `${i.assignees.length ? i.assignees.map((l) => quietHandle(l)).join(", ") : "—"} |`,
    ),
  ];
}

/** The same list, for the /help reply. */
export function actionItemsHelp(items: ActionItem[] | undefined): string {
  const section = actionItemsSection(items);
  if (section.length === 0)
    return "\n\n**Action items**: none yet. `/action <title> @owner` adds one.";
  const text = section.join("\n");
  return `\n${text.replace("#### Action items", "**Action items of this incident**")}`;
}

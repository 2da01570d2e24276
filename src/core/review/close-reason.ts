// Why an action item was closed as not planned: the reason `/action wontfix` wrote on it,
// else the newest comment a person left on it. An item closed so without a comment has
// no reason, and its incident stays in review until it gets one or is reopened and done.
import { findMarkers } from "../markers.js";
import { isOurs } from "./select.js";
import type { ActionItem } from "../types.js";
import type { ReviewComment } from "./types.js";

const MAX_REASON = 300;

function firstLines(text: string): string {
  const flat = text
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\*\*Reason:\*\*/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > MAX_REASON ? `${flat.slice(0, MAX_REASON - 1)}…` : flat;
}

/** The reason among an item's comments, or null. Text as written: the caller escapes it. */
export function closeReasonOf(comments: ReviewComment[], self: string | null): string | null {
  const ours = comments.filter(
    (c) =>
      isOurs(c.author, c.authorIsBot, self) &&
      findMarkers(c.body).some((m) => m.kind === "wontfix"),
  );
  const reason = ours.at(-1)?.body.split("**Reason:**")[1];
  if (reason !== undefined) return firstLines(reason) || null;
  const people = comments.filter((c) => !c.authorIsBot && firstLines(c.body) !== "");
  return people.length > 0 ? firstLines(people.at(-1)!.body) : null;
}

/** Closed as not planned, and nobody said why. */
export function needsReason(item: ActionItem): boolean {
  return item.state === "closed" && item.stateReason === "not_planned" && !item.closeReason;
}

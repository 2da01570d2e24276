// The sweep's own status changes, as the record reads them: hereby adding the complete
// label closes the follow-up, hereby taking it away puts the incident back into review.
// Only hereby's events count here (the reducer checks the actor); people's label
// changes are recorded like any change by hand.
import type { Config } from "../../config.js";
import { statusOfLabel } from "../labels.js";
import type { IssueEventRecord, Status } from "../types.js";

export function followUpStatus(
  event: IssueEventRecord,
  config: Config,
  current: Status | null,
): { status: Status; text: string } | null {
  if (!event.label || statusOfLabel(config, event.label) !== "complete") return null;
  if (event.event === "labeled")
    return { status: "complete", text: "Follow-up complete: every action item is closed" };
  if (event.event === "unlabeled" && current === "complete")
    return { status: "resolved", text: "Back in review: an action item is open again" };
  return null;
}

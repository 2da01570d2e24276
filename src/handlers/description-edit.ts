// hereby's own description writes come back as `issues.edited`, carrying the body just
// before the write (`changes.body.from`). When a person saved the description between
// hereby's read and its PATCH, that `from` holds their text and the write dropped it:
// put their text back around the current record. Edits by anyone else cost nothing.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { restoreOverwrittenEdit } from "../core/description-edits.js";
import { readDescription } from "../github/reread-description.js";
import { inOrder } from "../core/plan.js";
import { ignored, noted, Run, type HandlerContext, type HandlerResult } from "./context.js";
import { onFormEdit } from "./form-edit.js";

export type DescriptionEditEvent = EmitterWebhookEvent<"issues.edited">;

export async function onDescriptionEdit(
  event: DescriptionEditEvent,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const { payload } = event;
  // Only hereby's own writes can have overwritten someone (the Action's token writes
  // start no workflow: it re-reads before writing instead).
  if (!ctx.self || payload.sender.login.toLowerCase() !== ctx.self.toLowerCase())
    return onFormEdit(event, ctx);
  const from = payload.changes.body?.from;
  if (from === undefined) return ignored("the description did not change");
  const issueNumber = payload.issue.number;
  const written = payload.issue.body ?? null;
  // Decide from the payload first: most of hereby's writes keep the users' text as is.
  if (restoreOverwrittenEdit({ from, written, current: written }) === null)
    return ignored("no description edit was overwritten");

  const run = new Run(ctx);
  const current = await readDescription(ctx.octokit, ctx.repo, issueNumber);
  const body = restoreOverwrittenEdit({ from, written, current });
  if (body === null) {
    return run.result(
      noted(`#${issueNumber}: the description changed again since; the newest text stands`),
    );
  }
  await run.apply(inOrder([{ type: "updateIssue", issue: issueNumber, body }]));
  return run.result(
    noted(`#${issueNumber}: put back a description edit that hereby's write had overwritten`),
  );
}

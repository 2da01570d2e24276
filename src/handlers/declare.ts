// Declaring: the record, labels, lead and checklist, whichever way the incident was
// declared (label, `/declare`, `/incident`, or the phrase). Safe to run twice: labels
// are created only when missing, comments only when their marker isn't there yet.
import type { Config } from "../config.js";
import {
  checklistComment,
  missingLabels,
  notifyWrite,
  writtenMarkers,
} from "../core/declaration.js";
import { marker } from "../core/markers.js";
import { decideRecord } from "../core/sync.js";
import type { Incident, IssueSnapshot } from "../core/types.js";
import { allows, readPermission } from "../github/permission.js";
import { loadTemplate } from "../templates.js";
import { repoLabelNames } from "../github/repo-labels.js";
import { inOrder } from "../core/plan.js";
import { joined, noted, type Outcome, type Run } from "./context.js";
import { planChanges } from "./changes.js";

export interface Declaring {
  /** The repository's labels, when their read started already. */
  labels?: Promise<string[]>;
  /** Permissions already checked (the declaring comment's author). */
  known?: Map<string, boolean> | undefined;
  /** The declaring comment, whose verdict this run gives. */
  handled?: number;
}

export async function declareIncident(
  run: Run,
  config: Config,
  snapshot: IssueSnapshot,
  { labels: labelsRead, known, handled }: Declaring = {},
): Promise<Outcome> {
  const { incident: planned } = decideRecord(snapshot, config, { self: run.ctx.self ?? null });
  // What changed around it is read while the labels and checklist are written.
  const changes = planChanges(run, config, planned, snapshot).catch((error: unknown) => ({
    write: null,
    notes: [`changes not gathered: ${(error as Error).message}`],
  }));
  const labels = await (labelsRead ?? startLabelRead(run));
  const missing = missingLabels(config, labels, planned);
  // Labels this incident wears are created first, so they get their colour and description.
  await run.apply(inOrder(missing.now.map((label) => ({ type: "createLabel" as const, label }))));
  // The checklist tells people what to do. Knowing its login (the App), hereby writes the
  // record first (people see it within three writes of declaring) and decides from what
  // it read. Otherwise, or when the declarer is below the permission (the checklist's
  // marker holds the lead and the page back), the checklist is its first write and the
  // record is decided from a read after it. Other labels come when first used or with
  // `hereby setup`.
  const self = run.ctx.self;
  const unwritten = !writtenMarkers(snapshot.comments, self).has(marker("checklist", "declared"));
  // A declaring comment (`handled`) was only accepted from someone with the permission.
  const unconfirmed =
    unwritten && handled === undefined ? await belowPermission(run, config, planned) : undefined;
  const checklist = checklistComment(planned, config, loadTemplate("checklist.md"), unconfirmed);
  const checklistFirst = !self || unconfirmed !== undefined;
  if (checklistFirst && unwritten) await run.apply(inOrder([checklist]));
  // The changes list goes before the record, which notes where it is.
  const { write: offered, notes } = await changes;
  if (offered) await run.apply(inOrder([offered]));
  const first = checklistFirst || offered ? undefined : snapshot;
  const converged = await run.converge({
    issue: snapshot.issue.number,
    config,
    first,
    known,
    handled,
  });
  const { incident, snapshot: after } = converged;
  if (!checklistFirst && unwritten && !writtenMarkers(after.comments, self).has(checklist.marker))
    await run.apply(inOrder([checklist]));
  const written = writtenMarkers(after.comments, self);
  // Below the permission, nobody is paged: the confirming command pages (comment-plan.ts).
  const notify =
    incident.severity && !incident.awaitingConfirmation
      ? notifyWrite(incident, config, incident.severity, "declared", false, written)
      : null;
  if (notify) await run.apply(inOrder([notify]));
  return joined(noted(...notes), converged.outcome);
}

/** The declarer's login when GitHub says they are below the permission. An app or a
 * workflow (a bot) that adds the label declares as before: alerting keeps paging. */
async function belowPermission(
  run: Run,
  config: Config,
  planned: Incident,
): Promise<string | undefined> {
  const who = planned.declaredBy;
  // The record says an app declared when the label event's actor was one.
  const byApp = planned.lead === null && planned.declaredBy !== null;
  if (!who || byApp || who.toLowerCase().endsWith("[bot]")) return undefined;
  const permission = await readPermission(run.ctx.octokit, run.ctx.repo, who);
  return allows(permission, config.permission) ? undefined : who;
}

export function startLabelRead(run: Run): Promise<string[]> {
  return repoLabelNames(run.ctx.octokit, run.ctx.repo);
}

// Declaring: the record, labels, lead and checklist, whichever way the incident was
// declared (label, `/declare`, `/incident`, or the phrase). Safe to run twice: labels
// are created only when missing, comments only when their marker isn't there yet.
import type { Config } from "../config.js";
import type { Write } from "../core/plan.js";
import { checklistComment, missingLabels, notifyWrite, writtenMarkers } from "../core/declaration.js";
import { decideRecord } from "../core/sync.js";
import type { IssueSnapshot } from "../core/types.js";
import { loadTemplate } from "../templates.js";
import type { Run } from "./context.js";
import { planChanges } from "./changes.js";

async function repoLabels(run: Run): Promise<string[]> {
  const { octokit, repo } = run.ctx;
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
  return labels.map((l) => l.name);
}

export async function declareIncident(
  run: Run,
  config: Config,
  snapshot: IssueSnapshot,
  labelsPromise: Promise<string[]> = repoLabels(run),
  known?: Map<string, boolean>,
  handled?: number,
): Promise<void> {
  const { incident: planned } = decideRecord(snapshot, config, { self: run.ctx.self ?? null });
  // What changed around it is read while the labels and checklist are written.
  const changes = planChanges(run, config, planned, snapshot).catch((error: unknown) => {
    run.notes.push(`changes not gathered: ${(error as Error).message}`);
    return null;
  });
  const labels = await labelsPromise;
  const missing = missingLabels(config, labels, planned);
  // Labels this incident wears are created first, so they get their colour and description.
  await run.apply(missing.now.map((label) => ({ type: "createLabel" as const, label })));
  // The checklist is hereby's first write on the issue: it tells people what to do, and
  // marks hereby's own login for everything it writes after.
  const checklist = checklistComment(planned, config, loadTemplate("checklist.md"));
  if (!writtenMarkers(snapshot.comments, run.ctx.self).has(checklist.marker)) await run.apply([checklist]);
  // Knowing its login (the App), hereby can decide from what it read; otherwise it reads
  // again, so the checklist it just wrote tells it who it is.
  // The changes list goes before the record, which notes where it is.
  const offered = await changes;
  if (offered) await run.apply([offered]);
  const first = run.ctx.self && !offered ? snapshot : undefined;
  const { incident, snapshot: after } = await run.converge(snapshot.issue.number, config, first, known, handled);
  const written = writtenMarkers(after.comments, run.ctx.self);
  const notify = incident.severity ? notifyWrite(incident, config, incident.severity, "declared", false, written) : null;
  if (notify) await run.apply([notify]);
  await run.apply(missing.later.map((label) => ({ type: "createLabel" as const, label })));
}

export function startLabelRead(run: Run): Promise<string[]> {
  return repoLabels(run);
}

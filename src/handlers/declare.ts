// Declaring: the record, labels, lead and checklist, whichever way the incident was
// declared (label, `/declare`, `/incident`, or the phrase). Safe to run twice: labels
// are created only when missing, comments only when their marker isn't there yet.
import type { Config } from "../config.js";
import type { Write } from "../core/plan.js";
import { checklistComment, missingLabels, notifyWrite, writtenMarkers } from "../core/declaration.js";
import { decideRecord } from "../core/sync.js";
import type { IssueSnapshot } from "../core/types.js";
import { loadTemplate } from "../templates.js";
import { repoLabelNames } from "../github/repo-labels.js";
import type { Run } from "./context.js";

export async function declareIncident(
  run: Run,
  config: Config,
  snapshot: IssueSnapshot,
  labelsPromise: Promise<string[]> = startLabelRead(run),
  known?: Map<string, boolean>,
  handled?: number,
): Promise<void> {
  const labels = await labelsPromise;
  const { incident: planned } = decideRecord(snapshot, config, { self: run.ctx.self ?? null });
  const missing = missingLabels(config, labels, planned);
  // Labels this incident wears are created first, so they get their colour and description.
  await run.apply(missing.now.map((label) => ({ type: "createLabel" as const, label })));
  // The checklist tells people what to do. Knowing its login (the App), hereby writes the
  // record first (people see it within three writes of declaring) and decides from what
  // it read. Otherwise the checklist is its first write, marking hereby's own login for
  // everything it writes after, and the record is decided from a read after it. The other
  // labels come when first used (labels-on-use.ts) or with `hereby setup`.
  const checklist = checklistComment(planned, config, loadTemplate("checklist.md"));
  const self = run.ctx.self;
  const unwritten = !writtenMarkers(snapshot.comments, self).has(checklist.marker);
  if (!self && unwritten) await run.apply([checklist]);
  const { incident, snapshot: after } = await run.converge(snapshot.issue.number, config, self ? snapshot : undefined, known, handled);
  if (self && unwritten && !writtenMarkers(after.comments, self).has(checklist.marker)) await run.apply([checklist]);
  const written = writtenMarkers(after.comments, self);
  const notify = incident.severity ? notifyWrite(incident, config, incident.severity, "declared", false, written) : null;
  if (notify) await run.apply([notify]);
}

export function startLabelRead(run: Run): Promise<string[]> {
  return repoLabelNames(run.ctx.octokit, run.ctx.repo);
}

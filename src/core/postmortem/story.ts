// What the postmortem tells: the story (what people wrote, and what changed the incident:
// severity and status changes, backdated entries, resolution, the merge) apart from the
// process around it (roles, summary edits, a severity set to what it already was, the
// pull request being opened). The diagram and the table tell the story; the process gets
// a short list of its own. Pure.
import type { Config } from "../../config.js";
import { severityRank } from "../labels.js";
import type { Incident, TimelineEntry } from "../types.js";

const PROCESS_KINDS = new Set(["lead", "role", "summary"]);

/** Sources whose severity change set the level it already had (and changed nothing else). */
function reconfirmations(incident: Incident): Set<string> {
  const noop = new Set<string>();
  const changed = new Set<string>();
  incident.severityChanges.forEach((c, i) => {
    const before = incident.severityChanges[i - 1]?.level;
    (i > 0 && before === c.level ? noop : changed).add(c.source);
  });
  for (const s of changed) noop.delete(s);
  return noop;
}

export function splitStory(incident: Incident): {
  story: TimelineEntry[];
  process: TimelineEntry[];
} {
  const noop = reconfirmations(incident);
  const story: TimelineEntry[] = [];
  const process: TimelineEntry[] = [];
  for (const e of incident.timeline) {
    const isProcess =
      PROCESS_KINDS.has(e.kind) ||
      (e.kind === "severity" && noop.has(e.source)) ||
      (e.kind === "postmortem" && !e.text.startsWith("Postmortem merged"));
    (isProcess ? process : story).push(e);
  }
  return { story, process };
}

/** The severity history, each row a change (a level set again is not one). */
export function severitySteps(incident: Incident): { level: string; source: string }[] {
  return incident.severityChanges.filter(
    (c, i) => i === 0 || incident.severityChanges[i - 1]!.level !== c.level,
  );
}

/** The most severe level the incident had (config order: first is most severe). */
export function peakSeverity(incident: Incident, config: Config): string | null {
  let peak: string | null = null;
  for (const c of incident.severityChanges)
    if (severityRank(config, c.level) < severityRank(config, peak)) peak = c.level;
  return peak ?? incident.severity;
}

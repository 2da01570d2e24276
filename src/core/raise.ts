// Whether a severity change raised the incident: the page to on-call depends on it.
import type { Config } from "../config.js";
import { severityRank } from "./labels.js";
import type { Incident } from "./types.js";

/** Whether the comment or event `source` raised the severity, and to what. A raise that a
 * later change lowered again still counts: the incident was at that level, and whichever
 * handler applies it late must still tell on-call (keyed by marker, so once). */
export function raisedBy(incident: Incident, config: Config, source: string): string | null {
  const changes = incident.severityChanges;
  const first = changes.findIndex((c) => c.source === source);
  if (first < 0) return null;
  const last = changes.map((c) => c.source).lastIndexOf(source);
  const previous = first > 0 ? (changes[first - 1]?.level ?? null) : null;
  const next = changes[last]?.level ?? null;
  if (previous === null || next === null) return null;
  return severityRank(config, next) < severityRank(config, previous) ? next : null;
}

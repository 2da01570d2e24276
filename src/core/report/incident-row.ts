// One incident's facts from its listing, its block and (where read) its events.
import type { Config } from "../../config.js";
import { hasLabel, levelOfLabel, severityOf, severityRank, statusLabel, statusOf } from "../labels.js";
import { blockFacts } from "./block-facts.js";
import { minutesBetween } from "./stats.js";
import type { IncidentEvent, IncidentInput, IncidentRow } from "./types.js";

/** `status:cancelled`: declared in error, counted apart. */
export function cancelledLabel(config: Config): string {
  return `${config.labels.status_prefix}cancelled`;
}

/** `YYYY-MM` of an instant in a time zone (Intl does the zone rules, DST included). */
export function monthOf(iso: string, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit" }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

/** Every severity the incident had: each severity label ever added, and the current one. */
function severitiesSeen(config: Config, labels: string[], events: IncidentEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) {
    const level = e.event === "labeled" && e.label ? levelOfLabel(config, e.label) : null;
    if (level) seen.add(level);
  }
  const current = severityOf(config, labels);
  if (current) seen.add(current);
  return [...seen];
}

/** When the incident was declared: the block's time, else the `incident` label, else opening. */
function declaredAt(input: IncidentInput, config: Config, fromBlock: string | null): string {
  if (fromBlock) return fromBlock;
  const labeled = input.events?.find((e) => e.event === "labeled" && e.label?.toLowerCase() === config.labels.incident.toLowerCase());
  return labeled?.at ?? input.issue.createdAt;
}

/** When it was resolved: the block's time; without a block, its last close if still closed. */
function resolvedAt(input: IncidentInput, fromBlock: string | null | undefined): string | null {
  if (fromBlock !== undefined) return fromBlock;
  return input.issue.state === "closed" && input.issue.stateReason !== "not_planned" ? input.issue.closedAt : null;
}

export function incidentRow(input: IncidentInput, config: Config, reviewCycles: number): IncidentRow {
  const { issue } = input;
  const events = input.events ?? [];
  const block = blockFacts(issue.body);
  const declared = declaredAt(input, config, block?.declaredAt ?? null);
  const seen = severitiesSeen(config, issue.labels, events);
  const highest = seen.sort((a, b) => severityRank(config, a) - severityRank(config, b))[0] ?? null;
  const cancelled = hasLabel(issue.labels, cancelledLabel(config));
  const monitoring = statusLabel(config, "monitoring").toLowerCase();
  const mitigated = events.find((e) => e.event === "labeled" && e.label?.toLowerCase() === monitoring && Date.parse(e.at) >= Date.parse(declared));
  const backdated = block?.firstEntryAt ? minutesBetween(block.firstEntryAt, declared) : 0;
  const pm = block?.postmortem ?? null;
  return {
    number: issue.number,
    title: issue.title,
    url: issue.url,
    severity: highest,
    severityChanged: seen.length > 1,
    status: cancelled ? "cancelled" : statusOf(config, issue.labels),
    cancelled,
    declaredAt: declared,
    month: monthOf(declared, config.timezone),
    resolvedAt: cancelled ? null : resolvedAt(input, block ? block.resolvedAt : undefined),
    mitigatedAt: cancelled ? null : (mitigated?.at ?? null),
    backdatedMinutes: backdated > 0 ? backdated : null,
    afterChange: (block?.deploysOrMerges ?? []).some((at) => {
      const before = minutesBetween(at, declared);
      return before >= 0 && before <= 60;
    }),
    reopened: events.filter((e) => e.event === "reopened").length,
    postmortem: pm ? { number: pm.number, merged: pm.merged, mergedAt: pm.merged ? (input.postmortemMergedAt ?? null) : null } : null,
    reviewCycles,
  };
}

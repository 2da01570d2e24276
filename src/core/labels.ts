// Label names and specs, all derived from config.
import type { Config } from "../config.js";
import type { LabelSpec } from "./plan.js";
import { STATUSES, type Status } from "./types.js";

export function severityLabel(config: Config, level: string): string {
  return `${config.labels.severity_prefix}${level}`;
}

export function statusLabel(config: Config, status: Status): string {
  return `${config.labels.status_prefix}${status}`;
}

export function hasLabel(labels: string[], name: string): boolean {
  const wanted = name.toLowerCase();
  return labels.some((l) => l.toLowerCase() === wanted);
}

/** The severity a set of labels shows; with several, the highest (a user added one by hand). */
export function severityOf(config: Config, labels: string[]): string | null {
  for (const level of config.severities) {
    if (hasLabel(labels, severityLabel(config, level.name))) return level.name;
  }
  return null;
}

export function statusOf(config: Config, labels: string[]): Status | null {
  // The furthest along wins when several are present.
  for (const status of [...STATUSES].reverse()) {
    if (hasLabel(labels, statusLabel(config, status))) return status;
  }
  return null;
}

/** Level name of a severity label, or null when the label isn't one. */
export function levelOfLabel(config: Config, label: string): string | null {
  const level = config.severities.find(
    (s) => severityLabel(config, s.name).toLowerCase() === label.toLowerCase(),
  );
  return level ? level.name : null;
}

export function statusOfLabel(config: Config, label: string): Status | null {
  return STATUSES.find((s) => statusLabel(config, s).toLowerCase() === label.toLowerCase()) ?? null;
}

/** Lower index = more severe. */
export function severityRank(config: Config, level: string | null): number {
  if (level === null) return Number.POSITIVE_INFINITY;
  const i = config.severities.findIndex((s) => s.name === level);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}

const STATUS_COLOURS: Record<Status, string> = {
  investigating: "e99695",
  identified: "f9d0c4",
  monitoring: "fef2c0",
  resolved: "c2e0c6",
  complete: "0e8a16",
  cancelled: "d4c5f9",
};

const STATUS_DESCRIPTIONS: Record<Status, string> = {
  investigating: "Incident: looking for the cause",
  identified: "Incident: cause known, fix under way",
  monitoring: "Incident: fix applied, watching",
  resolved: "Incident: resolved, follow-up open",
  complete: "Incident: every follow-up done",
  cancelled: "Incident: declared in error, cancelled",
};

/** Every label hereby uses, with colour and description, for creating missing ones. */
export function allLabelSpecs(config: Config): LabelSpec[] {
  return [
    { name: config.labels.incident, color: "b60205", description: "An incident record (hereby)" },
    ...config.severities.map((s) => ({
      name: severityLabel(config, s.name),
      color: s.color,
      description: s.description,
    })),
    ...STATUSES.map((s) => ({
      name: statusLabel(config, s),
      color: STATUS_COLOURS[s],
      description: STATUS_DESCRIPTIONS[s],
    })),
    {
      name: config.labels.action,
      color: "1d76db",
      description: "An action item of an incident (hereby)",
    },
    {
      name: config.labels.review,
      color: "5319e7",
      description: "A recurring review of an incident (hereby)",
    },
  ];
}

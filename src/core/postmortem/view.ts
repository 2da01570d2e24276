// The mustache view of a postmortem: every variable a template may use (the README lists
// them). Values are Markdown, already escaped, and blameless: only `people` holds handles.
import type { Config } from "../../config.js";
import { escapeCell, escapeInline, escapeText } from "../escape.js";
import { formatDuration, utcMinute } from "../record.js";
import type { ActionItem, Incident, Login, TimelineEntry } from "../types.js";
import {
  blameless,
  castOf,
  entryText,
  keepUrls,
  mentionsIn,
  nameOf,
  type Cast,
} from "./blameless.js";
import { incidentTimes } from "../impact.js";
import { timelineDiagram } from "./mermaid.js";
import { peakSeverity, severitySteps, splitStory } from "./story.js";
import { postmortemTitleText } from "./title.js";

export interface ViewInput {
  incident: Incident;
  config: Config;
  /** hereby's own login: its entries are "hereby", not a responder. */
  self: Login | null;
  incidentUrl: string;
  repository: string;
  actionItems: ActionItem[];
  now: Date;
}

/** Empty action item rows the template offers to fill in. */
const ACTION_SLOTS = 3;

const at = (iso: string | null): string => (iso ? `${utcMinute(iso)} UTC` : "");

function severityHistory(incident: Incident, cast: Cast) {
  return severitySteps(incident).map((change) => {
    const entry = incident.timeline.find(
      (e) => e.source === change.source && (e.kind === "severity" || e.kind === "declared"),
    );
    return {
      time: entry ? at(entry.at) : "",
      level: escapeCell(change.level),
      by: entry ? escapeCell(nameOf(cast, entry.by)) : "",
    };
  });
}

/** When the incident last went to `monitoring` before it was resolved, if it did. */
function monitoringAt(incident: Incident): string | null {
  const until = incident.resolvedAt ?? "9999";
  const entries = incident.timeline.filter(
    (e) => e.kind === "status" && e.at <= until && /^Status set to monitoring/.test(e.text),
  );
  return entries[entries.length - 1]?.at ?? null;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

function timelineRows(entries: TimelineEntry[], cast: Cast) {
  return entries.map((e) => ({
    time: utcMinute(e.at),
    text: keepUrls(escapeCell(entryText(e, cast))),
    who: escapeCell(nameOf(cast, e.by)),
    url: e.url,
  }));
}

function actionRows(items: ActionItem[], cast: Cast) {
  return items.map((item) => ({
    number: item.number,
    title: escapeCell(postmortemTitleText(item.title, cast)),
    // The first assignee owns it.
    owner: item.assignees[0] ? escapeCell(nameOf(cast, item.assignees[0])) : "—",
    state:
      item.state === "open"
        ? "open"
        : item.stateReason === "not_planned"
          ? "closed (won't fix)"
          : "done",
    url: item.htmlUrl,
  }));
}

/** The incident as the document tells it: without its own opening, or a refreshed
 * draft would differ from the first. */
function told(input: ViewInput): Incident {
  const opened = (e: TimelineEntry) =>
    e.kind === "postmortem" && !e.text.startsWith("Postmortem merged");
  return { ...input.incident, timeline: input.incident.timeline.filter((e) => !opened(e)) };
}

/** Who the postmortem names, and how: the same cast for the file, its commit and its
 * pull request. */
export function postmortemCast(input: ViewInput): Cast {
  // Owners, then whoever an action item's title names (shown by role there too).
  const owners = input.actionItems.flatMap((a) => a.assignees.slice(0, 1));
  const named = input.actionItems.flatMap((a) => mentionsIn(a.title));
  return castOf(told(input), input.config, input.self, [...owners, ...named]);
}

function timesView(incident: Incident) {
  const t = incidentTimes(incident);
  return {
    impact_started_at: at(t.impactStartedAt),
    has_impact_start: t.impactStartedAt !== null,
    mitigated_at: at(t.mitigatedAt),
    has_mitigated: t.mitigatedAt !== null,
    time_to_detect: t.toDetect,
    time_to_mitigate: t.toMitigate,
    time_to_resolve: t.toResolve,
    durations_from: t.from === "impact start" ? "impact start" : "declaration",
  };
}

export function postmortemView(input: ViewInput): Record<string, unknown> {
  const { config } = input;
  const incident = told(input);
  const { story, process } = splitStory(incident);
  const peak = peakSeverity(incident, config);
  const cast = postmortemCast(input);
  const title = postmortemTitleText(incident.title, cast);
  const monitoring = monitoringAt(incident);
  const resolved = incident.resolvedAt;
  const declared = incident.declaredAt;
  const reviewDue = resolved ? addDays(resolved, config.review.interval_days) : "";
  return {
    title: escapeInline(title),
    number: incident.number,
    incident_url: input.incidentUrl,
    repository: input.repository,
    severity: incident.severity ?? "",
    peak_severity: peak ?? "",
    final_severity: incident.severity ?? "",
    severity_changed: peak !== null && incident.severity !== null && peak !== incident.severity,
    severity_history: severityHistory(incident, cast),
    status: incident.status ?? "",
    declared_at: at(declared),
    resolved_at: at(resolved),
    resolved: resolved !== null,
    monitoring_at: at(monitoring),
    has_monitoring: monitoring !== null,
    duration: declared && resolved ? formatDuration(declared, resolved) : "",
    ...timesView(incident),
    time_to_monitoring: declared && monitoring ? formatDuration(declared, monitoring) : "",
    summary: incident.summary ? keepUrls(escapeText(blameless(incident.summary, cast))) : "",
    has_summary: incident.summary !== null,
    lead: incident.lead ? escapeCell(nameOf(cast, incident.lead)) : "",
    people: cast.people.map((p) => ({
      name: escapeCell(p.name),
      roles: escapeCell(p.roles.join(", ") || "Responder"),
      handle: `@${p.login}`,
    })),
    timeline: timelineRows(story, cast),
    timeline_count: story.length,
    process: timelineRows(process, cast),
    has_process: process.length > 0,
    mermaid: timelineDiagram(`${title} (incident ${incident.number})`, story, (e) =>
      entryText(e, cast),
    ),
    action_items: actionRows(input.actionItems, cast),
    has_action_items: input.actionItems.length > 0,
    action_slots: Array.from({ length: ACTION_SLOTS }, (_, i) => ({
      n: input.actionItems.length + i + 1,
    })),
    review_interval_days: config.review.interval_days,
    review_due: reviewDue,
  };
}

/** Names a template may use: the view's keys, and inside each list its items' keys. */
export const VIEW_ITEM_KEYS: Record<string, readonly string[]> = {
  severity_history: ["time", "level", "by"],
  people: ["name", "roles", "handle"],
  timeline: ["time", "text", "who", "url"],
  process: ["time", "text", "who", "url"],
  action_items: ["number", "title", "owner", "state", "url"],
  action_slots: ["n"],
};

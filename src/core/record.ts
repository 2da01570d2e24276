// The managed block: a rendered view of the incident at the end of the issue body.
// The bot owns only the text between the markers; everything around it is the users'
// and is kept byte for byte.
import { Temporal } from "temporal-polyfill";
import type { Config } from "../config.js";
import { escapeCell, escapeText, quietHandle, serverOf, truncate } from "./escape.js";
import { BLOCK_END, BLOCK_START } from "./markers.js";
import { MAX_BODY } from "./limits.js";
import type { ActionItem, Incident, TimelineEntry } from "./types.js";
import { actionItemsSection } from "./action-items/record-rows.js";
import { timeRows } from "./impact.js";
import { formatDuration, utcMinute } from "./record-time.js";

export { MAX_BODY };

const STATE_RE = /<!-- hereby:state ([0-9,]*) -->/;

export { formatDuration, utcMinute };

/** Most characters the summary and one timeline entry may take in the block, escaped
 * (escaping can make text five times longer: `<` is `&lt;`). Beyond that a field is cut
 * with a note pointing at the comment, so one huge field can't push the severity,
 * status, lead and newest entries out of the body. */
export const SUMMARY_BUDGET = 4_000;
export const ENTRY_BUDGET = 2_000;

/** `text` escaped within `budget` characters: whole, or cut with a note linking `url`. */
function fitText(
  text: string,
  budget: number,
  url: string | undefined,
  escape: (text: string) => string,
): string {
  // Escaping never shortens text: a text longer than the budget can't fit whole.
  const full = text.length <= budget ? escape(text) : null;
  if (full !== null && full.length <= budget) return full;
  const where = url ? `[the comment](${url})` : "this issue's comments";
  const note = ` _(shortened: the full text is in ${where})_`;
  // The longest prefix whose escaped form fits: escaping grows text unevenly.
  let lo = 0;
  let hi = Math.min(text.length, budget);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escape(truncate(text, mid)).length + note.length <= budget) lo = mid;
    else hi = mid - 1;
  }
  return `${escape(truncate(text, lo))}${note}`;
}

/** "2026-11-23 15:05" from an ISO instant, in an IANA zone (Temporal: DST and all). */
export function zonedMinute(iso: string, zone: string): string {
  const t = Temporal.Instant.from(iso).toZonedDateTimeISO(zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
}

/** The zone shown beside UTC, or null when the config's zone is UTC itself. */
export function localZone(config: Config): string | null {
  const zone = config.timezone;
  return /^(Etc\/)?(UTC|UCT|GMT|GMT0|Zulu|Universal|Greenwich)$/i.test(zone) ? null : zone;
}

function timelineRow(entry: TimelineEntry, server: string, zone: string | null): string {
  const text = fitText(entry.text, ENTRY_BUDGET, entry.url, (t) => escapeCell(t, server));
  const local = zone ? ` ${zonedMinute(entry.at, zone)} |` : "";
  return `| ${utcMinute(entry.at)} |${local} ${text} [↗](${entry.url}) | ${quietHandle(entry.by, server)} |`;
}

function summaryLine(incident: Incident, server: string): string {
  if (!incident.summary) return "_No summary yet: `/summary <text>` sets one._";
  const source = incident.timeline.findLast((e) => e.kind === "summary");
  return `**Summary:** ${fitText(incident.summary, SUMMARY_BUDGET, source?.url, (t) => escapeText(t, server))}`;
}

/** The record's table of facts: severity, status, people, times, links. */
function summaryRows(
  incident: Incident,
  config: Config,
  server: string,
  review: number | null,
): string[] {
  const rows: string[] = [];
  const dash = "—";
  const person = (login: string) => quietHandle(login, server);
  rows.push(`| **Severity** | ${incident.severity ?? dash} |`);
  rows.push(`| **Status** | ${incident.status ?? dash} |`);
  rows.push(`| **Lead** | ${incident.lead ? person(incident.lead) : dash} |`);
  for (const role of config.roles) {
    const holders = incident.roles[role.name] ?? [];
    rows.push(
      `| **${escapeCell(role.title)}** | ${holders.length > 0 ? holders.map(person).join(", ") : dash} |`,
    );
  }
  rows.push(...timeRows(incident, incident.declaredBy ? ` by ${person(incident.declaredBy)}` : ""));
  if (incident.postmortem)
    rows.push(
      `| **Postmortem** | #${incident.postmortem.number}${incident.postmortem.mergedAt ? " (merged)" : " (in review)"} |`,
    );
  if (review !== null) rows.push(`| **Review** | #${review} |`);
  return rows;
}

/** The timeline's rows; with entries left out to fit, the first and the most recent, and a
 * row saying how many are in the comments instead. */
function timelineRows(
  entries: TimelineEntry[],
  omitted: number,
  row: (entry: TimelineEntry) => string,
  zone: string | null,
): string[] {
  const none =
    entries.length === 0
      ? [`| — |${zone ? " |" : ""} No entries yet: \`/timeline <text>\` adds one. | |`]
      : [];
  if (omitted === 0) return [...entries.map(row), ...none];
  const half = Math.ceil(entries.length / 2);
  return [
    ...entries.slice(0, half).map(row),
    `| … |${zone ? " |" : ""} ${omitted} entries left out to stay within GitHub's size limit for an issue body: every entry is in this issue's comments and events. | |`,
    ...entries.slice(half).map(row),
    ...none,
  ];
}

function renderBlock(
  incident: Incident,
  config: Config,
  entries: TimelineEntry[],
  omitted: number,
  items: ActionItem[] = [],
  review: number | null = null,
): string {
  const server = serverOf(incident.url);
  // UTC stays the sortable truth; the configured zone's time goes beside it.
  const zone = localZone(config);
  const row = (entry: TimelineEntry) => timelineRow(entry, server, zone);
  const rows = summaryRows(incident, config, server, review);

  const lines = [
    BLOCK_START,
    "",
    "---",
    "",
    `### Incident record`,
    "",
    summaryLine(incident, server),
    "",
    "| | |",
    "|---|---|",
    ...rows,
    "",
    "#### Timeline",
    "",
    zone ? `| Time (UTC) | ${escapeCell(zone)} | Entry | By |` : "| Time (UTC) | Entry | By |",
    zone ? "|---|---|---|---|" : "|---|---|---|",
  ];
  lines.push(...timelineRows(entries, omitted, row, zone));
  lines.push(...actionItemsSection(items));
  if (incident.redacted) {
    lines.push(
      "",
      "> [!WARNING]",
      "> Secrets were redacted from this record. Rotate them: comment edit history still holds the original text.",
    );
  }
  lines.push(
    "",
    `<sub>Kept by hereby from this issue's labels, comments and events: edits inside this block are replaced. \`/help\` lists the commands.</sub>`,
    `<!-- hereby:state ${incident.commandCommentIds.join(",")} -->`,
    // Where the changes list is: a live event finds it from the issue list alone.
    ...(incident.changesComment
      ? [`<!-- hereby:changescomment ${incident.changesComment} -->`]
      : []),
    BLOCK_END,
  );
  return lines.join("\n");
}

/** Where the block sits in a body: the last start marker followed by an end marker. */
function locateBlock(body: string): { start: number; end: number } | null {
  const start = body.lastIndexOf(BLOCK_START);
  if (start < 0) return null;
  const endAt = body.indexOf(BLOCK_END, start);
  if (endAt < 0) return null;
  return { start, end: endAt + BLOCK_END.length };
}

/** The body with the block replaced (or appended), within GitHub's size limit. */
export function withRecord(
  body: string | null,
  incident: Incident,
  config: Config,
  items: ActionItem[] = [],
  review: number | null = null,
): string {
  const text = body ?? "";
  const at = locateBlock(text);
  const before = at ? text.slice(0, at.start) : text.length > 0 ? `${text}\n\n` : "";
  const after = at ? text.slice(at.end) : "";
  const room = MAX_BODY - before.length - after.length;

  let block = renderBlock(incident, config, incident.timeline, 0, items, review);
  // Drop middle entries until the body fits; halve the step count by bisection.
  if (block.length > room) {
    let lo = 0;
    let hi = incident.timeline.length;
    while (lo < hi) {
      const keep = Math.floor((lo + hi + 1) / 2);
      const head = incident.timeline.slice(0, Math.ceil(keep / 2));
      const tail = incident.timeline.slice(incident.timeline.length - Math.floor(keep / 2));
      const candidate = renderBlock(
        incident,
        config,
        [...head, ...tail],
        incident.timeline.length - keep,
        items,
        review,
      );
      if (candidate.length <= room) lo = keep;
      else hi = keep - 1;
    }
    const head = incident.timeline.slice(0, Math.ceil(lo / 2));
    const tail =
      lo > 1 ? incident.timeline.slice(incident.timeline.length - Math.floor(lo / 2)) : [];
    const entries = [...head, ...tail];
    block = renderBlock(
      incident,
      config,
      entries,
      incident.timeline.length - entries.length,
      items,
      review,
    );
  }
  if (block.length > room) {
    // The users' own text leaves no room for the record: say so in as few characters as
    // we can, and never touch their text to make room.
    block = [
      BLOCK_START,
      `_The incident record does not fit: this description is near GitHub's ${MAX_BODY.toLocaleString("en-US")}-character limit. Shorten it and the record comes back._`,
      BLOCK_END,
    ].join("\n");
    if (block.length > room) return text;
  }
  return `${before}${block}${after}`;
}

/** Comment ids the block in a body says it reflects (empty when there is no block). */
export function recordedCommentIds(body: string | null): number[] {
  const text = body ?? "";
  const at = locateBlock(text);
  if (!at) return [];
  const match = STATE_RE.exec(text.slice(at.start, at.end));
  if (!match || !match[1]) return [];
  return match[1].split(",").map(Number);
}

/** How many timeline entries the block in a body shows, those left out for size included. */
export function recordedEntryCount(body: string | null): number {
  const text = body ?? "";
  const at = locateBlock(text);
  if (!at) return 0;
  const block = text.slice(at.start, at.end);
  const rows = block.match(/^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/gm)?.length ?? 0;
  const omitted = Number(/^\| … \|(?: \|)? (\d+) entries left out/m.exec(block)?.[1] ?? 0);
  return rows + omitted;
}

/** The users' part of a body: everything outside the block. */
export function userText(body: string | null): string {
  const text = body ?? "";
  const at = locateBlock(text);
  return at ? text.slice(0, at.start) + text.slice(at.end) : text;
}

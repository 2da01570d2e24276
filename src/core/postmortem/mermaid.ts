// The timeline as a Mermaid `timeline` diagram (GitHub renders ```mermaid blocks).
// Sections are the incident's phases (investigating → identified → monitoring →
// resolved), periods are UTC minutes (`14:02`: Mermaid's entity code `#58;` carries the
// colon its grammar reserves). A long incident stays readable: every milestone (declared,
// severity, status, resolved) is kept, notes fill the rest up to a cap, and each phase
// says how many entries it left out; the table has them all. Labels are cut at a word
// boundary with "…"; the table keeps the full text.
import type { TimelineEntry } from "../types.js";
import { mapUrls, wordStart, type UrlShape } from "../urls.js";

/** Events drawn at most: past this a timeline diagram is a wall of text. */
export const MAX_DIAGRAM_EVENTS = 24;
const MAX_EVENT_TEXT = 60;
/** A link is shown as "(link)": its `:` and `#` would break the grammar. */
const LINK: UrlShape = { body: /\S+/y, startsAt: wordStart };

interface Phase {
  name: string;
  entries: TimelineEntry[];
  left: number;
}

const PHASE_NAMES: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

const BEFORE = "Before the incident";

function phaseAfter(entry: TimelineEntry, current: string): string {
  if (entry.kind === "resolved") return "Resolved";
  // Kept changes (a deploy minutes before the pager) come before the declaration.
  if (current === BEFORE && entry.kind !== "change") return "Investigating";
  if (entry.kind === "reopened") return "Investigating";
  // Status entries are hereby's own text: "Status set to <status>…".
  const m = entry.kind === "status" ? /^Status set to ([a-z]+)/.exec(entry.text) : null;
  return (m?.[1] && PHASE_NAMES[m[1]]) ?? current;
}

/** Which entries to draw: milestones first, then notes spread evenly, in time order. */
function pick(entries: TimelineEntry[], max: number): Set<TimelineEntry> {
  if (entries.length <= max) return new Set(entries);
  const milestones = entries.filter((e) => e.kind !== "note").slice(0, max);
  const notes = entries.filter((e) => e.kind === "note");
  const room = max - milestones.length;
  const chosen = new Set(milestones);
  for (let i = 0; i < room && notes.length > 0; i++) {
    const note = notes[Math.floor((i * notes.length) / room)];
    if (note) chosen.add(note);
  }
  return chosen;
}

/** Mermaid's entity code for `:`, decoded when it draws the label. */
const COLON = "#58;";

/** At most `max` characters, cut after the last whole word that fits, with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.search(/\s\S*$/);
  // One word longer than the label: cut inside it rather than show nothing.
  const cut = space > max / 3 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,.;:–—-]+$/, "")}…`;
}

/** Text Mermaid's timeline grammar accepts: no `:` (its entity code instead), `#`, `;`,
 * `%%` or line breaks. */
export function diagramText(text: string): string {
  const flat = mapUrls(
    text,
    LINK,
    (plain) => plain,
    () => "(link)",
  )
    .replace(/\s+/g, " ")
    .replace(/#/g, "＃")
    .replace(/;/g, ",")
    .replace(/%%+/g, "%")
    .trim();
  return (cutAtWord(flat, MAX_EVENT_TEXT) || "(no text)").replace(/:/g, COLON);
}

function period(at: string, multiDay: boolean): string {
  const time = `${at.slice(11, 13)}${COLON}${at.slice(14, 16)}`;
  return multiDay ? `${at.slice(5, 10)} ${time}` : time;
}

/**
 * The diagram source (without the fence). `text` turns an entry into what is shown (the
 * blameless text); the caller passes entries sorted by time.
 */
export function timelineDiagram(
  title: string,
  entries: TimelineEntry[],
  text: (e: TimelineEntry) => string,
): string {
  const shown = pick(entries, MAX_DIAGRAM_EVENTS);
  const phases: Phase[] = [];
  let phase = entries[0]?.kind === "change" ? BEFORE : "Investigating";
  for (const entry of entries) {
    phase = phaseAfter(entry, phase);
    let current = phases[phases.length - 1];
    if (!current || current.name !== phase) {
      current = { name: phase, entries: [], left: 0 };
      phases.push(current);
    }
    if (shown.has(entry)) current.entries.push(entry);
    else current.left += 1;
  }
  const multiDay = new Set(entries.map((e) => e.at.slice(0, 10))).size > 1;
  const lines = ["timeline", `    title ${diagramText(title)}`];
  for (const p of phases) {
    lines.push(`    section ${p.name}`);
    let lastPeriod = "";
    for (const entry of p.entries) {
      const label = period(entry.at, multiDay);
      if (label === lastPeriod) lines.push(`        : ${diagramText(text(entry))}`);
      else lines.push(`      ${label} : ${diagramText(text(entry))}`);
      lastPeriod = label;
    }
    if (p.left > 0)
      lines.push(
        `      … : ${p.left} more ${p.left === 1 ? "entry" : "entries"} in the table below`,
      );
  }
  if (entries.length === 0)
    lines.push("    section Investigating", "      — : No timeline entries were recorded");
  return lines.join("\n");
}

// The "Changes around this incident" comment: rendered from its entries, and read back
// from its body. Each line carries its entry's data in a hidden marker (base64url JSON),
// so an in-place update rebuilds the list from the comment itself, and the box in front
// of it is read as the person left it.
import { escapeInline, quietHandle, DEFAULT_SERVER, truncate } from "../escape.js";
import { findMarkers, marker } from "../markers.js";
import { redactSecrets } from "../redact.js";
import { CHANGE_KINDS, KIND_LABEL, type ChangeEntry, type ChangesList } from "./types.js";

export const CHANGES_TITLE = "Changes around this incident";
/** Most entries one comment lists (kept ones are never dropped); the body stays far
 * below GitHub's 65,536 characters. */
export const MAX_ENTRIES = 40;
const MAX_TITLE = 120;

/** The marker that finds the comment again: the window's start is its key. */
export function changesMarker(since: string): string {
  return marker("changes", since);
}

export function renderChanges(list: ChangesList, server = DEFAULT_SERVER): string {
  const entries = [...list.entries].sort((a, b) =>
    a.change.at < b.change.at ? 1 : a.change.at > b.change.at ? -1 : b.n - a.n,
  );
  const lines = entries.map((e) => renderEntry(e, server));
  return [
    changesMarker(list.since),
    `### ${CHANGES_TITLE}`,
    "",
    `Deployments, releases, pull requests merged into the default branch and failed runs ` +
      `since ${when(list.since)}, newest first. Tick a box, or comment \`/keep <n>\`, to put ` +
      `a change on the timeline; untick it (or \`/keep <n>\` again) to take it back.`,
    "",
    ...(lines.length > 0 ? lines : ["_Nothing changed in this window yet._"]),
  ].join("\n");
}

function renderEntry(e: ChangeEntry, server: string): string {
  const c = e.change;
  const title = escapeInline(
    truncate(redactSecrets(c.title).text.replace(/\s+/g, " ").trim(), MAX_TITLE),
  );
  // A deployment's state is shown once read (the newest one's on declaration, each one's
  // from its deployment_status webhook).
  const state = c.deploy?.state ? ` (${escapeInline(c.deploy.state)})` : "";
  const what = c.deploy ? `${escapeInline(c.deploy.environment)}: ${title}${state}` : title;
  const who = c.by ? ` · by ${quietHandle(c.by, server)}` : "";
  const kept = e.kept ? ` · **kept** by ${quietHandle(e.kept.by, server)}` : "";
  const link = `[${escapeInline(c.repo)}](${safeUrl(c.url, server)})`;
  const box = e.ticked ? "[x]" : "[ ]";
  return (
    `- ${box} **${e.n}** · ${when(c.at)} · ${KIND_LABEL[c.kind]} · ${what} ` +
    `· ${link}${who}${kept} ${marker("change", encode(e))}`
  );
}

/** `2026-11-23 14:02 UTC`. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Only http(s) links, with nothing that could end the Markdown link. */
function safeUrl(url: string, server: string): string {
  return /^https?:\/\/[^\s()<>]+$/.test(url) ? url : server;
}

/** The list a comment body holds; null when it is no changes comment. */
export function parseChanges(body: string): ChangesList | null {
  const head = findMarkers(body).find((m) => m.kind === "changes");
  if (!head) return null;
  const entries: ChangeEntry[] = [];
  for (const line of body.split(/\r?\n/)) {
    const m = /^- \[([ xX])\] .*<!-- hereby:change ([A-Za-z0-9=_-]+) -->\s*$/.exec(line);
    const entry = m ? decode(m[2]!) : null;
    if (entry) entries.push({ ...entry, ticked: m![1] !== " " });
  }
  return { since: head.key, entries };
}

type Stored = Omit<ChangeEntry, "ticked">;

function encode(e: ChangeEntry): string {
  const { ticked: _ticked, ...data } = e;
  const bytes = new TextEncoder().encode(JSON.stringify(data));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(key: string): Stored | null {
  try {
    const binary = atob(key.replace(/-/g, "+").replace(/_/g, "/"));
    const data = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))),
    ) as unknown;
    return isStored(data) ? data : null;
  } catch {
    return null;
  }
}

/** Only the shape hereby writes: anything else on a line is text, not an entry. */
function isStored(v: unknown): v is Stored {
  if (typeof v !== "object" || v === null) return false;
  const e = v as Partial<Stored>;
  const c = e.change as Partial<Stored["change"]> | undefined;
  if (typeof e.n !== "number" || !c || typeof c !== "object") return false;
  const strings = [c.key, c.at, c.repo, c.title, c.url].every((s) => typeof s === "string");
  const kept =
    e.kept === undefined || (typeof e.kept.by === "string" && typeof e.kept.at === "string");
  return strings && (CHANGE_KINDS as readonly string[]).includes(c.kind ?? "") && kept;
}

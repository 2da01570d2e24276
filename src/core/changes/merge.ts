// Updating the list in place: new changes join it, known ones (a deployment whose status
// moved on) are refreshed, and nothing a person did is lost: an entry keeps its number,
// its keeper and its box as the comment showed it.
import { truncate } from "../escape.js";
import { redactSecrets } from "../redact.js";
import { MAX_ENTRIES } from "./comment.js";
import type { Change, ChangeEntry, ChangesList } from "./types.js";

export function mergeChanges(
  current: ChangesList | null,
  since: string,
  incoming: Change[],
): ChangesList {
  const entries = new Map((current?.entries ?? []).map((e) => [e.change.key, { ...e }]));
  let next = Math.max(0, ...[...entries.values()].map((e) => e.n)) + 1;
  // Titles are stored redacted (the entry's data rides in the comment) and bounded.
  const fresh = incoming
    .map(stored)
    .sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  for (const change of fresh) {
    const known = entries.get(change.key);
    if (known) known.change = refreshed(known.change, change);
    else entries.set(change.key, { n: next++, change, ticked: false });
  }
  return { since: current?.since ?? since, entries: trimmed([...entries.values()]) };
}

function stored(change: Change): Change {
  return { ...change, title: truncate(redactSecrets(change.title).text, 300) };
}

/** A deployment's later status may come without its title or creator (a webhook names the
 * status's author): what the newer read lacks, the entry keeps. */
function refreshed(old: Change, change: Change): Change {
  const state = change.deploy?.state ?? old.deploy?.state ?? null;
  const deploy = change.deploy ? { deploy: { ...change.deploy, state } } : {};
  return {
    ...old,
    ...change,
    ...deploy,
    by: change.by ?? old.by,
    title: change.title || old.title,
  };
}

/** The newest entries, and every one a person ticked or kept. */
function trimmed(entries: ChangeEntry[]): ChangeEntry[] {
  const held = (e: ChangeEntry) => e.ticked || e.kept !== undefined;
  const newest = [...entries].sort((a, b) => b.change.at.localeCompare(a.change.at) || b.n - a.n);
  const room = Math.max(0, MAX_ENTRIES - entries.filter(held).length);
  const keep = new Set([...newest.filter(held), ...newest.filter((e) => !held(e)).slice(0, room)]);
  return entries.filter((e) => keep.has(e));
}

/** Boxes a person's edit turned on or off, by change key. */
export function tickChanges(
  before: ChangesList | null,
  after: ChangesList,
): { key: string; ticked: boolean }[] {
  const was = new Map((before?.entries ?? []).map((e) => [e.change.key, e.ticked]));
  return after.entries
    .filter((e) => (was.get(e.change.key) ?? false) !== e.ticked)
    .map((e) => ({ key: e.change.key, ticked: e.ticked }));
}

/** Keeps (or takes back) the ticked changes as `by` did at `at`. */
export function applyTicks(
  list: ChangesList,
  ticks: { key: string; ticked: boolean }[],
  by: string,
  at: string,
): ChangesList {
  const wanted = new Map(ticks.map((t) => [t.key, t.ticked]));
  const entries = list.entries.map((e) => {
    const ticked = wanted.get(e.change.key);
    if (ticked === undefined) return e;
    const { kept: _kept, ...rest } = e;
    return ticked ? { ...rest, ticked, kept: e.kept ?? { by, at } } : { ...rest, ticked };
  });
  return { ...list, entries };
}

/** `/keep <n>` in comment `commentId`: keeps entry n, or takes it back when it is kept.
 * The same comment again (redelivered, edited) changes nothing. Null: no entry n. */
export function toggleKeep(
  list: ChangesList,
  n: number,
  by: string,
  at: string,
  commentId: number,
): ChangesList | null {
  const entry = list.entries.find((e) => e.n === n);
  if (!entry) return null;
  if (entry.applied?.includes(commentId)) return list;
  const toggled = applyTicks(
    list,
    [{ key: entry.change.key, ticked: entry.kept === undefined }],
    by,
    at,
  );
  const applied = [...(entry.applied ?? []), commentId].slice(-10);
  return { ...toggled, entries: toggled.entries.map((e) => (e.n === n ? { ...e, applied } : e)) };
}

// What the managed block in an incident's body says: the reducer's declared and resolved
// times, the timeline's earliest entry and the postmortem pull request. The block is
// hereby's rendered view of the issue, so reading it saves reading every comment.
import { BLOCK_END, BLOCK_START } from "../markers.js";

export interface BlockFacts {
  declaredAt: string | null;
  resolvedAt: string | null;
  /** The earliest timeline row (backdated entries sort before the declaration). */
  firstEntryAt: string | null;
  postmortem: { number: number; merged: boolean } | null;
  /** Kept deploys, merges and reverts on the timeline (core/changes/timeline.ts's text). */
  deploysOrMerges: string[];
}

const MINUTE = String.raw`(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})`;
const DECLARED_RE = new RegExp(String.raw`^\| \*\*Declared\*\* \| ${MINUTE} UTC`, "m");
const RESOLVED_RE = new RegExp(String.raw`^\| \*\*Resolved\*\* \| ${MINUTE} UTC`, "m");
const ROW_RE = new RegExp(String.raw`^\| ${MINUTE} \|`, "gm");
const CHANGE_ROW_RE = new RegExp(String.raw`^\| ${MINUTE} \|(?: [^|\n]*? \|)? (?:deploy|merged PR|revert) [^\n]* in [A-Za-z0-9-]+/[A-Za-z0-9._-]+ \[↗\]`, "gm");
const POSTMORTEM_RE = /^\| \*\*Postmortem\*\* \| #(\d+) \((merged|in review)\)/m;

const iso = (day: string, time: string): string => `${day}T${time}:00.000Z`;

/** The block's text: the last start marker and the end marker after it. */
function blockOf(body: string | null): string | null {
  const text = body ?? "";
  const start = text.lastIndexOf(BLOCK_START);
  if (start < 0) return null;
  const end = text.indexOf(BLOCK_END, start);
  return end < 0 ? null : text.slice(start, end);
}

export function blockFacts(body: string | null): BlockFacts | null {
  const block = blockOf(body);
  if (block === null) return null;
  const declared = DECLARED_RE.exec(block);
  const resolved = RESOLVED_RE.exec(block);
  const rows = [...block.matchAll(ROW_RE)].map((m) => iso(m[1] ?? "", m[2] ?? "")).sort();
  const pm = POSTMORTEM_RE.exec(block);
  return {
    declaredAt: declared ? iso(declared[1] ?? "", declared[2] ?? "") : null,
    resolvedAt: resolved ? iso(resolved[1] ?? "", resolved[2] ?? "") : null,
    firstEntryAt: rows[0] ?? null,
    postmortem: pm ? { number: Number(pm[1]), merged: pm[2] === "merged" } : null,
    deploysOrMerges: [...block.matchAll(CHANGE_ROW_RE)].map((m) => iso(m[1] ?? "", m[2] ?? "")),
  };
}

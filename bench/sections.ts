// BENCHMARKS.md is written by several benches: each owns one section between its own
// start and end markers, replaced in place (or appended the first time), so a bench
// never drops a section another one wrote.
import { readFileSync, writeFileSync } from "node:fs";

const BENCHMARKS = new URL("../BENCHMARKS.md", import.meta.url);

/** Replaces the text from `start` to `end` (markers included; `section` carries both). */
export function writeSection(start: string, end: string, section: string): void {
  const doc = readFileSync(BENCHMARKS, "utf8");
  const at = doc.indexOf(start);
  const endAt = at < 0 ? -1 : doc.indexOf(end, at);
  const before = at < 0 ? doc.trimEnd() : doc.slice(0, at).trimEnd();
  const after = endAt < 0 ? "" : doc.slice(endAt + end.length).trim();
  writeFileSync(BENCHMARKS, `${before}\n\n${section}\n${after ? `\n${after}\n` : ""}`);
}

// The user-facing documents the docs tests read: README.md, SECURITY.md, CHANGELOG.md and
// every page under docs/ (the demo's generated examples apart where a test says so).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : [],
  );
}

/** Paths relative to the root, README first. */
export function documents({ examples = false } = {}): string[] {
  const top = ["README.md", "SECURITY.md", "CHANGELOG.md"].filter((f) => existsSync(join(ROOT, f)));
  const docs = pages(join(ROOT, "docs"))
    .map((p) => relative(ROOT, p))
    .filter((p) => examples || !p.startsWith("docs/examples/"));
  return [...top, ...docs.sort()];
}

export const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

export interface Block {
  lang: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Fenced code blocks, with their info string's first word. */
export function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trim().startsWith(fence)) body.push(lines[j++]!);
    blocks.push({ lang: open[3]!, text: `${body.join("\n")}\n`, line: i + 1 });
    i = j;
  }
  return blocks;
}

/** The text without fenced blocks. */
export function withoutFences(markdown: string): string {
  return markdown.replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\s*\2\s*$/gm, "");
}

/** The text without fenced blocks and inline code spans (links there are examples). */
export function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, "");
}

/** Rows of the first table whose header starts with `first`, as cells. */
export function table(markdown: string, first: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start < 0) throw new Error(`no table headed "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** The `code` spans of a cell, unescaped (`\|` → `|`). */
export const spans = (cell: string): string[] =>
  [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, "|"));

// The architecture, as the imports show it: no module of src/ reaches back to itself
// through others, and the core decides from what it is handed: it reads no disk, no
// network, and nothing from the layers above it (the port, the handlers, the shells).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

interface Imports {
  /** Other files of src/ (by path relative to the root). */
  local: string[];
  /** Packages and Node built-ins, as written. */
  external: string[];
}

/** Every import, export-from and `import()` of a file, type-only ones included (they tie
 * modules together just the same), read with TypeScript's own pre-processor. */
function importsOf(file: string): Imports {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const local: string[] = [];
  const external: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith(".")) external.push(fileName);
    else if (!fileName.endsWith(".json"))
      local.push(relative(ROOT, resolve(dirname(file), fileName.replace(/\.js$/, ".ts"))));
  }
  return { local, external };
}

const graph = new Map(sourceFiles(SRC).map((file) => [relative(ROOT, file), importsOf(file)]));

/** Each import circle once, as the path around it (Tarjan's strongly connected parts). */
function circles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node)?.local ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const part: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      part.push(member);
    } while (member !== node);
    if (part.length > 1 || graph.get(node)!.local.includes(node)) found.push(part.reverse());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const BUILTIN = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** Packages that talk to GitHub or run a shell: the core gets their results as data. */
const PLATFORM = /^(@octokit\/|probot$|@actions\/|ioredis$)/;
/** What the core may import outside itself: the config schema (pure zod) and its messages. */
// The config's schema and its pure helpers (problem wording, checks between keys, the
// refusal of prototype keys): data and functions, no I/O.
const CORE_MAY_IMPORT = new Set([
  "src/config.ts",
  "src/time-zones.ts",
  "src/config-problems.ts",
  "src/config-cross.ts",
  "src/config-keys.ts",
]);

describe("the import graph of src/", () => {
  it("has no circle: every module sits below the ones that import it", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(circles().map((part) => part.join(" → "))).toEqual([]);
  });

  it("finds a circle when there is one (the check can fail)", () => {
    graph.set("src/core/a.ts", { local: ["src/core/b.ts"], external: [] });
    graph.set("src/core/b.ts", { local: ["src/core/a.ts"], external: [] });
    try {
      expect(circles()).toContainEqual(["src/core/a.ts", "src/core/b.ts"]);
    } finally {
      graph.delete("src/core/a.ts");
      graph.delete("src/core/b.ts");
    }
  });

  it("keeps the core pure: no disk, no network, nothing from the port, handlers or shells", () => {
    const core = [...graph.keys()].filter((file) => file.startsWith("src/core/"));
    expect(core.length).toBeGreaterThan(50);
    const reached = new Set<string>();
    const pending = [...core];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (reached.has(file)) continue;
      reached.add(file);
      pending.push(...(graph.get(file)?.local ?? []));
    }
    const problems: string[] = [];
    for (const file of reached) {
      if (!file.startsWith("src/core/") && !CORE_MAY_IMPORT.has(file))
        problems.push(`the core reaches ${file}`);
      for (const name of graph.get(file)?.external ?? []) {
        if (BUILTIN.has(name) || PLATFORM.test(name)) problems.push(`${file} imports ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("leaves the wall clock to the shells: decisions take their time from HandlerContext.clock", () => {
    const WALL_CLOCK = /\bnew Date\(\s*\)|\bDate\.now\(|\bTemporal\.Now\b/;
    const readers = [...graph.keys()]
      .filter((file) => /^src\/(core|handlers|github)\//.test(file))
      .filter((file) => WALL_CLOCK.test(readFileSync(join(ROOT, file), "utf8")));
    expect(readers).toEqual([]);
  });
});

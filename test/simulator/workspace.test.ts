// The simulator and the demo are the @hereby/simulator workspace, apart from the product:
// hereby's sources never import them (so neither the package nor the bundle carries them),
// the simulator knows GitHub and not hereby, and the workspace names the packages it imports.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const WORKSPACE = join(ROOT, "packages/simulator");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

const specifiers = (file: string) =>
  ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((i) => i.fileName);

/** Each import of a file: relative ones resolved to a path from the root, packages as written. */
function importsOf(file: string): string[] {
  return specifiers(file).map((name) =>
    name.startsWith(".") ? relative(ROOT, resolve(dirname(file), name)) : name,
  );
}

const BUILTIN = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const packageOf = (name: string) => name.split("/").slice(0, name.startsWith("@") ? 2 : 1).join("/");

describe("the @hereby/simulator workspace", () => {
  it("is imported by nothing in src/", () => {
    const reaching = sourceFiles(join(ROOT, "src")).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith("packages/") || target.startsWith("@hereby/"))
        .map((target) => `${relative(ROOT, file)} imports ${target}`),
    );
    expect(reaching).toEqual([]);
  });

  it("keeps the simulator free of hereby: only the demo imports src/", () => {
    const files = sourceFiles(join(WORKSPACE, "src")).filter((f) => !f.includes("/src/demo/"));
    const reaching = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith("src/"))
        .map((target) => `${relative(ROOT, file)} imports ${target}`),
    );
    expect(reaching).toEqual([]);
  });

  it("declares, in its own package.json, every package its simulator imports", () => {
    const manifest = JSON.parse(readFileSync(join(WORKSPACE, "package.json"), "utf8")) as {
      private?: boolean;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(manifest.private).toBe(true);
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ]);
    const files = sourceFiles(join(WORKSPACE, "src")).filter((f) => !f.includes("/src/demo/"));
    const used = new Set(
      files.flatMap(specifiers).filter((name) => !name.startsWith(".") && !BUILTIN.has(name)),
    );
    const missing = [...used].map(packageOf).filter((name) => !declared.has(name));
    expect(missing).toEqual([]);
    expect([...used].map(packageOf)).toContain("ajv");
  });

  it("is not in the root package's files: the tarball carries only the product", () => {
    const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      files: string[];
      workspaces: string[];
    };
    expect(root.workspaces).toEqual(["packages/*"]);
    expect(root.files.filter((f) => f.startsWith("packages") || f.startsWith("src"))).toEqual([]);
  });
});

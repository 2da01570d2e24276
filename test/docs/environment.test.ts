// Every environment variable src/ reads is in an environment table of the docs: the App's
// (docs/app.md) for what the App's code reads, the Action's for src/action*.ts, the CLI's
// for the command line's own files. A new `process.env.X` without a row fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { read, ROOT, spans, table } from "./support.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** `env.X`, `env?.X`, `env["X"]`, `getenv("X")`, and names destructured from an env object. */
export function envReads(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(
    /\benv\??\.\s*([A-Z][A-Z0-9_]*)\b|\benv\[\s*["'`]([A-Z][A-Z0-9_]*)["'`]\s*\]/g,
  ))
    names.add((m[1] ?? m[2])!);
  for (const m of code.matchAll(/\{([^{}]*)\}\s*=\s*(?:process\.)?env\b/g)) {
    for (const part of m[1]!.split(",")) {
      const name = /^\s*([A-Z][A-Z0-9_]*)\b/.exec(part)?.[1];
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** Which page documents the variables a source file reads. */
function pageFor(file: string): string {
  const name = relative(join(ROOT, "src"), file);
  if (/^action[-.]/.test(name)) return "docs/action.md";
  if (/^(cli|cli-args|sweep-cli|setup-cli|report-cli)\.ts$/.test(name)) return "docs/cli.md";
  return "docs/app.md";
}

const documented = (page: string): Set<string> =>
  new Set(
    table(read(page), "variable").flatMap(([cell]) => spans(cell!).map((s) => s.split("=")[0]!)),
  );

describe("environment variables", () => {
  const reads = sources(join(ROOT, "src")).flatMap((file) =>
    envReads(readFileSync(file, "utf8")).map((name) => ({
      name,
      file: relative(ROOT, file),
      page: pageFor(file),
    })),
  );

  it("src/ reads some, so the check below checks something", () => {
    expect(reads.map((r) => r.name)).toEqual(
      expect.arrayContaining(["HEREBY_SWEEP_HOURS", "GITHUB_TOKEN", "GITHUB_EVENT_PATH"]),
    );
  });

  it("every variable src/ reads is in the environment table of its page", () => {
    const missing = reads
      .filter((r) => !documented(r.page).has(r.name))
      .map((r) => `${r.name} (read in ${r.file}) is not in ${r.page}`);
    expect(missing).toEqual([]);
  });

  it("the App's table has Probot's standard variables, which Probot reads for hereby", () => {
    const app = documented("docs/app.md");
    for (const name of [
      "APP_ID",
      "PRIVATE_KEY",
      "PRIVATE_KEY_PATH",
      "WEBHOOK_SECRET",
      "PORT",
      "HOST",
      "WEBHOOK_PATH",
      "LOG_LEVEL",
      "LOG_FORMAT",
      "GHE_HOST",
      "GHE_PROTOCOL",
      "REDIS_URL",
      "WEBHOOK_PROXY_URL",
      "NODE_ENV",
    ]) {
      expect(app).toContain(name);
    }
  });

  it("reads are found in their usual forms", () => {
    const code =
      "const a = process.env.ONE; const b = env?.TWO; env['THREE']; const { FOUR, FIVE: x = 1 } = process.env;";
    expect(envReads(code).sort()).toEqual(["FIVE", "FOUR", "ONE", "THREE", "TWO"]);
  });
});

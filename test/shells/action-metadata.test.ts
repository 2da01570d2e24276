// The real action.yml as GitHub loads it: valid YAML, valid against the schema of Action
// metadata (SchemaStore's, kept in test/fixtures), with the inputs SPEC names and the
// outputs the run sets.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { CONFIG_FILE } from "../../src/config.js";
import { actionInputs, actionMetadata, ROOT } from "./support.js";

const schema = JSON.parse(
  readFileSync(join(ROOT, "test/fixtures/github-action.schema.json"), "utf8"),
) as object;

function validate(metadata: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return check(metadata)
    ? []
    : (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

describe("action.yml", () => {
  it("parses as YAML and is valid Action metadata", () => {
    const metadata = actionMetadata();
    expect(validate(metadata)).toEqual([]);
    expect(metadata.name).toBe("hereby");
    expect(metadata.description).toMatch(/incident/i);
    expect((metadata as { branding?: { icon?: string; color?: string } }).branding).toEqual({
      icon: "alert-triangle",
      color: "red",
    });
  });

  it("the checks reject what broke it before: an unquoted description with `: ` in it", () => {
    const broken = readFileSync(join(ROOT, "action.yml"), "utf8").replace(
      /description: "Token that reads[^\n]*/,
      "description: Token used to read and write issues. The workflow's GITHUB_TOKEN needs `issues: write` and `contents: read`.",
    );
    expect(broken).not.toBe(readFileSync(join(ROOT, "action.yml"), "utf8"));
    expect(() => void parseYaml(broken, { strict: true })).toThrow(/mapping|Nested/i);
    // And the schema catches what YAML alone accepts.
    expect(
      validate({ ...actionMetadata(), runs: { using: "node99", main: "dist/index.js" } }),
    ).not.toEqual([]);
  });

  it("runs dist/index.js on node24 and takes github-token, config and dry-run with SPEC's defaults", () => {
    const metadata = actionMetadata();
    expect(metadata.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(existsSync(join(ROOT, metadata.runs.main))).toBe(true);
    expect(Object.keys(metadata.inputs).sort()).toEqual([
      "config",
      "dry-run",
      "github-token",
      "report",
      "report-since",
    ]);
    expect(actionInputs({ token: "ghs_workflowtoken" })).toEqual({
      "INPUT_GITHUB-TOKEN": "ghs_workflowtoken",
      // action.yml cannot import it: the test ties its default to the one constant.
      INPUT_CONFIG: CONFIG_FILE,
      "INPUT_DRY-RUN": "false",
      INPUT_REPORT: "false",
      "INPUT_REPORT-SINCE": "",
    });
  });

  it("declares the outputs a run reports", () => {
    expect(Object.keys(actionMetadata().outputs).sort()).toEqual([
      "entries-added",
      "pull-request",
      "reviews-closed",
      "reviews-opened",
      "writes",
    ]);
  });
});

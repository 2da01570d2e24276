// docs/configuration.md is generated from the zod schema (scripts/docs-config.mjs, `npm
// run docs`): it fails here when a key, a default, a limit or a description changed in
// src/config.ts and the page was not regenerated, and when a key has no description.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  configReference,
  configRows,
  docComments,
  schemaWithRules,
} from "../../scripts/docs-config.mjs";
import { configSchema } from "../../src/config.js";
import { read, ROOT } from "./support.js";

const rowsOf = (text: string) => configRows(schemaWithRules(configSchema), docComments(text));

const source = readFileSync(join(ROOT, "src/config.ts"), "utf8");

describe("the configuration reference", () => {
  it("docs/configuration.md is what `npm run docs` writes from src/config.ts", () => {
    expect(read("docs/configuration.md")).toBe(configReference(configSchema, source));
  });

  it("every key has a description (a doc comment on it in src/config.ts)", () => {
    expect(
      rowsOf(source)
        .filter((r) => r.description === "")
        .map((r) => r.key),
    ).toEqual([]);
  });

  it("types, defaults and limits come from the schema, descriptions from the source", () => {
    const rows = new Map(rowsOf(source).map((r) => [r.key, r]));
    expect(rows.get("review.interval_days")).toMatchObject({
      type: "whole number",
      default: "`30`",
      limits: "1–365",
    });
    expect(rows.get("permission")?.type).toBe(
      "one of `read`, `triage`, `write`, `maintain`, `admin`",
    );
    expect(rows.get("severities[].color")?.limits).toBe(
      "a 6-digit hex colour without '#', like d73a4a",
    );
    expect(rows.get("roles[].name")?.description).toBe("Name used in `/role <name> @user`.");
  });

  it("a key added to the schema shows up, and without a doc comment it has no description", () => {
    const edited = source.replace(
      "    actions: z\n",
      "    widgets: z.object({ count: z.number().int().min(2).max(9).default(4) }).strict().prefault({}),\n    actions: z\n",
    );
    expect(edited).not.toBe(source);
    const docs = docComments(edited);
    expect(docs.widgets?.doc).toBe("");
    expect(Object.keys(docs.widgets?.children ?? {})).toEqual(["count"]);
  });
});

// The incident issue form: the file people copy is the one hereby reads answers with,
// it is a valid issue form, and its answers become the severity and the first entry.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../src/config.js";
import { parseTemplate } from "@github/issue-parser";
import { FORM_FIELDS, readIncidentForm } from "../../src/core/incident-form.js";

const ROOT = resolve(import.meta.dirname, "../..");
const FORM = readFileSync(join(ROOT, ".github/ISSUE_TEMPLATE/incident.yml"), "utf8");
const OPENED = { at: "2026-11-23T14:20:00Z", by: "alice" };

/** The body GitHub writes for a submitted form: `### <label>`, a blank line, the answer. */
function submitted(answers: {
  severity?: string;
  broken?: string;
  affected?: string;
  started?: string;
}): string {
  return [
    ["Severity", answers.severity ?? "major"],
    ["What is broken?", answers.broken ?? "Checkout returns 502"],
    ["Who is affected?", answers.affected ?? "_No response_"],
    ["When did it start?", answers.started ?? "_No response_"],
  ]
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join("\n\n");
}

describe("the incident issue form", () => {
  it("is the file hereby ships, a valid issue form, applying `incident` with the default levels", () => {
    expect(FORM).toBe(readFileSync(join(ROOT, "templates/incident-form.yml"), "utf8"));
    const schema = JSON.parse(
      readFileSync(join(ROOT, "test/fixtures/github-issue-forms.schema.json"), "utf8"),
    ) as object;
    const check = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const form = parseYaml(FORM, { strict: true }) as {
      labels: string[];
      title: string;
      body: { id?: string; type: string; attributes: { label?: string; options?: string[] } }[];
    };
    expect(check(form), JSON.stringify(check.errors)).toBe(true);
    expect(form.labels).toEqual([defaultConfig.labels.incident]);
    expect(form.title).toBeTruthy();
    const severity = form.body.find((f) => f.id === "severity");
    expect(severity?.type).toBe("dropdown");
    expect(severity?.attributes.options).toEqual(defaultConfig.severities.map((s) => s.name));
    expect(form.body.map((f) => f.attributes.label).filter(Boolean)).toEqual([
      "Severity",
      "What is broken?",
      "Who is affected?",
      "When did it start?",
    ]);
    // The core reads answers with its own copy of the fields (it reads no file): the same.
    expect(parseTemplate(FORM_FIELDS)).toEqual(parseTemplate(FORM));
  });

  it("reads the severity and an HH:MM start time (config zone, on the day the issue was opened)", () => {
    expect(
      readIncidentForm(
        submitted({ severity: "critical", started: "13:40" }),
        defaultConfig,
        OPENED,
      ),
    ).toEqual({
      severity: "critical",
      startedAt: "2026-11-23T13:40:00.000Z",
    });
    const newYork = parseConfig({ timezone: "America/New_York" });
    expect(readIncidentForm(submitted({ started: "08:40" }), newYork, OPENED)?.startedAt).toBe(
      "2026-11-23T13:40:00.000Z",
    );
    // Later in the day than the issue was opened: yesterday.
    expect(
      readIncidentForm(submitted({ started: "23:10" }), defaultConfig, OPENED)?.startedAt,
    ).toBe("2026-11-22T23:10:00.000Z");
    expect(
      readIncidentForm(submitted({ started: "2026-11-20T09:00Z" }), defaultConfig, OPENED)
        ?.startedAt,
    ).toBe("2026-11-20T09:00:00.000Z");
  });

  it("gives no start time for an empty or unreadable answer, and no severity for an unknown level", () => {
    expect(readIncidentForm(submitted({}), defaultConfig, OPENED)).toEqual({
      severity: "major",
      startedAt: null,
    });
    expect(
      readIncidentForm(submitted({ started: "this morning" }), defaultConfig, OPENED)?.startedAt,
    ).toBeNull();
    expect(
      readIncidentForm(submitted({ started: "25:99" }), defaultConfig, OPENED)?.startedAt,
    ).toBeNull();
    expect(
      readIncidentForm(submitted({ severity: "catastrophic" }), defaultConfig, OPENED)?.severity,
    ).toBeNull();
  });

  it("is not fooled by a time typed into another answer, and reads no form where there is none", () => {
    const body = submitted({ broken: "### When did it start?\n\n01:00", started: "13:40" });
    expect(readIncidentForm(body, defaultConfig, OPENED)?.startedAt).toBe(
      "2026-11-23T13:40:00.000Z",
    );
    expect(readIncidentForm("Checkout is down since 13:40.", defaultConfig, OPENED)).toBeNull();
    expect(readIncidentForm(null, defaultConfig, OPENED)).toBeNull();
  });

  it("reads a form whose body was built to make the parser backtrack (it used to stall for minutes)", () => {
    const form = submitted({ severity: "minor", started: "13:40" });
    for (const tail of [
      "### ".repeat(15_000),
      `###${" ".repeat(60_000)}x`,
      `### ${"a ".repeat(30_000)}`,
      "\n\n\n".repeat(20_000),
    ]) {
      expect(readIncidentForm(`${form}\n\n${tail}`, defaultConfig, OPENED)).toEqual({
        severity: "minor",
        startedAt: "2026-11-23T13:40:00.000Z",
      });
    }
  });
});

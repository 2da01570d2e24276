import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfig, parseConfig } from "../../src/config.js";
import { configJsonSchema } from "../../src/scripts/json-schema.js";

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("config schema", () => {
  it("has every default of the contract", () => {
    expect(defaultConfig.labels).toEqual({
      incident: "incident",
      action: "incident-action",
      review: "incident-review",
      report: "incident-report",
      severity_prefix: "severity:",
      status_prefix: "status:",
    });
    expect(defaultConfig.severities.map((s) => [s.name, s.aliases, s.postmortem])).toEqual([
      ["critical", ["sev1", "p1"], true],
      ["major", ["sev2", "p2"], true],
      ["minor", ["sev3", "p3"], true],
      ["trivial", ["sev4", "p4"], false],
    ]);
    expect(defaultConfig).toMatchObject({
      default_severity: "major",
      timezone: "UTC",
      permission: "triage",
      postmortem: { folder: "docs/postmortems" },
      review: { interval_days: 30 },
      report: { schedule: "off", issue: "Incident report" },
    });
    expect(defaultConfig.roles.map((r) => r.name)).toEqual(["comms", "ops", "planning", "scribe"]);
  });

  it.each([
    ["empty file", null],
    ["partial labels", { labels: { incident: "outage" } }],
    [
      "custom severities",
      {
        severities: [{ name: "sev-a", notify: ["@acme/oncall", "@bob"] }],
        default_severity: "sev-a",
      },
    ],
    ["time zone", { timezone: "Asia/Kolkata" }],
    ["permission", { permission: "write" }],
    ["checklist", { checklist: { notify: ["Support"], communicate: "#incidents" } }],
  ])("accepts %s", (_name, raw) => {
    expect(problems(raw)).toEqual([]);
  });

  it.each([
    [
      "unknown key",
      { severity: "major" },
      [
        expect.stringMatching(
          /^`severity`: unknown key \(check its spelling and where it is nested\); the top level takes labels, severities, /,
        ),
      ],
    ],
    [
      "bad colour",
      { severities: [{ name: "critical", color: "#ff0000" }], default_severity: "critical" },
      ["`severities.0.color`: a 6-digit hex colour without '#', like d73a4a"],
    ],
    [
      "bad handle",
      { severities: [{ name: "critical", notify: ["oncall"] }], default_severity: "critical" },
      ["`severities.0.notify.0`: a handle like @user or @org/team"],
    ],
    [
      "default severity not listed",
      { default_severity: "huge" },
      ["`default_severity`: must be one of the severities: critical, major, minor, trivial"],
    ],
    [
      "alias clash",
      {
        severities: [
          { name: "a", aliases: ["x"] },
          { name: "b", aliases: ["X"] },
        ],
        default_severity: "a",
      },
      ['`severities.1`: "X" already names severity "a"'],
    ],
    [
      "bad time zone",
      { timezone: "Mars/Olympus" },
      ["`timezone`: an IANA time zone such as UTC or Europe/London"],
    ],
    ["bad permission", { permission: "owner" }, [expect.stringContaining("`permission`:")]],
    [
      "interval",
      { review: { interval_days: 0 } },
      [expect.stringContaining("`review.interval_days`:")],
    ],
    [
      "lead role",
      { roles: [{ name: "lead", title: "Lead" }] },
      ['`roles.0.name`: "lead" is built in; set it with /lead'],
    ],
  ])("rejects %s, naming the key", (_name, raw, expected) => {
    expect(problems(raw)).toEqual(expected);
  });

  it("names every bad key at once", () => {
    expect(
      problems({ timezone: "nowhere", permission: "x", labels: { incident: "" } }),
    ).toHaveLength(3);
  });

  it("names the checks between keys in the same run as the keys' own problems", () => {
    const found = problems({
      labels: 4,
      default_severity: "huge",
      roles: [{ name: "lead" }],
      timezone: 3,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^`labels`: /),
        expect.stringMatching(/^`timezone`: /),
        "`roles.0.title`: text of 1 to 100 characters (got nothing)",
        '`roles.0.name`: "lead" is built in; set it with /lead',
        "`default_severity`: must be one of the severities: critical, major, minor, trivial",
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it("publishes a JSON schema that matches the zod schema", () => {
    const committed = readFileSync(
      new URL("../../schema/hereby.schema.json", import.meta.url),
      "utf8",
    );
    expect(committed, "schema/hereby.schema.json is stale: run npm run build").toBe(
      configJsonSchema(),
    );
  });
});

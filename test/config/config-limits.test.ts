// Config files that would make hereby write more than GitHub takes are refused, and every
// problem reads like hereby's own sentence: which key, what is allowed.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { loadConfig } from "../../src/github/load-config.js";

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const handles = (n: number) => Array.from({ length: n }, (_, i) => `@user${i}`);

describe("config limits", () => {
  it("refuses a sweep budget below what one run needs to review anything, saying why", () => {
    const [problem] = problems({ review: { requests_per_run: 10 } });
    expect(problem).toContain("`review.requests_per_run`");
    expect(problem).toContain(
      "from 20 to 5000: a sweep's three listings take 3 requests and one due incident up to 17",
    );
    expect(problems({ review: { requests_per_run: 20 } })).toEqual([]);
  });

  it.each([
    [
      "a huge notify list",
      { severities: [{ name: "critical", notify: handles(3000) }], default_severity: "critical" },
      "`severities.0.notify`: a list of at most 50 entries, each a handle like @user or @org/team (got 3000)",
    ],
    [
      "a long description",
      {
        severities: [{ name: "critical", description: "x".repeat(101) }],
        default_severity: "critical",
      },
      "`severities.0.description`: text of at most 100 characters (got 101 characters)",
    ],
    [
      "too many severities",
      {
        severities: Array.from({ length: 21 }, (_, i) => ({ name: `s${i}` })),
        default_severity: "s0",
      },
      "`severities`: a list of 1 to 20 entries, each a mapping with the keys name, aliases, color, description, notify, postmortem (got 21)",
    ],
    [
      "too many aliases",
      {
        severities: [{ name: "critical", aliases: Array.from({ length: 21 }, (_, i) => `a${i}`) }],
        default_severity: "critical",
      },
      "`severities.0.aliases`: a list of at most 20 entries",
    ],
    [
      "too many roles",
      { roles: Array.from({ length: 21 }, (_, i) => ({ name: `r${i}`, title: "T" })) },
      "`roles`: a list of at most 20 entries",
    ],
    [
      "a long role title",
      { roles: [{ name: "comms", title: "x".repeat(101) }] },
      "`roles.0.title`: text of 1 to 100 characters (got 101 characters)",
    ],
    [
      "a long checklist line",
      { checklist: { notify: ["x".repeat(1001)] } },
      "`checklist.notify.0`: text of at most 1000 characters (got 1001 characters)",
    ],
    [
      "a long checklist",
      { checklist: { notify: Array.from({ length: 51 }, () => "x") } },
      "`checklist.notify`: a list of at most 50 entries, each text of at most 1000 characters (got 51)",
    ],
    [
      "a long communicate",
      { checklist: { communicate: "x".repeat(1001) } },
      "`checklist.communicate`: text of at most 1000 characters (got 1001 characters)",
    ],
  ])(
    "the config schema limits lists and strings, naming the bound (%s)",
    (_name, raw, expected) => {
      expect(problems(raw)).toEqual([expect.stringContaining(expected)]);
    },
  );

  it.each([
    [
      "permission",
      { permission: "owner" },
      '`permission`: one of read, triage, write, maintain, admin (got "owner")',
    ],
    [
      "interval",
      { review: { interval_days: "soon" } },
      "`review.interval_days`: a whole number from 1 to 365 (got a string)",
    ],
    [
      "interval range",
      { review: { interval_days: 0 } },
      "`review.interval_days`: a whole number from 1 to 365 (got 0)",
    ],
    [
      "severities",
      { severities: "critical" },
      "`severities`: a list of 1 to 20 entries, each a mapping with the keys name, aliases, color, description, notify, postmortem (got a string)",
    ],
    [
      "empty label",
      { labels: { incident: "" } },
      "`labels.incident`: text of 1 to 50 characters (got nothing)",
    ],
    [
      "report schedule",
      { report: { schedule: "weekly" } },
      '`report.schedule`: one of off, monthly (got "weekly")',
    ],
    [
      "report issue",
      { report: { issue: "" } },
      "`report.issue`: text of 1 to 200 characters (got nothing)",
    ],
    [
      "postmortem flag",
      { severities: [{ name: "critical", postmortem: "yes" }], default_severity: "critical" },
      "`severities.0.postmortem`: true or false (got a string)",
    ],
    [
      "requests per run",
      { review: { requests_per_run: 5 } },
      "`review.requests_per_run`: a whole number from 20 to 5000: a sweep's three listings take 3 requests and one due incident up to 17, so fewer would review nothing",
    ],
    ["actions max", { actions: { max: 0 } }, "`actions.max`: a whole number from 1 to 100 (got 0)"],
    [
      "top level",
      ["a"],
      "(top level): a mapping with the keys labels, severities, default_severity, roles, timezone, permission, checklist, postmortem, review, report, changes, actions (got a list)",
    ],
  ])(
    "config problems say what the key takes, read from the schema, not the validator's words (%s)",
    (_name, raw, expected) => {
      const found = problems(raw);
      expect(found).toEqual([expected]);
      expect(found.join("\n")).not.toMatch(
        /Invalid input|Invalid option|expected number|received|Too (big|small)/,
      );
    },
  );
});

describe("unreadable YAML", () => {
  it("an invalid-YAML config names the file, line and column, not the API URL", async () => {
    const pg = await Playground.start({
      config: "timezone: UTC\nseverities:\n  - name: critical\n   aliases: [p1\n",
    });
    try {
      const error = await loadConfig(pg.bot, pg.repo).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join("\n");
      expect(text).toMatch(/^`\.github\/hereby\.yml` is not valid YAML, line \d+, column \d+: /);
      expect(text).not.toContain("http");
      expect(text).not.toContain(pg.sim.url);
    } finally {
      await pg.close();
    }
  });
});

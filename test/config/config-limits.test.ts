// Config files that would make hereby write more than GitHub takes are refused, and every
// problem reads like hereby's own sentence: which key, what is allowed.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { Playground } from "../../src/demo/playground.js";
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
    expect(problem).toContain("at least 20: a sweep's three listings take 3 requests and one due incident up to 17");
    expect(problems({ review: { requests_per_run: 20 } })).toEqual([]);
  });

  it.each([
    ["a huge notify list", { severities: [{ name: "critical", notify: handles(3000) }], default_severity: "critical" }, "`severities.0.notify`: at most 50 handles"],
    ["a long description", { severities: [{ name: "critical", description: "x".repeat(101) }], default_severity: "critical" }, "`severities.0.description`: at most 100 characters"],
    ["too many severities", { severities: Array.from({ length: 21 }, (_, i) => ({ name: `s${i}` })), default_severity: "s0" }, "`severities`: at most 20 levels"],
    ["too many aliases", { severities: [{ name: "critical", aliases: Array.from({ length: 21 }, (_, i) => `a${i}`) }], default_severity: "critical" }, "`severities.0.aliases`: at most 20 aliases"],
    ["too many roles", { roles: Array.from({ length: 21 }, (_, i) => ({ name: `r${i}`, title: "T" })) }, "`roles`: at most 20 roles"],
    ["a long role title", { roles: [{ name: "comms", title: "x".repeat(101) }] }, "`roles.0.title`: at most 100 characters"],
    ["a long checklist line", { checklist: { notify: ["x".repeat(1001)] } }, "`checklist.notify.0`: at most 1000 characters"],
    ["a long checklist", { checklist: { notify: Array.from({ length: 51 }, () => "x") } }, "`checklist.notify`: at most 50 lines"],
    ["a long communicate", { checklist: { communicate: "x".repeat(1001) } }, "`checklist.communicate`: at most 1000 characters"],
  ])("hardening 14: the config schema limits lists and strings (%s)", (_name, raw, expected) => {
    expect(problems(raw)).toEqual([expect.stringContaining(expected)]);
  });

  it.each([
    ["permission", { permission: "owner" }, "`permission`: one of read, triage, write, maintain, admin (got \"owner\")"],
    ["interval", { review: { interval_days: "soon" } }, "`review.interval_days`: a whole number of days from 1 to 365 (got a string)"],
    ["interval range", { review: { interval_days: 0 } }, "`review.interval_days`: a whole number of days from 1 to 365 (got 0)"],
    ["severities", { severities: "critical" }, "`severities`: a list of severity levels (got a string)"],
    ["empty label", { labels: { incident: "" } }, "`labels.incident`: a label name of 1 to 50 characters"],
    ["report schedule", { report: { schedule: "weekly" } }, "`report.schedule`: off or monthly (got \"weekly\")"],
    ["report issue", { report: { issue: "" } }, "`report.issue`: an issue title of 1 to 200 characters"],
    ["postmortem flag", { severities: [{ name: "critical", postmortem: "yes" }], default_severity: "critical" }, "`severities.0.postmortem`: true or false (got a string)"],
    ["top level", ["a"], "(top level): a mapping of keys such as severities, roles and timezone (got a list)"],
  ])("hardening 14: config problems are in hereby's words, not the validator's (%s)", (_name, raw, expected) => {
    const found = problems(raw);
    expect(found).toEqual([expected]);
    expect(found.join("\n")).not.toMatch(/Invalid input|Invalid option|expected number|received|Too (big|small)/);
  });
});

describe("unreadable YAML", () => {
  it("hardening 17: an invalid-YAML config names the file, line and column, not the API URL", async () => {
    const pg = await Playground.start({ config: "timezone: UTC\nseverities:\n  - name: critical\n   aliases: [p1\n" });
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

// Every `hereby` command reads its options the same way (node:util's parseArgs): `--help`
// answers with the usage and exit 0, a mistake names the argument and exits 2, and days
// are read by the same parser `/report` uses, so a day that does not exist is refused.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { defaultConfig } from "../../src/config.js";
import { parseComment } from "../../src/core/commands/parse.js";
import { parseSince } from "../../src/core/commands/report-since.js";
import { parseReportArgs, reportCommand } from "../../src/report-cli.js";
import { sweepCommand } from "../../src/sweep-cli.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe("hereby <command> --help", () => {
  it.each([
    ["check-config", "usage: hereby check-config"],
    ["report", "usage: hereby report --repo owner/name"],
    ["sweep", "usage: hereby sweep --repo owner/name"],
  ])(
    "hereby %s --help prints its usage and exits 0, without a token or a network",
    async (command, usage) => {
      for (const flag of ["--help", "-h"]) {
        const c = capture();
        expect(await main([command, flag], c.io)).toBe(0);
        expect(c.out.join("\n")).toContain(usage);
        expect(c.err).toEqual([]);
      }
    },
  );

  it("hereby help <command> is the command's --help, and hereby --help lists every command", async () => {
    const c = capture();
    expect(await main(["help", "sweep"], c.io)).toBe(0);
    expect(c.out.join("\n")).toContain("--dry-run          print the plan and write nothing");
    const all = capture();
    expect(await main(["--help"], all.io)).toBe(0);
    for (const command of ["check-config", "report", "sweep", "--version"])
      expect(all.out.join("\n")).toContain(`hereby ${command}`);
  });

  it("the installed command offers no demo: it lives in the repository (npm run demo)", async () => {
    const all = capture();
    expect(await main(["--help"], all.io)).toBe(0);
    expect(all.out.join("\n")).not.toMatch(/\bdemo\b/);
    const demo = capture();
    expect(await main(["demo"], demo.io)).toBe(2);
    expect(demo.err.join("\n")).toContain('hereby: unknown command "demo"');
  });
});

describe("hereby command arguments", () => {
  it.each([
    [["sweep", "--repo", "acme/shop", "--force"], 'hereby sweep: unknown argument "--force"'],
    [["sweep", "--repo"], "hereby sweep: --repo needs a value"],
    [["sweep", "--repo", "acme/shop", "--dry-run=yes"], "hereby sweep: --dry-run takes no value"],
    [["sweep", "acme/shop"], 'hereby sweep: unexpected argument "acme/shop"'],
    [["sweep", "--repo", "acme"], 'hereby sweep: --repo must be owner/name, not "acme"'],
    [["report", "--repo", "acme/shop", "--since"], "hereby report: --since needs a value"],
    [
      ["report", "--repo", "acme/shop", "--since", "--until", "2026-01-01"],
      "hereby report: --since needs a value",
    ],
    [["check-config", "a.yml", "b.yml"], 'hereby check-config: unexpected argument "b.yml"'],
    [["check-config", "--strict"], 'hereby check-config: unknown argument "--strict"'],
  ])("%j exits 2: %s, then the usage", async (argv, message) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err.join("\n")).toContain(message);
    expect(c.err.join("\n")).toContain("usage: hereby");
    expect(c.out).toEqual([]);
  });

  it("the sweep asks for a token only once its arguments are right", async () => {
    const c = capture();
    expect(await sweepCommand(["--repo=acme/shop", "--dry-run"], c.io, {})).toBe(2);
    expect(c.err).toEqual([
      "hereby sweep: set GITHUB_TOKEN to a token that can read and write issues in acme/shop",
    ]);
  });
});

describe("one reader for days, in the CLI and in /report", () => {
  const ctx = { config: defaultConfig, author: "alice", postedAt: "2026-06-01T12:00:00Z" };

  it.each(["2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31"])(
    "%s does not exist: --since refuses it, as /report does",
    async (day) => {
      expect(parseSince(day)).toBeNull();
      const c = capture();
      expect(
        await reportCommand(["--repo", "acme/shop", "--since", day], c.io, { GITHUB_TOKEN: "t" }),
      ).toBe(2);
      expect(c.err.join("\n")).toContain(
        `--since must be a date like 2026-01-01 or an ISO 8601 time, not "${day}"`,
      );
      const line = parseComment(`/report ${day}`, ctx).lines[0];
      expect(line).toMatchObject({ ok: false, error: expect.stringContaining("is not a day") });
    },
  );

  it("a real day is midnight UTC in both", () => {
    expect(parseReportArgs(["--repo", "acme/shop", "--since", "2024-02-29"])).toMatchObject({
      range: { since: "2024-02-29T00:00:00.000Z", until: null },
    });
    expect(parseComment("/report 2024-02-29", ctx).lines[0]).toMatchObject({
      ok: true,
      command: { name: "report", since: "2024-02-29" },
    });
  });

  it.each([
    ["2026-01-01T09:30Z", "2026-01-01T09:30:00.000Z"],
    ["2026-01-01T09:30:15+01:00", "2026-01-01T08:30:15.000Z"],
    ["2026-03-01T00:30-02:00", "2026-03-01T02:30:00.000Z"],
  ])("the time %s is read with its zone as %s", (text, iso) => {
    expect(parseSince(text)).toBe(iso);
  });

  it.each([
    "2026-01-01T09:30",
    "2026-02-30T09:30Z",
    "2026-01-01T24:00Z",
    "2026-01-01T09:60Z",
    "yesterday",
    "2026-1-1",
    "",
  ])("%j is refused: a time without its zone would depend on the machine's", (text) => {
    expect(parseSince(text)).toBeNull();
  });
});

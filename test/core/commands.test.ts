import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig, type Config } from "../../src/config.js";
import {
  COMMANDS,
  hasCommandSyntax,
  parseComment,
  renderHelp as renderHelpFrom,
  resolveSeverity,
  usageOf,
  type ParseContext,
} from "../../src/core/commands.js";
import type { Command, CommandLine, CommandName } from "../../src/core/types.js";
import { loadTemplate } from "../../src/templates.js";

const POSTED = "2026-11-23T14:10:00.000Z";

function ctx(over: Partial<ParseContext> = {}): ParseContext {
  return { config: defaultConfig, author: "octocat", postedAt: POSTED, ...over };
}

function zone(timezone: string): Config {
  return parseConfig({ timezone });
}

/** The only command line of a one-line comment. */
function one(body: string, context: ParseContext = ctx()): CommandLine {
  const { lines } = parseComment(body, context);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

function command(body: string, context?: ParseContext): Command {
  const line = one(body, context);
  if (!line.ok) throw new Error(`expected ${body} to parse, got: ${line.error}`);
  return line.command;
}

const SEVERITIES = "critical (sev1, p1), major (sev2, p2), minor (sev3, p3), trivial (sev4, p4)";
const STATUSES = "investigating, identified, monitoring, resolved";
const ROLES = "comms (Communications), ops (Operations), planning (Planning), scribe (Scribe)";
const TIMES_UTC = "use HH:MM (24-hour, UTC) or an ISO 8601 time such as 2026-11-23T14:05Z";

/** The reason a lead that is no GitHub username gets. */
const notAUsername = (written: string) =>
  `"${written}" is not a GitHub username (letters, digits and single hyphens, at most 39 characters); use @user or me`;

describe("registry", () => {
  const names: CommandName[] = [
    "declare",
    "severity",
    "timeline",
    "started",
    "status",
    "summary",
    "lead",
    "role",
    "resolve",
    "cancel",
    "postmortem",
    "action",
    "keep",
    "report",
    "help",
  ];

  it("has every command once, in help order", () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(names);
  });

  it("has no word twice, and every word is a valid command word", () => {
    const words = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const word of words) expect(word).toMatch(/^[a-z][a-z-]*$/);
  });

  it.each(COMMANDS.map((c) => [c.name, c.usage] as const))(
    "usageOf(%s) is its registry usage",
    (name, usage) => {
      expect(usageOf(name)).toBe(usage);
      expect(usage.startsWith(`/${name}`)).toBe(true);
    },
  );

  it("spells out the status usage from the statuses", () => {
    expect(usageOf("status")).toBe("/status <investigating|identified|monitoring|resolved> [text]");
  });
});

describe("resolveSeverity", () => {
  it.each([
    ["critical", "critical"],
    ["CRITICAL", "critical"],
    ["sev1", "critical"],
    ["P1", "critical"],
    ["Sev2", "major"],
    ["p3", "minor"],
    ["trivial", "trivial"],
    ["sev9", null],
    ["", null],
    ["crit", null],
  ])("%s → %s", (word, level) => {
    expect(resolveSeverity(word, defaultConfig)).toBe(level);
  });

  it("uses the configured levels", () => {
    const config = parseConfig({
      severities: [{ name: "high", aliases: ["H", "urgent"] }, { name: "low" }],
      default_severity: "high",
    });
    expect(resolveSeverity("h", config)).toBe("high");
    expect(resolveSeverity("URGENT", config)).toBe("high");
    expect(resolveSeverity("p1", config)).toBeNull();
  });
});

describe("parseComment: commands that parse", () => {
  it.each<[string, Command]>([
    // declare
    ["/declare", { name: "declare" }],
    ["/incident", { name: "declare" }],
    ["/DECLARE", { name: "declare" }],
    // Words after /declare say what is happening; the title and comment keep them.
    ["/Incident checkout is down", { name: "declare" }],
    ["/declare sev1 everything is on fire", { name: "declare" }],
    // severity
    ["/severity critical", { name: "severity", level: "critical" }],
    ["/severity Critical", { name: "severity", level: "critical" }],
    ["/severity p1", { name: "severity", level: "critical" }],
    ["/severity SEV1", { name: "severity", level: "critical" }],
    ["/sev sev2", { name: "severity", level: "major" }],
    ["/SEV P3", { name: "severity", level: "minor" }],
    ["/severity   major   ", { name: "severity", level: "major" }],
    // timeline without a time
    [
      "/timeline rolled back the deploy",
      { name: "timeline", at: null, text: "rolled back the deploy" },
    ],
    ["/tl paged the DB team", { name: "timeline", at: null, text: "paged the DB team" }],
    ["/note error rate 40%", { name: "timeline", at: null, text: "error rate 40%" }],
    ["/timeline 2pm standup", { name: "timeline", at: null, text: "2pm standup" }],
    ["/timeline 1405 is not a time", { name: "timeline", at: null, text: "1405 is not a time" }],
    // timeline with HH:MM (UTC, posted 2026-11-23 14:10Z)
    [
      "/timeline 14:05 rolled back",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "rolled back" },
    ],
    [
      "/timeline 9:05 first alert",
      { name: "timeline", at: "2026-11-23T09:05:00.000Z", text: "first alert" },
    ],
    [
      "/timeline 09:05 first alert",
      { name: "timeline", at: "2026-11-23T09:05:00.000Z", text: "first alert" },
    ],
    [
      "/timeline 0:00 midnight",
      { name: "timeline", at: "2026-11-23T00:00:00.000Z", text: "midnight" },
    ],
    [
      "/timeline 14:05:30 alert fired",
      { name: "timeline", at: "2026-11-23T14:05:30.000Z", text: "alert fired" },
    ],
    [
      "/timeline 14:05: rolled back",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "rolled back" },
    ],
    [
      "/timeline 14:05, rolled back",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "rolled back" },
    ],
    [
      "/timeline 14:05 - rolled back",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "rolled back" },
    ],
    [
      "/timeline 14:05 — rolled back",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "rolled back" },
    ],
    [
      "/timeline 14:10 posted now",
      { name: "timeline", at: "2026-11-23T14:10:00.000Z", text: "posted now" },
    ],
    // a few minutes ahead of the comment is clock skew, still today
    [
      "/timeline 14:15 writer's clock is fast",
      { name: "timeline", at: "2026-11-23T14:15:00.000Z", text: "writer's clock is fast" },
    ],
    // later than that means yesterday
    [
      "/timeline 14:16 yesterday",
      { name: "timeline", at: "2026-11-22T14:16:00.000Z", text: "yesterday" },
    ],
    [
      "/timeline 23:59 late last night",
      { name: "timeline", at: "2026-11-22T23:59:00.000Z", text: "late last night" },
    ],
    // ISO 8601
    [
      "/timeline 2026-11-23T14:05Z deploy",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23t14:05z deploy",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T14:05:30+01:00 deploy",
      { name: "timeline", at: "2026-11-23T13:05:30.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T14:05:30.123Z deploy",
      { name: "timeline", at: "2026-11-23T14:05:30.123Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T14:05:30.1Z deploy",
      { name: "timeline", at: "2026-11-23T14:05:30.100Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T14:05:30.123456Z deploy",
      { name: "timeline", at: "2026-11-23T14:05:30.123Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T14:05+0530 deploy",
      { name: "timeline", at: "2026-11-23T08:35:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T09:05-05 deploy",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23T14:05 deploy",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23 14:05 deploy",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-23 14:05Z deploy",
      { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "deploy" },
    ],
    [
      "/timeline 2026-11-20T08:00Z days ago",
      { name: "timeline", at: "2026-11-20T08:00:00.000Z", text: "days ago" },
    ],
    // status
    ["/status investigating", { name: "status", status: "investigating", text: "" }],
    [
      "/status identified bad config push",
      { name: "status", status: "identified", text: "bad config push" },
    ],
    [
      "/status Identified: bad config push",
      { name: "status", status: "identified", text: "bad config push" },
    ],
    [
      "/status MONITORING - fix is out",
      { name: "status", status: "monitoring", text: "fix is out" },
    ],
    ["/STATUS resolved", { name: "status", status: "resolved", text: "" }],
    // summary
    [
      "/summary Checkout failed for 20 minutes",
      { name: "summary", text: "Checkout failed for 20 minutes" },
    ],
    ["/summary   spaces  inside   kept  ", { name: "summary", text: "spaces  inside   kept" }],
    // lead
    ["/lead @alice", { name: "lead", user: "alice" }],
    ["/lead alice", { name: "lead", user: "alice" }],
    ["/lead @Alice-Smith", { name: "lead", user: "Alice-Smith" }],
    ["/lead me", { name: "lead", user: "octocat" }],
    ["/lead ME", { name: "lead", user: "octocat" }],
    ["/lead @me", { name: "lead", user: "octocat" }],
    ["/lead me.", { name: "lead", user: "octocat" }],
    [`/lead @${"a".repeat(39)}`, { name: "lead", user: "a".repeat(39) }],
    ["/lead @a1-b2-c3", { name: "lead", user: "a1-b2-c3" }],
    // role
    ["/role comms @bob", { name: "role", role: "comms", users: ["bob"] }],
    ["/role COMMS me", { name: "role", role: "comms", users: ["octocat"] }],
    ["/role Scribe carol", { name: "role", role: "scribe", users: ["carol"] }],
    ["/role @bob comms", { name: "role", role: "comms", users: ["bob"] }],
    ["/role planning: @bob", { name: "role", role: "planning", users: ["bob"] }],
    // resolve
    ["/resolve", { name: "resolve", text: "" }],
    [
      "/resolve rolled back, error rate normal",
      { name: "resolve", text: "rolled back, error rate normal" },
    ],
    ["/cancel", { name: "cancel", text: "" }],
    ["/cancel synthetic check flapped", { name: "cancel", text: "synthetic check flapped" }],
    // help
    ["/help", { name: "help" }],
  ])("%s", (body, expected) => {
    expect(command(body)).toEqual(expected);
  });
});

describe("parseComment: errors", () => {
  it.each<[string, CommandName, string]>([
    // severity
    ["/severity", "severity", `missing severity level; use one of: ${SEVERITIES}`],
    ["/severity sev9", "severity", `unknown severity "sev9"; use one of: ${SEVERITIES}`],
    [
      "/severity trivial, false alarm",
      "severity",
      `unexpected "false alarm" after the severity level`,
    ],
    ["/lead @alice, she has context", "lead", `unexpected "she has context" after the lead`],
    ["/HELP please", "help", `unexpected "please" after /help`],
    ["/sev high", "severity", `unknown severity "high"; use one of: ${SEVERITIES}`],
    // timeline
    [
      "/timeline",
      "timeline",
      "missing text: say what happened, e.g. /timeline 14:05 rolled back the deploy",
    ],
    ["/timeline 14:05", "timeline", `missing text after the time "14:05": say what happened`],
    ["/timeline 14:05 -", "timeline", `missing text after the time "14:05": say what happened`],
    [
      "/timeline 2026-11-23T14:05Z",
      "timeline",
      `missing text after the time "2026-11-23T14:05Z": say what happened`,
    ],
    [
      "/timeline 25:00 x",
      "timeline",
      `time "25:00" is not valid: hour 25 is out of range 0-23; ${TIMES_UTC}`,
    ],
    [
      "/timeline 24:00 x",
      "timeline",
      `time "24:00" is not valid: hour 24 is out of range 0-23; ${TIMES_UTC}`,
    ],
    [
      "/timeline 14:60 x",
      "timeline",
      `time "14:60" is not valid: minute 60 is out of range 0-59; ${TIMES_UTC}`,
    ],
    [
      "/timeline 14:05:61 x",
      "timeline",
      `time "14:05:61" is not valid: second 61 is out of range 0-59; ${TIMES_UTC}`,
    ],
    ["/timeline 14:5 x", "timeline", `time "14:5" is not valid; ${TIMES_UTC}`],
    [
      "/timeline 2:30pm x",
      "timeline",
      `time "2:30pm" is not valid (12-hour times are not accepted); ${TIMES_UTC}`,
    ],
    [
      "/timeline 25:05Z x",
      "timeline",
      `time "25:05Z" is not valid: hour 25 is out of range 0-23; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-13-01T10:00Z x",
      "timeline",
      `time "2026-13-01T10:00Z" is not valid: there is no month 13; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-00-01T10:00Z x",
      "timeline",
      `time "2026-00-01T10:00Z" is not valid: there is no month 0; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-02-29T10:00Z x",
      "timeline",
      `time "2026-02-29T10:00Z" is not valid: February 2026 has 28 days; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-11-00T10:00Z x",
      "timeline",
      `time "2026-11-00T10:00Z" is not valid: November 2026 has 30 days; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-11-23T25:00Z x",
      "timeline",
      `time "2026-11-23T25:00Z" is not valid: hour 25 is out of range 0-23; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-11-23T10:00+24:00 x",
      "timeline",
      `time "2026-11-23T10:00+24:00" is not valid: offset +24:00 is out of range; ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-11-23 rollback",
      "timeline",
      `time "2026-11-23" is not valid (a date needs a time of day); ${TIMES_UTC}`,
    ],
    [
      "/timeline 2026-11-23T1405Z x",
      "timeline",
      `time "2026-11-23T1405Z" is not valid; ${TIMES_UTC}`,
    ],
    // status
    ["/status", "status", `missing status; use one of: ${STATUSES}`],
    [
      "/status complete",
      "status",
      `status "complete" is set automatically once every action item is closed; use one of: ${STATUSES}`,
    ],
    [
      "/status Complete all done",
      "status",
      `status "complete" is set automatically once every action item is closed; use one of: ${STATUSES}`,
    ],
    ["/status fixed", "status", `unknown status "fixed"; use one of: ${STATUSES}`],
    // summary
    [
      "/summary",
      "summary",
      "missing summary text: write what happened and who was affected after /summary",
    ],
    [
      "/summary    ",
      "summary",
      "missing summary text: write what happened and who was affected after /summary",
    ],
    // lead
    ["/lead", "lead", "missing person for the lead; use @user or me"],
    ["/lead @", "lead", notAUsername(`@`)],
    ["/lead @-alice", "lead", notAUsername(`@-alice`)],
    ["/lead @alice-", "lead", notAUsername(`@alice-`)],
    ["/lead @al--ice", "lead", notAUsername(`@al--ice`)],
    ["/lead @al_ice", "lead", notAUsername(`@al_ice`)],
    [
      `/lead @${"a".repeat(40)}`,
      "lead",
      `"@${"a".repeat(40)}" is not a GitHub username (letters, digits and single hyphens, at most 39 characters); use @user or me`,
    ],
    [
      "/lead @org/sre",
      "lead",
      `"@org/sre" is a team; the lead must be one person: use @user or me`,
    ],
    // role
    ["/role", "role", `missing role; use one of: ${ROLES}`],
    ["/role comms", "role", `missing person for role "comms"; use @user or me`],
    ["/role lead @alice", "role", "the lead is set with /lead <@user|me>, not /role"],
    ["/role Lead me", "role", "the lead is set with /lead <@user|me>, not /role"],
    ["/role chef @alice", "role", `unknown role "chef"; use one of: ${ROLES}`],
    [
      "/role comms @org/comms",
      "role",
      `"@org/comms" is a team; role "comms" must be one person: use @user or me`,
    ],
    ["/role comms @bad_name", "role", notAUsername(`@bad_name`)],
  ])("%s", (body, name, error) => {
    const line = one(body);
    expect(line).toEqual({ line: 1, raw: body, ok: false, name, error, usage: usageOf(name) });
  });

  it("says which roles exist when none are configured", () => {
    const line = one("/role comms @alice", ctx({ config: parseConfig({ roles: [] }) }));
    expect(line).toMatchObject({
      ok: false,
      name: "role",
      error: "no roles are configured in .github/hereby.yml; set the lead with /lead <@user|me>",
    });
  });

  it("lists the configured severity levels, with and without aliases", () => {
    const config = parseConfig({
      severities: [{ name: "high", aliases: ["h"] }, { name: "low" }],
      default_severity: "high",
    });
    expect(one("/severity medium", ctx({ config }))).toMatchObject({
      ok: false,
      error: `unknown severity "medium"; use one of: high (h), low`,
    });
    expect(command("/severity H", ctx({ config }))).toEqual({ name: "severity", level: "high" });
  });

  it("names the configured time zone in time errors", () => {
    expect(one("/timeline 25:00 x", ctx({ config: zone("Europe/London") }))).toMatchObject({
      error: `time "25:00" is not valid: hour 25 is out of range 0-23; use HH:MM (24-hour, Europe/London) or an ISO 8601 time such as 2026-11-23T14:05Z`,
    });
  });
});

describe("parseComment: unknown commands", () => {
  it.each([
    ["/foo", "unknown command /foo"],
    ["/Foo bar", "unknown command /Foo"],
    ["/sevrity p1", "unknown command /sevrity; did you mean /severity?"],
    ["/severty p1", "unknown command /severty; did you mean /severity?"],
    ["/stauts resolved", "unknown command /stauts; did you mean /status?"],
    ["/hlep", "unknown command /hlep; did you mean /help?"],
    ["/resolved", "unknown command /resolved; did you mean /resolve?"],
    ["/leed @a", "unknown command /leed; did you mean /lead?"],
    ["/timelime 14:05 x", "unknown command /timelime; did you mean /timeline?"],
    ["/incidnet", "unknown command /incidnet; did you mean /incident?"],
    ["/se p1", "unknown command /se; did you mean /sev?"],
    ["/cc @alice", "unknown command /cc"],
    ["/shrug", "unknown command /shrug"],
    ["/assign-me", "unknown command /assign-me"],
  ])("%s", (body, error) => {
    const name = /^\/([A-Za-z-]+)/.exec(body)![1]!;
    expect(one(body)).toEqual({
      line: 1,
      raw: body,
      ok: false,
      name,
      error,
      usage: "/help lists the commands",
    });
  });
});

describe("parseComment: what is a command line", () => {
  it.each([
    ["/help", 1],
    [" /help", 1],
    ["   /help", 1],
    ["    /help", 0], // indented code
    ["\t/help", 0],
    ["/usr/bin/deploy failed", 0],
    ["//", 0],
    ["/ help", 0],
    ["/1", 0],
    ["/sev1", 0],
    ["/severity:p1", 0],
    ["https://example.com/help", 0],
    ["see /help", 0],
    ["> /severity p1", 0],
    [">/severity p1", 0],
    ["> > /help", 0],
    ["- /help", 0],
    ["`/help`", 0],
    ["", 0],
  ])("%j → %d command lines", (body, count) => {
    expect(parseComment(body, ctx()).lines).toHaveLength(count);
  });

  it("takes only the rest of its own line as arguments", () => {
    const body = "/summary first line\nsecond line is prose\n/status identified\nmore prose";
    expect(parseComment(body, ctx()).lines).toEqual([
      {
        line: 1,
        raw: "/summary first line",
        ok: true,
        command: { name: "summary", text: "first line" },
      },
      {
        line: 3,
        raw: "/status identified",
        ok: true,
        command: { name: "status", status: "identified", text: "" },
      },
    ]);
  });

  it("returns every command in order, with 1-based line numbers, errors included", () => {
    const body = [
      "Paging everyone.",
      "/declare",
      "/sev p1",
      "",
      "/lead me",
      "/role comms @bob",
      "/frobnicate",
      "/timeline 14:01 first alert",
      "/status identified bad config",
    ].join("\n");
    const { lines, declares } = parseComment(body, ctx());
    expect(declares).toBe(false);
    expect(lines.map((l) => [l.line, l.ok ? l.command.name : `error:${l.name}`])).toEqual([
      [2, "declare"],
      [3, "severity"],
      [5, "lead"],
      [6, "role"],
      [7, "error:frobnicate"],
      [8, "timeline"],
      [9, "status"],
    ]);
  });

  it("handles CRLF and lone CR line endings", () => {
    const body =
      "Hi\r\n/severity p1\r\n/status identified  db is slow \r\n/timeline 14:05 alert\r\n";
    expect(parseComment(body, ctx()).lines).toEqual([
      { line: 2, raw: "/severity p1", ok: true, command: { name: "severity", level: "critical" } },
      {
        line: 3,
        raw: "/status identified  db is slow ",
        ok: true,
        command: { name: "status", status: "identified", text: "db is slow" },
      },
      {
        line: 4,
        raw: "/timeline 14:05 alert",
        ok: true,
        command: { name: "timeline", at: "2026-11-23T14:05:00.000Z", text: "alert" },
      },
    ]);
    expect(parseComment("/help\r/resolve", ctx()).lines.map((l) => l.line)).toEqual([1, 2]);
  });

  it("keeps text as written: no escaping or redaction", () => {
    const text = "<b>token=ghp_abcdefghijklmnopqrstuvwxyz0123456789</b> *bold* @team";
    expect(command(`/summary ${text}`)).toEqual({ name: "summary", text });
  });
});

describe("parseComment: code blocks and HTML comments", () => {
  it.each([
    ["backtick fence", "```\n/severity p1\n```\n/help", ["help"]],
    ["tilde fence", "~~~\n/severity p1\n~~~\n/help", ["help"]],
    ["fence with info string", "```bash\n/usr/bin/x\n/severity p1\n```\n/help", ["help"]],
    ["fence indented 3 spaces", "   ```\n/severity p1\n   ```\n/help", ["help"]],
    ["closing fence indented differently", "```\n/severity p1\n  ```\n/help", ["help"]],
    ["4-space indent is not a fence", "    ```\n/severity p1\n    ```", ["severity"]],
    ["unclosed fence runs to the end", "/help\n```\n/severity p1\n/resolve", ["help"]],
    ["unclosed tilde fence", "~~~~\n/severity p1", []],
    ["longer closing fence closes", "```\n/severity p1\n`````\n/help", ["help"]],
    ["shorter closing fence does not close", "````\n```\n/severity p1\n````\n/help", ["help"]],
    ["other fence character does not close", "```\n~~~\n/severity p1\n```\n/help", ["help"]],
    ["closing fence with text does not close", "```\n``` js\n/severity p1\n```\n/help", ["help"]],
    ["backtick in info string: not a fence", "```inline``` code\n/help", ["help"]],
    ["tilde fence may have backticks in info", "~~~ `x`\n/severity p1\n~~~\n/help", ["help"]],
    [
      "several blocks",
      "```\n/sev p1\n```\n/status identified\n~~~\n/sev p2\n~~~\n/resolve",
      ["status", "resolve"],
    ],
    ["HTML comment block", "<!--\n/severity p1\n-->\n/help", ["help"]],
    ["one-line HTML comment", "<!-- /severity p1 -->\n/help", ["help"]],
    ["HTML comment closing then command", "<!-- start\nstill hidden -->\n/help", ["help"]],
    ["unclosed HTML comment", "/help\n<!--\n/severity p1", ["help"]],
    ["HTML comment opener in inline code", "`<!--`\n/help", ["help"]],
    ["fence inside HTML comment", "<!--\n```\n-->\n/help", ["help"]],
  ])("%s", (_label, body, names) => {
    const lines = parseComment(body, ctx()).lines;
    expect(lines.map((l) => (l.ok ? l.command.name : l.name))).toEqual(names);
  });
});

describe("parseComment: /timeline HH:MM in a time zone", () => {
  it.each([
    // UTC, across midnight: someone at 00:10 writing 23:50
    ["UTC", "2026-11-23T00:10:00Z", "23:50", "2026-11-22T23:50:00.000Z"],
    ["UTC", "2026-11-23T00:10:00Z", "00:05", "2026-11-23T00:05:00.000Z"],
    ["UTC", "2026-03-01T00:10:00Z", "23:50", "2026-02-28T23:50:00.000Z"],
    ["UTC", "2027-01-01T00:10:00Z", "23:50", "2026-12-31T23:50:00.000Z"],
    // Europe/London in summer (BST, UTC+1)
    ["Europe/London", "2026-07-01T12:00:00Z", "12:30", "2026-07-01T11:30:00.000Z"],
    ["Europe/London", "2026-07-01T12:00:00Z", "13:00", "2026-07-01T12:00:00.000Z"],
    // 23:30Z is already 00:30 on 2 July in London
    ["Europe/London", "2026-07-01T23:30:00Z", "00:15", "2026-07-01T23:15:00.000Z"],
    ["Europe/London", "2026-07-01T23:30:00Z", "23:50", "2026-07-01T22:50:00.000Z"],
    // Europe/London in winter (GMT)
    ["Europe/London", "2026-11-23T14:10:00Z", "14:05", "2026-11-23T14:05:00.000Z"],
    // Europe/London on the spring-forward day: 01:30 does not exist → 02:30 BST
    ["Europe/London", "2026-03-29T12:00:00Z", "00:30", "2026-03-29T00:30:00.000Z"],
    ["Europe/London", "2026-03-29T12:00:00Z", "01:30", "2026-03-29T01:30:00.000Z"],
    ["Europe/London", "2026-03-29T12:00:00Z", "03:00", "2026-03-29T02:00:00.000Z"],
    // the day after a change, 23:50 yesterday uses yesterday's offset
    ["Europe/London", "2026-03-30T00:10:00Z", "23:50", "2026-03-29T22:50:00.000Z"],
    ["Europe/London", "2026-10-26T00:10:00Z", "23:50", "2026-10-25T23:50:00.000Z"],
    // Europe/London fall back: 01:30 happens twice → the first (BST)
    ["Europe/London", "2026-10-25T12:00:00Z", "01:30", "2026-10-25T00:30:00.000Z"],
    // `HH:MMZ` is UTC whatever the zone (copied from logs)
    ["America/New_York", "2026-11-23T14:10:00Z", "14:05Z", "2026-11-23T14:05:00.000Z"],
    ["Europe/London", "2026-07-01T12:00:00Z", "11:30z", "2026-07-01T11:30:00.000Z"],
    // America/New_York
    ["America/New_York", "2026-11-23T14:10:00Z", "09:05", "2026-11-23T14:05:00.000Z"],
    ["America/New_York", "2026-11-23T03:00:00Z", "21:30", "2026-11-23T02:30:00.000Z"], // 22:00 on the 22nd there
    ["America/New_York", "2026-11-23T03:00:00Z", "22:30", "2026-11-22T03:30:00.000Z"], // later than 22:00 → day before
    ["America/New_York", "2026-03-08T12:00:00Z", "01:30", "2026-03-08T06:30:00.000Z"],
    ["America/New_York", "2026-03-08T12:00:00Z", "02:30", "2026-03-08T07:30:00.000Z"], // gap → 03:30 EDT
    ["America/New_York", "2026-03-08T12:00:00Z", "03:30", "2026-03-08T07:30:00.000Z"],
    // Asia/Kolkata, UTC+05:30: 20:00Z is 01:30 on the 24th
    ["Asia/Kolkata", "2026-11-23T20:00:00Z", "01:00", "2026-11-23T19:30:00.000Z"],
    ["Asia/Kolkata", "2026-11-23T20:00:00Z", "23:00", "2026-11-23T17:30:00.000Z"],
    ["Asia/Kolkata", "2026-11-23T08:40:00Z", "14:05", "2026-11-23T08:35:00.000Z"],
  ])("in %s, posted %s, %s → %s", (timezone, postedAt, clock, at) => {
    expect(
      command(`/timeline ${clock} something happened`, ctx({ config: zone(timezone), postedAt })),
    ).toEqual({
      name: "timeline",
      at,
      text: "something happened",
    });
  });

  it.each([
    ["UTC", "2026-11-23T14:05", "2026-11-23T14:05:00.000Z"],
    ["Europe/London", "2026-07-01T14:05", "2026-07-01T13:05:00.000Z"],
    ["Europe/London", "2026-11-23T14:05", "2026-11-23T14:05:00.000Z"],
    ["Europe/London", "2026-03-29T01:30", "2026-03-29T01:30:00.000Z"],
    ["America/New_York", "2026-11-23T09:05:30.5", "2026-11-23T14:05:30.500Z"],
    ["Asia/Kolkata", "2026-11-23T14:05", "2026-11-23T08:35:00.000Z"],
    ["Asia/Kolkata", "2026-11-23 14:05", "2026-11-23T08:35:00.000Z"],
    // an explicit offset wins over the zone
    ["Asia/Kolkata", "2026-11-23T14:05Z", "2026-11-23T14:05:00.000Z"],
    ["America/New_York", "2026-11-23T14:05:30+01:00", "2026-11-23T13:05:30.000Z"],
  ])("in %s, ISO %s without/with offset → %s", (timezone, time, at) => {
    // Posted a minute after the time: a timeline time must be near its comment.
    const postedAt = new Date(Date.parse(at) + 60_000).toISOString();
    expect(command(`/timeline ${time} deploy`, ctx({ config: zone(timezone), postedAt }))).toEqual({
      name: "timeline",
      at,
      text: "deploy",
    });
  });

  it("does not need postedAt to be valid unless HH:MM is used, and then throws", () => {
    expect(command("/timeline no time", ctx({ postedAt: "garbage" }))).toEqual({
      name: "timeline",
      at: null,
      text: "no time",
    });
    expect(() => parseComment("/timeline 14:05 x", ctx({ postedAt: "garbage" }))).toThrow(
      /postedAt/,
    );
  });
});

describe("parseComment: the declare phrase", () => {
  it.each([
    ["I hereby declare this an incident", true],
    ["i HEREBY declare THIS an INCIDENT.", true],
    ["Checkout is down. I hereby declare this an incident!", true],
    ["**I hereby declare this an incident**", true],
    ["I  hereby\tdeclare   this an incident", true],
    ["I hereby\ndeclare this\r\n  an incident", true],
    ["I hereby declare\n\nthis an incident", true],
    ["I hereby declare this an incident\n/sev p1", true],
    ["I hereby declare this incident over", false],
    ["I hereby declare this an incidental finding", false],
    ["I declare this an incident", false],
    ["```\nI hereby declare this an incident\n```", false],
    ["~~~\nI hereby\ndeclare this an incident", false],
    ["I hereby\n```\ndeclare this an incident\n```", false],
    ["`I hereby declare this an incident`", false],
    ["``I hereby declare this an incident``", false],
    ["Say `I hereby\ndeclare this an incident` to declare", false],
    ["I hereby `declare` this an incident", false],
    ["I hereby `x` declare this an incident", false],
    ["> I hereby declare this an incident", false],
    ["<!-- I hereby declare this an incident -->", false],
    ["<!--\nWrite: I hereby declare this an incident\n-->", false],
    ["", false],
  ])("%j → %s", (body, declares) => {
    expect(parseComment(body, ctx()).declares).toBe(declares);
  });

  it("is separate from /declare", () => {
    expect(parseComment("/declare", ctx())).toEqual({
      lines: [{ line: 1, raw: "/declare", ok: true, command: { name: "declare" } }],
      declares: false,
    });
  });
});

describe("hasCommandSyntax", () => {
  it.each([
    ["/help", true],
    ["  /foo", true],
    ["text\n/severity nonsense", true],
    ["I hereby declare this an incident", true],
    ["I hereby\r\ndeclare this an incident", true],
    ["Looks fine to me", false],
    ["see /help", false],
    ["/usr/bin/x", false],
    ["https://example.com/x", false],
    ["> /help", false],
    ["```\n/help\n```", false],
    ["~~~\n/help", false],
    ["<!--\n/help\n-->", false],
    ["`I hereby declare this an incident`", false],
    ["I hereby resign", false],
    ["", false],
  ])("%j → %s", (body, expected) => {
    expect(hasCommandSyntax(body)).toBe(expected);
  });

  it("agrees with parseComment", () => {
    const bodies = [
      "/help",
      "x\n```\n/sev p1\n```\n/resolve",
      "```\n/sev p1",
      "I hereby declare this an incident",
      "> I hereby declare this an incident",
      "nothing here",
      "/sev1",
      "    /help",
      "<!-- -->\n/lead me",
    ];
    for (const body of bodies) {
      const parsed = parseComment(body, ctx());
      expect(hasCommandSyntax(body), body).toBe(parsed.lines.length > 0 || parsed.declares);
    }
  });
});

describe("renderHelp", () => {
  // The shells load templates/help.md and hand it over: the core reads no file.
  const renderHelp = (config: Config) => renderHelpFrom(config, loadTemplate("help.md"));

  it("lists every command, severity level and role", () => {
    const help = renderHelp(defaultConfig);
    for (const spec of COMMANDS) {
      expect(help).toContain(`\`${spec.usage.replace(/\|/g, "\\|")}\``);
      expect(help).toContain(spec.summary);
      for (const alias of spec.aliases) expect(help).toContain(`\`/${alias}\``);
    }
    expect(help).toContain(
      "- `critical` (`sev1`, `p1`) — Critical: customer-facing outage or data loss\n",
    );
    expect(help).toContain(
      "- `major` (`sev2`, `p2`) — Major: significant degradation for many users _(default when declaring)_\n",
    );
    expect(help).toContain("- `comms` (Communications) — keeps stakeholders and users informed\n");
    expect(help).toContain("`investigating`, `identified`, `monitoring`, `resolved`");
    expect(help).toContain("24-hour in UTC");
    expect(help).toContain("I hereby declare this an incident");
  });

  it("keeps every table row one line with the right number of cells", () => {
    const rows = renderHelp(defaultConfig)
      .split("\n")
      .filter((l) => l.startsWith("| `/"));
    expect(rows).toHaveLength(COMMANDS.length);
    for (const row of rows) {
      // Unescaped pipes: the two outer ones and the separator.
      expect(row.match(/(?<!\\)\|/g)).toHaveLength(3);
    }
  });

  it("renders a custom config: no aliases, no roles, another zone", () => {
    const config = parseConfig({
      severities: [
        { name: "high", description: "pages | wakes\npeople" },
        { name: "low", aliases: ["l"] },
      ],
      default_severity: "low",
      roles: [],
      timezone: "Asia/Kolkata",
    });
    const help = renderHelp(config);
    // Markdown shows `\|` as `|`: config text is escaped like any text hereby writes.
    expect(help).toContain("- `high` — pages \\| wakes people\n");
    expect(help).toContain("- `low` (`l`) _(default when declaring)_\n");
    expect(help).toContain("none configured");
    expect(help).toContain("24-hour in Asia/Kolkata");
    expect(help).not.toContain("`comms`");
  });

  it("escapes config text: no marker can be planted in hereby's reply, nobody is pinged", () => {
    const config = parseConfig({
      roles: [
        {
          name: "comms",
          title: "Comms <!-- hereby:refused 1@x -->",
          description: "ask @acme/everyone",
        },
      ],
    });
    const help = renderHelp(config);
    expect(help).not.toContain("<!--");
    expect(help).not.toMatch(/(^|\s)@acme/);
  });

  it("does not HTML-escape", () => {
    expect(renderHelp(defaultConfig)).toContain("`/severity <level>`");
  });
});

describe("/report", () => {
  it.each([
    ["/report", null],
    ["/REPORT 2026-01-31", "2026-01-31"],
    ["/report 2026-11-23", "2026-11-23"],
  ])("%s asks for the report since %s", (body, since) => {
    expect(command(body)).toEqual({ name: "report", since });
  });

  it.each([
    [
      "/report january",
      '"january" is not a day; use a day like 2026-01-01 (UTC), or nothing for every incident',
    ],
    ["/report 2026-02-29", '"2026-02-29" is not a day'],
    ["/report 2026-1-5", '"2026-1-5" is not a day'],
    [
      "/report 2026-11-24",
      "2026-11-24 is after the day of this comment, so no incident was declared since",
    ],
    ["/report 2026-01-01 2026-02-01", 'unexpected "2026-02-01" after the day'],
  ])("%s is rejected: %s", (body, error) => {
    const line = one(body);
    expect(line.ok).toBe(false);
    if (!line.ok) {
      expect(line.error).toContain(error);
      expect(line.usage).toBe("/report [YYYY-MM-DD]");
    }
  });
});

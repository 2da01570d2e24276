// Nothing a person types is silently ignored: trailing words, extra people and look-alike
// command names get an answer.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import {
  hasCommandSyntax,
  parseComment,
  usageOf,
  type ParseContext,
} from "../../src/core/commands.js";
import { withRecord } from "../../src/core/record.js";
import { reduceIncident } from "../../src/core/reducer.js";
import type { CommandLine } from "../../src/core/types.js";
import { comment, event, issue, snapshot } from "../support/builders.js";

const ctx: ParseContext = {
  config: defaultConfig,
  author: "octocat",
  postedAt: "2026-11-23T14:10:00.000Z",
};

function one(body: string): CommandLine {
  const { lines } = parseComment(body, ctx);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe("trailing words", () => {
  it.each([
    [
      "/severity critical and some junk",
      "severity",
      `unexpected "and some junk" after the severity level`,
    ],
    ["/lead @bob extra", "lead", `unexpected "extra" after the lead`],
    ["/help me please", "help", `unexpected "me please" after /help`],
  ])("trailing junk is rejected with the usage (%s)", (body, name, error) => {
    expect(one(body)).toEqual({
      line: 1,
      raw: body,
      ok: false,
      name,
      error,
      usage: usageOf(name as "severity"),
    });
  });

  it("trailing punctuation is not junk", () => {
    expect(one("/severity critical.")).toMatchObject({
      ok: true,
      command: { name: "severity", level: "critical" },
    });
    expect(one("/lead @bob,")).toMatchObject({ ok: true, command: { name: "lead", user: "bob" } });
  });
});

describe("several people in one role", () => {
  it("/role comms @bob @carol gives the role to both", () => {
    expect(one("/role comms @bob @carol")).toMatchObject({
      ok: true,
      command: { name: "role", role: "comms", users: ["bob", "carol"] },
    });
    expect(one("/role comms @bob, @carol and me")).toMatchObject({
      ok: true,
      command: { name: "role", role: "comms", users: ["bob", "carol", "octocat"] },
    });
  });

  it("both holders show in the record", () => {
    const s = snapshot({
      issue: issue({ labels: ["incident", "severity:major", "status:investigating"] }),
      events: [event("labeled", "alice", 0, { label: "incident" })],
      comments: [comment("alice", "/role comms @bob @carol", 3)],
    });
    const incident = reduceIncident(s, defaultConfig);
    expect(incident.roles["comms"]).toEqual(["bob", "carol"]);
    expect(withRecord("", incident, defaultConfig)).toContain(
      "| **Communications** | [bob](https://github.com/bob), [carol](https://github.com/carol) |",
    );
  });

  it("a word that is not a person after the role is rejected", () => {
    expect(one("/role comms @bob for now")).toMatchObject({
      ok: false,
      name: "role",
      usage: usageOf("role"),
    });
  });
});

describe("look-alike command names", () => {
  it.each([
    ["/\u0455everity critical", "/severity"], // Cyrillic small dze
    ["/severity\u200B critical", "/severity"], // zero-width space after the name
    ["/sev\u00ADerity critical", "/severity"], // soft hyphen inside
    ["/\u0455tatus resolved", "/status"],
    ["/ｓｅｖｅｒｉｔｙ critical", "/severity"], // fullwidth
  ])("a look-alike command name gets a did-you-mean rejection (%s)", (body, guess) => {
    expect(hasCommandSyntax(body)).toBe(true);
    const line = one(body);
    expect(line.ok).toBe(false);
    if (line.ok) return;
    expect(line.error).toContain(`did you mean ${guess}?`);
  });

  it("text in another script that resembles no command is still just text", () => {
    expect(parseComment("/für alle: danke", ctx).lines).toEqual([]);
  });
});

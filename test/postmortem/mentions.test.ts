// Every way of writing a participant's handle that GitHub renders as a mention (or that
// reads as one, like the fullwidth `＠`) becomes their role in the postmortem: handles
// appear in the People section only.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { defaultConfig } from "../../src/config.js";
import { blameless, castOf } from "../../src/core/postmortem/blameless.js";
import { renderPostmortem } from "../../src/core/postmortem/render.js";
import { postmortemView } from "../../src/core/postmortem/view.js";
import { incidentOf } from "./support.js";
import { actionItem } from "../support/builders.js";

const template = readFileSync(new URL("../../templates/postmortem.md", import.meta.url), "utf8");

/** The rendered postmortem without its People section (the one place handles belong). */
function outsidePeople(commands: [string, string][], actionTitle: string): string {
  const incident = incidentOf([["alice", "/role ops @bob"], ...commands]);
  const item = actionItem(9, actionTitle, { owner: "bob" });
  const view = postmortemView({
    incident,
    config: defaultConfig,
    self: "hereby[bot]",
    incidentUrl: "https://github.com/acme/shop/issues/7",
    repository: "acme/shop",
    actionItems: [item],
    now: new Date("2026-11-24T09:00:00Z"),
  });
  const file = renderPostmortem(template, view);
  return file.replace(/^## People\n[\s\S]*?(?=^## )/m, "");
}

describe("mentions in any punctuation", () => {
  const cast = castOf(incidentOf([["alice", "/role ops @bob"]]), defaultConfig, "hereby[bot]");
  it.each([
    ["cc:@bob", "cc:Operations"],
    ["x=@bob", "x=Operations"],
    ["a+@bob", "a+Operations"],
    ["[x]@bob", "[x]Operations"],
    ["-@bob", "-Operations"],
    ["ping.@bob", "ping.Operations"],
    ["_@bob_", "_Operations_"],
    ["＠bob", "Operations"],
    ["path/@bob.", "path/Operations."],
    ["@bob://x", "Operations://x"],
  ])("names the role in %j", (text, expected) => {
    expect(blameless(text, cast)).toBe(expected);
  });

  it("leaves addresses, hosts and teams, which GitHub doesn't notify", () => {
    expect(blameless("bob@bob.com a@bob x@bob.internal @bob/sre", cast)).toBe(
      "bob@bob.com a@bob x@bob.internal @bob/sre",
    );
  });

  // Punctuation GitHub's mention finder and Markdown treat in different ways, ASCII and not.
  const PUNCTUATION = [
    ..."!\"#$%&'()*+,-./:;<=>?[\\]^_`{|}~ \t",
    "\u00A0",
    "\u3000",
    "«",
    "»",
    "—",
    "・",
    "。",
    "（",
    "）",
    "&amp;",
    "**",
    "~~",
    "`",
  ];
  const AT = ["@", "＠", "﹫", "&#64;", "&#x40;", "&commat;", "@\u200B"];
  const around = fc.array(fc.constantFrom(...PUNCTUATION), { maxLength: 6 }).map((p) => p.join(""));
  const written = fc
    .tuple(around, fc.constantFrom(...AT), fc.constantFrom("bob", "Bob", "BOB"), around)
    .map(([a, at, h, b]) => `${a}${at}${h}${b}`);

  it("leaves no participant's handle outside People, whatever punctuation surrounds it", () => {
    fc.assert(
      fc.property(written, written, written, (t, s, a) => {
        const out = outsidePeople(
          [
            ["carol", `/timeline ${t} restarted it`],
            ["alice", `/summary ${s} was paged`],
          ],
          `Alert ${a} sooner`,
        );
        expect(out.toLowerCase().includes("bob"), out).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

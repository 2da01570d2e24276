// A rejection quotes the words people typed inside hereby's own Markdown (its code spans,
// the usage line). Whatever those words hold (backticks, entities, handles in a row), the
// reply as a Markdown renderer reads it must ping nobody: the words are checked through a
// real CommonMark renderer, not a pattern of what escaping is thought to produce.
import fc from "fast-check";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { mistakePlan } from "../../src/core/comment-plan.js";
import { decideComment } from "../../src/core/comment-verdict.js";
import { comment, issue, snapshot } from "../support/builders.js";

const PIECES = [
  ..."|\\<>!-@aZ0 &`[]()*_#;/.~:",
  "\n",
  "&#64;",
  "&commat;",
  "<!--",
  "-->",
  "@bob",
  "**",
  "```",
  "> ",
  "/severity ",
];
const words = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((p) => p.join(""));

/** Handles GitHub would link in rendered HTML: outside code, links and comments. */
function pinged(markdown: string): string[] {
  const html = marked
    .parse(markdown, { async: false, gfm: true })
    .replace(/<!--[\s\S]*?-->|<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>|<a [\s\S]*?<\/a>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(quot|amp|lt|gt|#39|commat);/g, (_, e: string) => ENTITIES[e]!);
  return [...html.matchAll(/(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*/g)].map((m) => m[0]);
}
const ENTITIES: Record<string, string> = {
  quot: '"',
  amp: "&",
  lt: "<",
  gt: ">",
  "#39": "'",
  commat: "@",
};

describe("a rejection reply", () => {
  it.each(["/severity ", "/timeline ", "/lead ", "/nope "])(
    "pings nobody, whatever follows %j on the line (property)",
    (command) => {
      fc.assert(
        fc.property(words, (typed) => {
          const c = comment("bob", `${command}${typed}`, 3);
          const s = snapshot({ issue: issue({ labels: ["incident"] }), comments: [c] });
          const facts = {
            snapshot: s,
            commentId: c.id,
            permission: "write" as const,
            assignable: new Map<string, boolean>(),
            self: "hereby[bot]",
          };
          const decision = decideComment(facts, defaultConfig);
          if (decision.kind !== "rejected") return;
          const prior = { reactions: [], self: "hereby[bot]" };
          for (const w of mistakePlan(decision, s, defaultConfig, prior, "hereby[bot]"))
            if (w.type === "comment") expect(pinged(w.body)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
  );

  it("is checked by a renderer that finds a live handle", () => {
    expect(pinged("ask @bob or `@carol`")).toEqual(["@bob"]);
    expect(pinged("`x` `` ` ``@dave")).toEqual(["@dave"]);
  });
});

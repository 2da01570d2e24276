// Escaping runs in linear time because URLs are found with one look at each `://`
// (src/core/urls.ts) instead of a regex tried at every start position. Time is measured in
// bench/escape.ts, never here: these properties pin that the faster scan gives the same
// output, on texts made of the shapes that were slow (long runs of word characters, dots,
// dashes, schemes without slashes, mentions) at the largest size a comment can have.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeCell, escapeText } from "../../src/core/escape.js";
import { blameless, keepUrls, type Cast } from "../../src/core/postmortem/blameless.js";
import { diagramText } from "../../src/core/postmortem/mermaid.js";
import { findUrls, wordStart, type UrlShape } from "../../src/core/urls.js";

const COMMENT_MAX = 65_536;
const PIECES = [
  "a",
  "Z",
  "0",
  "_",
  ".",
  "-",
  "+",
  ":",
  "/",
  "://",
  "@",
  "@a",
  "＠",
  "\u200B",
  "[",
  "]",
  "\\",
  "|",
  "<",
  ">",
  " ",
  "\n",
  "(",
  "#",
  "[redacted x]",
  "http://",
];

/** A unit of up to four pieces, repeated to `size` characters: the worst cases are runs. */
const runs = (size: number) =>
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((unit) => {
    const u = unit.join("");
    return u.repeat(Math.ceil(size / u.length)).slice(0, size);
  });

/** The spans a regex finds: what the scanner must reproduce (quadratic, so small inputs). */
const regexSpans = (text: string, re: RegExp) =>
  [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

// The regexes, and the one rule they lacked: no URL starts in a scheme run right after an
// `@` (`@bob://x` is a mention of bob, which a URL must not hide).
const NOT_AFTER_AT = String.raw`(?<![@\uFF20\uFE6B\u200B][A-Za-z0-9+.-]*)`;
const regex = (source: string, flags: string) => new RegExp(NOT_AFTER_AT + source, flags);
const SHAPES: [string, UrlShape, RegExp][] = [
  [
    "escaping",
    { body: /(?:\[redacted [^\]\s]*\]|[^\s<>()])*/y },
    regex(String.raw`[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:\[redacted [^\]\s]*\]|[^\s<>()])*`, "g"),
  ],
  [
    "blameless",
    { body: /[^\s<>()]+/y, startsAt: wordStart },
    regex(String.raw`\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()]+`, "gi"),
  ],
  [
    "diagram",
    { body: /\S+/y, startsAt: wordStart },
    regex(String.raw`\b[a-z][a-z0-9+.-]*:\/\/\S+`, "gi"),
  ],
];

/** escapeCell reversed (the input holds no `&`, so no entity is ambiguous). */
function decodeCell(s: string): string {
  const map: Record<string, string> = {
    "<br>": "\n",
    "\\|": "|",
    "\\!": "!",
    "&#92;": "\\",
    "&lt;": "<",
    "&gt;": ">",
  };
  // A login holds no `[` or `@`: in `@[@[a](…)` the link starts at the second `@[`.
  const re = /<br>|\\\||\\!(?=\[)|&#92;|&lt;|&gt;|@\[([^\][@]+)\]\(https:\/\/github\.com\/[^)]+\)/g;
  return s.replace(re, (m, login?: string) => (login ? `@${login}` : map[m]!));
}

/** Every `|` preceded by exactly one backslash. */
const pipesEscaped = (s: string) => [...s.matchAll(/(\\*)\|/g)].every((m) => m[1]!.length === 1);

describe("finding URLs in linear time", () => {
  it.each(SHAPES)(
    "finds the same URLs as the %s regex on runs of any shape",
    (_name, shape, re) => {
      const texts = fc.oneof(
        runs(600),
        fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((p) => p.join("")),
      );
      const same = (text: string) => {
        expect(findUrls(text, shape)).toEqual(regexSpans(text, re));
      };
      fc.assert(fc.property(texts, same), { numRuns: 300 });
    },
  );

  it("starts a URL where each caller's regex did", () => {
    // Escaping: at the first letter of the scheme; a mention inside the URL stays as is.
    expect(escapeCell("1http://x.test/@a|b @bob")).toBe(
      "1http://x.test/@a\\|b @[bob](https://github.com/bob)",
    );
    // The diagram (like blameless): only where a word starts, so `x_https://` is no link.
    expect(diagramText("down: aa.https://x.test/a#b and ok")).toBe("down#58; (link) and ok");
    expect(diagramText("x_https://a.test ok")).toBe("x_https#58;//a.test ok");
  });
});

describe("escaping a comment of the largest size, of the slowest shapes", () => {
  it("escapes every cell character and keeps every other one", () => {
    fc.assert(
      fc.property(runs(COMMENT_MAX), (text) => {
        const cell = escapeCell(text);
        // Booleans, not strings: a failing 65 k-character string would flood the report.
        expect(/[\r\n]|<(?!br>)|-->/.test(cell)).toBe(false);
        expect(pipesEscaped(cell)).toBe(true);
        expect(decodeCell(cell) === text.trim()).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("writes one paragraph whatever the runs", () => {
    fc.assert(
      fc.property(runs(COMMENT_MAX), (text) => {
        const out = escapeText(text);
        // Every line but the last ends with the hard break; none opens a block.
        const lines = out.split("\n");
        expect(lines.slice(0, -1).every((l) => l.endsWith("\\"))).toBe(true);
        expect(lines.some((l) => /^(?:#{1,6} |[-+*] |```|~~~)/.test(l))).toBe(false);
        expect(/<|-->/.test(out)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it("keeps every URL byte for byte while renaming mentions", () => {
    const cast: Cast = { people: [], names: new Map([["a", "Responder 1"]]) };
    fc.assert(
      fc.property(runs(COMMENT_MAX), (text) => {
        const out = keepUrls(blameless(text, cast));
        // Every URL of the text is in the output, in order (a renamed mention may make a
        // new one: `@a+b://x` is a mention and text, `Responder 1+b://x` holds a URL).
        let from = 0;
        const kept = findUrls(text, SHAPES[1]![1]).every(({ start, end }) => {
          // keepUrls takes out the zero-width space the record puts after an `@`.
          const url = text.slice(start, end).replaceAll("\u200B", "");
          const at = out.indexOf(url, from);
          from = at + url.length;
          return at >= 0;
        });
        expect(kept).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});

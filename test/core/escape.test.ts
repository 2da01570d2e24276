import { describe, expect, it } from "vitest";
import {
  escapeCell,
  escapeInline,
  escapeMessage,
  escapeText,
  neutralizeMentions,
  quietHandle,
  truncate,
} from "../../src/core/escape.js";
import fc from "fast-check";

const Z = "\u200B";
/** How a mention is defused: `@` then a link to the profile (no hidden character). */
const at = (login: string) =>
  `@[${login}](https://github.com/${login.includes("/") ? `orgs/${login.replace("/", "/teams/")}` : login})`;

/** Strings of up to 40 pieces that matter to Markdown, tables and HTML. */
const nasty = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(""));

const NASTY = [
  "|",
  "\\",
  "<",
  ">",
  "!",
  "-",
  "\r",
  "\n",
  "\r\n",
  "@",
  "a",
  "Z",
  "0",
  " ",
  "\t",
  "&",
  "`",
  "[",
  "]",
  "*",
  "_",
  "#",
  ";",
  "/",
  ".",
  "é",
  "🔥",
  Z,
  "<!--",
  "-->",
  "<!-- hereby:end -->",
];

/** Every `|` must be preceded by exactly one backslash (odd and non-zero under any GFM reading). */
function pipesEscaped(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "|") continue;
    let n = 0;
    while (i - n - 1 >= 0 && s[i - n - 1] === "\\") n++;
    if (n !== 1) return false;
  }
  return true;
}

/** Reverses escapeCell for inputs without `&` (so user-typed entities are not ambiguous,
 * and no `@` before an entity is written as a code span). */
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
  return s.replace(
    /<br>|\\\||\\!(?=\[)|&#92;|&lt;|&gt;|@\[([^\][@]+)\]\(https:\/\/github\.com\/[^)]+\)/g,
    (m, login?: string) => (login ? `@${login}` : map[m]!),
  );
}

describe("neutralizeMentions", () => {
  it.each([
    ["@user", at("user")],
    ["hi @user!", `hi ${at("user")}!`],
    ["@org/team please", `${at("org/team")} please`],
    ["(@a, @b)", `(${at("a")}, ${at("b")})`],
    ["line\n@user", `line\n${at("user")}`],
    ["@@user", `@${at("user")}`],
    ["@dependabot[bot]", `${at("dependabot")}[bot]`],
    ["a@b.com", "a@b.com"],
    ["first.last+tag@example.co.uk", "first.last+tag@example.co.uk"],
    // `_` is emphasis to GitHub, not part of a word: `_@user_` would ping.
    ["x_@user", `x_${at("user")}`],
    ["_@user_ and **@team**", `_${at("user")}_ and **${at("team")}**`],
    ["&#64;alice &#x40;bob &commat;carol", `${at("alice")} ${at("bob")} ${at("carol")}`],
    ["@&#97;lice", "`@`&#97;lice"],
    ["@ alone", "@ alone"],
    ["@-dash @_under", "@-dash @_under"],
    // Once `@a` is a link, `@b` follows its `)` and would ping: it is defused too.
    ["@a@b", `${at("a")}${at("b")}`],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });
});

describe("escapeCell", () => {
  it.each([
    ["plain", "API down", "API down"],
    ["trims", "  spaced \t\n", "spaced"],
    ["pipe", "a|b", "a\\|b"],
    ["backslash before pipe cannot unescape it", "a\\|b", "a&#92;\\|b"],
    ["two backslashes before pipe", "a\\\\|b", "a&#92;&#92;\\|b"],
    ["other backslashes kept", "C:\\dir\\*x*", "C:\\dir\\*x*"],
    ["trailing backslash cannot escape the cell border", "ends\\", "ends&#92;"],
    ["LF", "a\nb", "a<br>b"],
    ["CRLF", "a\r\nb", "a<br>b"],
    ["CR", "a\rb", "a<br>b"],
    ["blank lines kept", "a\n\nb", "a<br><br>b"],
    ["backslash before a line break", "a\\\nb", "a&#92;<br>b"],
    ["HTML comment marker", "<!-- hereby:end -->", "&lt;!-- hereby:end --&gt;"],
    ["closing comment alone", "x -->", "x --&gt;"],
    ["tags", "<b>bold</b><script>", "&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;"],
    ["backslash before <", "\\<!--", "&#92;&lt;!--"],
    ["ampersand and entities kept", "a & b &lt;!-- &#124;", "a & b &lt;!-- &#124;"],
    ["mention", "ask @oncall", `ask ${at("oncall")}`],
    ["team mention", "@acme/sre", at("acme/sre")],
    ["email untouched", "mail ops@acme.io", "mail ops@acme.io"],
    ["Markdown kept", "**bold** `code` [l](u)", "**bold** `code` [l](u)"],
    ["Unicode", "déjà vu 🔥 日本", "déjà vu 🔥 日本"],
    ["empty", "", ""],
  ])("%s", (_name, input, expected) => {
    expect(escapeCell(input)).toBe(expected);
  });

  it("keeps its invariants (property)", () => {
    fc.assert(
      fc.property(nasty(NASTY), (input) => {
        const out = escapeCell(input);
        // People are links now: no hidden character is added.
        if (!input.includes(Z)) expect(out).not.toContain(Z);
        expect(out).not.toMatch(/[\r\n]/);
        expect(out).not.toContain("<!--");
        expect(out).not.toContain("-->");
        expect(out.replace(/<br>/g, "")).not.toMatch(/[<>]/);
        expect(pipesEscaped(out)).toBe(true);
        expect(out).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
        expect(out).toBe(out.trim());
        expect(out.endsWith("\\")).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("is lossless (property)", () => {
    fc.assert(
      fc.property(nasty(NASTY.filter((c) => !c.includes("&") && c !== Z)), (input) => {
        expect(decodeCell(escapeCell(input))).toBe(input.trim().replace(/\r\n|\r/g, "\n"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("escapeText", () => {
  it.each([
    ["plain", "All good now.", "All good now."],
    ["lines become hard breaks", "one\ntwo\r\nthree", "one\\\ntwo\\\nthree"],
    ["blank line stays in the paragraph", "a\n\nb", "a\\\n\\\nb"],
    ["trims text and lines", "  a  \n   b  ", "a\\\nb"],
    ["pipes stay literal", "a | b\n--|--", "a \\| b\\\n--\\|--"],
    ["heading", "# Root cause", "\\# Root cause"],
    ["list items", "- one\n+ two\n* three", "\\- one\\\n\\+ two\\\n\\* three"],
    ["bare bullet", "-", "\\-"],
    ["thematic break with spaces", "* * *", "\\* * *"],
    ["setext underline of one dash", "Title\n-", "Title\\\n\\-"],
    ["hyphenated word at a line start stays", "-flag and -1", "-flag and -1"],
    ["emphasis at a line start stays", "*note* _x_", "*note* _x_"],
    ["link at a line start stays", "[runbook](https://r.test)", "[runbook](https://r.test)"],
    ["number without a list marker stays", "2.5 seconds\n3.x", "2.5 seconds\\\n3.x"],
    ["heading needs a space", "#123 and #tag", "#123 and #tag"],
    ["ordered list", "1. first\n2) second", "1\\. first\\\n2\\) second"],
    ["fence", "```\ncode", "\\```\\\ncode"],
    ["tilde fence", "~~~", "\\~~~"],
    ["setext underline", "Title\n===", "Title\\\n\\==="],
    ["thematic break", "___", "\\___"],
    ["two backticks are not a fence", "``x``", "``x``"],
    ["link reference definition", "[x]: https://evil.test", "\\[x]: https://evil.test"],
    ["quote is escaped HTML", "> quoted", "&gt; quoted"],
    ["marker", "<!-- hereby:start -->", "&lt;!-- hereby:start --&gt;"],
    ["mention", "thanks @alice and @acme/sre", `thanks ${at("alice")} and ${at("acme/sre")}`],
    ["trailing backslash on a line", "path C:\\\nnext", "path C:&#92;\\\nnext"],
    ["inline Markdown kept", "**bold** and `code`", "**bold** and `code`"],
    ["no breaks for a single line", "x", "x"],
  ])("%s", (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it("keeps its invariants (property)", () => {
    fc.assert(
      fc.property(nasty(NASTY), (input) => {
        const out = escapeText(input);
        expect(out).not.toContain("\r");
        expect(out).not.toContain("<!--");
        expect(out).not.toContain("-->");
        expect(out).not.toMatch(/[<>]/);
        expect(pipesEscaped(out)).toBe(true);
        expect(out).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
        const lines = out.split("\n");
        lines.forEach((line, i) => {
          // Every line but the last ends in exactly one backslash: a hard break.
          if (i < lines.length - 1) expect(line).toMatch(/(^|[^\\])\\$/);
          else expect(line.endsWith("\\")).toBe(false);
          expect(line).not.toMatch(
            /^#{1,6}(?:[ \t]|$)|^[-+*](?:[ \t]|$)|^`{3}|^~{3}|^\d{1,9}[.)](?:[ \t]|$)|^[ \t]|^\[[^\]]*\]:/,
          );
          expect(line.replace(/[ \t]/g, "")).not.toMatch(/^(?:\*{3,}|_{3,}|-+|=+)$/);
          if (out !== "") expect(line).not.toBe("");
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("escapeMessage", () => {
  // A rejection quotes the user's words, then hereby writes `usage: \`/lead <@user|me>\``:
  // an unpaired backtick in the words would pair with that one and ping @user.
  it("keeps a backtick the user typed from pairing with the code spans after it", () => {
    expect(escapeMessage('unexpected "`" after the lead')).toBe('unexpected "\\`" after the lead');
  });

  it("keeps a mention in its code span beside backticks the user typed", () => {
    expect(escapeMessage('unknown severity "```@bob"')).toBe('unknown severity "\\`\\`\\``@bob`"');
  });
});

describe("quietHandle", () => {
  it("links to the profile on the issue's own server (GitHub Enterprise Server)", () => {
    expect(quietHandle("bob", "https://ghe.example.com")).toBe(
      "[bob](https://ghe.example.com/bob)",
    );
    expect(escapeCell("ask @bob", "https://ghe.example.com")).toBe(
      "ask @[bob](https://ghe.example.com/bob)",
    );
  });

  it.each([
    ["alice", "[alice](https://github.com/alice)"],
    ["@alice", "[alice](https://github.com/alice)"],
    ["Bob-Smith-42", "[Bob-Smith-42](https://github.com/Bob-Smith-42)"],
    ["dependabot[bot]", "[dependabot[bot]](https://github.com/apps/dependabot)"],
    ["a".repeat(39), `[${"a".repeat(39)}](https://github.com/${"a".repeat(39)})`],
    ["acme/sre-team", "[acme/sre-team](https://github.com/orgs/acme/teams/sre-team)"],
    ["a".repeat(40), "a".repeat(40)],
    ["-leading", "-leading"],
    ["two words", "two words"],
    ["evil`|<!--", "evil`\\|&lt;!--"],
    ["@x y", `${at("x")} y`],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(quietHandle(input)).toBe(expected);
  });
});

describe("escapeInline", () => {
  it.each([
    ["plain", "Checkout errors", "Checkout errors"],
    ["link syntax", "[x](javascript:alert)", "\\[x\\](javascript:alert)"],
    ["emphasis and code", "*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"],
    ["pipe, HTML, newline", "a|b <i>\nc", "a\\|b &lt;i&gt;<br>c"],
    ["backslash before an escaped char", "\\*", "&#92;\\*"],
    ["backslash elsewhere", "a\\b", "a\\b"],
    ["mention", "@alice", "`@alice`"],
  ])("%s", (_name, input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });

  it("escapes every formatting character (property)", () => {
    fc.assert(
      fc.property(nasty(NASTY), (input) => {
        // Mentions are code spans hereby writes itself (`@login`, or a lone `@`).
        const out = escapeInline(input).replace(/`@[A-Za-z0-9-]*`/g, "");
        expect(out).not.toMatch(/[\r\n]/);
        expect(out).not.toContain("<!--");
        for (let i = 0; i < out.length; i++) {
          if (!"[]`*_|".includes(out[i]!)) continue;
          expect(out[i - 1]).toBe("\\");
          expect(out[i - 2]).not.toBe("\\");
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("truncate", () => {
  it.each([
    ["short", 10, "short"],
    ["exactly", 7, "exactly"],
    ["abcdef", 4, "abc…"],
    ["abcdef", 1, "…"],
    ["abcdef", 0, ""],
    ["abcdef", -3, ""],
    ["abcdef", 4.9, "abc…"],
    ["ab🔥cd", 4, "ab…"],
    ["ab🔥cd", 5, "ab🔥…"],
    ["🔥🔥", 2, "…"],
    ["🔥🔥", 4, "🔥🔥"],
    ["", 0, ""],
  ])("%j to %d → %j", (input, max, expected) => {
    const out = truncate(input, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(Math.max(0, Math.floor(max)));
  });

  it("never leaves a lone surrogate", () => {
    const s = "a🔥b🔥🔥c";
    for (let max = 0; max <= s.length + 1; max++)
      expect(truncate(s, max)).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
  });
});

describe("escaping adversarial input (ReDoS guard: must finish; results only)", () => {
  const N = 100_000;
  it.each([
    ["backslashes then pipe", "\\".repeat(N) + "|", "&#92;".repeat(N) + "\\|"],
    ["comment openers", "<!--".repeat(N / 4), "&lt;!--".repeat(N / 4)],
    ["mentions", "@a ".repeat(N / 4).trim(), `${at("a")} `.repeat(N / 4).trim()],
    // Each `@a` follows the link before it, so each is a mention.
    ["mentions in a row", "@a".repeat(N / 2), at("a").repeat(N / 2)],
    ["newlines", "a" + "\n".repeat(N) + "b", "a" + "<br>".repeat(N) + "b"],
  ])("escapeCell: %s", (_name, input, expected) => {
    expect(escapeCell(input)).toBe(expected);
  });

  it("escapeText and escapeInline on 100k characters", () => {
    expect(escapeText("-\n".repeat(N / 2)).split("\n")).toHaveLength(N / 2);
    expect(escapeInline("[".repeat(N))).toBe("\\[".repeat(N));
  });
});

describe("links and images in user text", () => {
  it.each([
    ["postgres://admin:[redacted password]@db.internal:5432/app"],
    ["see https://grafana.example/d/@team/board?from=now-1h"],
    ["mail ops@db.internal now"],
  ])("the mention guard leaves URLs and e-mail addresses alone (%s)", (text) => {
    expect(neutralizeMentions(text)).toBe(text);
    expect(escapeText(text)).not.toContain(Z);
  });

  it("a mention next to a URL is still defused", () => {
    expect(neutralizeMentions("https://x.example/a @alice")).toBe(
      `https://x.example/a ${at("alice")}`,
    );
  });

  // The code span ends at its backtick, and so does the URL in it: `@alice` after it pings.
  it("a mention right after a URL in a code span is defused", () => {
    expect(neutralizeMentions("see `https://x.example/a`@alice")).toBe(
      `see \`https://x.example/a\`${at("alice")}`,
    );
  });

  it.each([
    ["![pixel](https://t.example/p.png)", "\\![pixel](https://t.example/p.png)"],
    ["before ![](https://t.example/p.gif) after", "before \\![](https://t.example/p.gif) after"],
    ["![ref][1]", "\\![ref][1]"],
  ])("a Markdown image in user text shows as a link, not an image (%s)", (text, expected) => {
    expect(escapeText(text)).toBe(expected);
    expect(escapeCell(text)).toBe(expected);
  });
});

/** Text as GitHub's renderer sees it after decoding numeric character references. */
const decoded = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));

describe("mentions in emphasis and entities", () => {
  // Markdown renders `_@alice_` as <em>@alice</em>, which GitHub links as a mention.
  it("an @mention in _emphasis_ is neutralised", () => {
    for (const text of ["paged _@alice_", "paged __@acme/oncall__"]) {
      expect(escapeCell(text)).not.toMatch(/@[A-Za-z0-9]/);
      expect(escapeText(text)).not.toMatch(/@[A-Za-z0-9]/);
    }
  });

  // `a@0` pings nobody, but `@a@0` defused as `@[a](…)@0` would ping @0.
  it("an @mention right after another is neutralised, the second one too", () => {
    for (const text of ["@a@0", "cc @ops@sre@dba", "@a&#64;b"]) {
      expect(decoded(escapeCell(text))).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
      expect(decoded(escapeText(text))).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
    }
    // Inside link text, mentions in a row share one code span rather than two that touch.
    expect(neutralizeMentions("cc @ops@sre", "code")).toBe("cc `@ops@sre`");
  });

  // `@&#97;lice` renders as `@alice`.
  it("an @mention whose login starts with an entity is neutralised", () => {
    for (const text of ["paged @&#97;lice", "paged @&#x61;cme/oncall"]) {
      expect(decoded(escapeCell(text))).not.toMatch(/@[A-Za-z0-9]/);
      expect(decoded(escapeText(text))).not.toMatch(/@[A-Za-z0-9]/);
    }
  });
});

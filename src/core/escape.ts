// Escaping user text for the Markdown issue body. The body also holds hidden
// `<!-- hereby:... -->` markers that the bot parses from the raw source, so user text
// must never be able to open or close an HTML comment, split a table cell, or ping.
//
// `<` and `>` become `&lt;` / `&gt;`; `&` is left alone so entities a user typed render
// as they meant. That is safe: an entity such as `&lt;!--` is not `<!--` in the source
// the marker parser reads, and GitHub renders it as literal text, never as a comment.
//
// Backslashes: a run of backslashes directly before a character we escape or replace
// (or before a line end) is written as `&#92;` entities, so it can neither escape our
// own backslash (`\\|` would end a GFM cell) nor our `&lt;` / `<br>` / line break.

import { findUrls, type UrlShape } from "./urls.js";

const LINE_BREAK = /\r\n|\r|\n/;

/** Where profiles live when the issue's own address is unknown. */
export const DEFAULT_SERVER = "https://github.com";

/** A URL (`scheme://…` up to whitespace, a bracket or a backtick): GitHub links it and
 * resolves no mention inside it, so the guard leaves it alone (`…:[redacted]@db.internal`
 * stays). A backtick ends it: in "`https://x.io`@bob" the code span closes there, and
 * `@bob` after it pings. */
const URL_SPAN: UrlShape = { body: /(?:\[redacted [^\]\s]*\]|[^\s<>()`])*/y };

// A mention position: `@` at the start or after a non-word character (`_` and `*` are
// Markdown emphasis, not word characters, to GitHub's mention finder: `_@alice_` pings),
// followed by a login (`org/team` too) or by an HTML entity that could spell one.
const AT_LOGIN = String.raw`@(?:([A-Za-z0-9][A-Za-z0-9-]*)(?:\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*))?|(?=&#?[A-Za-z0-9]+;))`;
const MENTION = new RegExp(`(?<![A-Za-z0-9])${AT_LOGIN}`, "g");
// `@a@b`: `@b` pings nobody as written, but once `@a` is defused its link (or code span)
// ends in a non-word character, and `@b` would ping: an `@` right after a mention is one.
const CHAINED = new RegExp(AT_LOGIN, "y");
// An `@` written as an HTML entity renders as one: it gets the same treatment.
const ENTITY_AT = /&(?:#0*64|#x0*40|commat);/gi;

/** How a mention is written once defused: a link (`@[bob](…/bob)`: the `@` is followed by
 * `[`, so nothing pings, and nothing hidden comes along when it is copied), or a code span
 * where a link can't go (inside link text). */
export type MentionStyle = "link" | "code";

/** The profile page of a login, or of an `org/team`. */
export function profileUrl(login: string, server = DEFAULT_SERVER): string {
  const base = server.replace(/\/+$/, "");
  const [org, team] = login.split("/");
  if (team) return `${base}/orgs/${org}/teams/${team}`;
  // An app's account (`dependabot[bot]`) has its page under /apps.
  const app = /^(.*)\[bot\]$/.exec(login)?.[1];
  return app ? `${base}/apps/${app}` : `${base}/${login}`;
}

/** The server an address is on (`https://ghe.example.com`), else github.com. */
export function serverOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : DEFAULT_SERVER;
  } catch {
    return DEFAULT_SERVER;
  }
}

type Piece = { text: string } | { mention: string | null };

/** Text cut into plain runs and mentions (null: an `@` before an entity), URLs left whole. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const mention = (m: RegExpExecArray | RegExpMatchArray): Piece => ({
    mention: m[1] ? (m[2] ? `${m[1]}/${m[2]}` : m[1]) : null,
  });
  const plain = (t: string) => {
    let from = 0;
    for (const m of t.matchAll(MENTION)) {
      if (m.index < from) continue; // taken as part of a chain
      if (m.index > from) out.push({ text: t.slice(from, m.index) });
      out.push(mention(m));
      from = m.index + m[0].length;
      for (let c = chainedAt(t, from); c; c = chainedAt(t, from)) {
        out.push(mention(c));
        from += c[0].length;
      }
    }
    if (from < t.length) out.push({ text: t.slice(from) });
  };
  const source = text.replace(ENTITY_AT, "@");
  let from = 0;
  for (const url of findUrls(source, URL_SPAN)) {
    plain(source.slice(from, url.start));
    out.push({ text: source.slice(url.start, url.end) });
    from = url.end;
  }
  plain(source.slice(from));
  return out;
}

/** A mention that starts right where the one before it ended, or null. */
function chainedAt(text: string, at: number): RegExpExecArray | null {
  CHAINED.lastIndex = at;
  return CHAINED.exec(text);
}

function renderMention(login: string | null, style: MentionStyle, server: string): string {
  // `@&#97;lice`: the `@` alone in code, so the entity after it spells no mention.
  if (login === null) return "`@`";
  return style === "code" ? "`@" + login + "`" : `@[${login}](${profileUrl(login, server)})`;
}

/** Plain text with every mention defused (see MentionStyle); nothing else escaped. */
export function neutralizeMentions(
  text: string,
  style: MentionStyle = "link",
  server = DEFAULT_SERVER,
): string {
  return render(pieces(text), (t) => t, style, server);
}

/** The pieces written out: plain runs through `plain`, mentions defused. Mentions in a row
 * share one code span (`@a@b` in code), not two spans that touch. */
function render(
  parts: Piece[],
  plain: (text: string) => string,
  style: MentionStyle,
  server: string,
): string {
  let out = "";
  parts.forEach((p, i) => {
    if ("text" in p) return void (out += plain(p.text));
    const shown = renderMention(p.mention, style, server);
    const joins = style === "code" && i > 0 && !("text" in parts[i - 1]!);
    out = joins ? out.slice(0, -1) + shown.slice(1) : out + shown;
  });
  return out;
}

/** One line escaped, its mentions defused: plain runs through `escapeLine`, mentions as
 * rendered (so the escaper never touches the link or code span hereby writes). */
function escapeWithMentions(
  line: string,
  extra: string,
  style: MentionStyle,
  server: string,
): string {
  // Most lines hold no `@` (nor an entity that spells one): nothing to cut.
  if (!line.includes("@") && !line.includes("&")) return escapeLine(line, extra);
  return render(pieces(line), (t) => escapeLine(t, extra), style, server);
}

/** Escapes one line (no CR/LF): `|` → `\|`, `<`/`>` → entities, `extra` →
 * backslash-escaped. */
function escapeLine(line: string, extra: string): string {
  let out = "";
  let backslashes = 0;
  // Code units, not code points: every character escaped here is ASCII, and a surrogate
  // pair is copied unit by unit as it came.
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "\\") {
      backslashes++;
      continue;
    }
    // `![alt](src)` would render an image (a tracking pixel): `\!` shows it as a link.
    const image = ch === "!" && line[i + 1] === "[";
    const special = ch === "|" || ch === "<" || ch === ">" || image || extra.includes(ch);
    if (backslashes > 0) {
      out += (special ? "&#92;" : "\\").repeat(backslashes);
      backslashes = 0;
    }
    if (ch === "|") out += "\\|";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (special) out += "\\" + ch;
    else out += ch;
  }
  // A trailing backslash would escape whatever the caller writes next (` |`, `<br>`).
  return out + "&#92;".repeat(backslashes);
}

function escapeOneLine(text: string, extra: string, style: MentionStyle, server: string): string {
  return text
    .trim()
    .split(LINE_BREAK)
    .map((line) => escapeWithMentions(line, extra, style, server))
    .join("<br>");
}

/**
 * One Markdown table cell: `|` → `\|`, CR/LF/CRLF → `<br>`, `<`/`>` → `&lt;`/`&gt;`,
 * mentions neutralised, surrounding whitespace trimmed. Never contains CR, LF, an
 * unescaped `|`, `<!--` or `-->`. Entities render literally inside code spans, so do not
 * wrap the result in backticks.
 */
export function escapeCell(text: string, server = DEFAULT_SERVER): string {
  return escapeOneLine(text, "", "link", server);
}

// Line starts that would open a block (ATX heading, bullet, fence, link reference
// definition), and whole lines that would be a setext underline or thematic break.
// Escaped so every user line stays inside one paragraph; `**bold**` or `[a](b)` at a line
// start are not block syntax and stay as they are.
const BLOCK_START = /^(?:#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|`{3}|~{3}|\[[^\]]{0,999}\]:)/;
const BLOCK_LINE = /^(?:\*{3,}|_{3,}|-+|=+)$/;
const ORDERED_ITEM = /^(\d{1,9})([.)])(?=[ \t]|$)/;

function escapeLineStart(line: string): string {
  if (BLOCK_START.test(line) || BLOCK_LINE.test(line.replace(/[ \t]/g, ""))) return "\\" + line;
  return line.replace(ORDERED_ITEM, "$1\\$2");
}

/**
 * A paragraph of user text. Like escapeCell (pipes stay literal, HTML escaped, mentions
 * neutralised), but each line break becomes a CommonMark hard break: `\` at the end of
 * the line, then `\n`. That renders as a line break both in issue bodies and in
 * committed `.md` files (`<br>` + newline renders doubled where GitHub turns newlines
 * into breaks; two trailing spaces get stripped by editors). Blank lines become empty
 * hard-broken lines, so the result is always one paragraph, and block syntax at a
 * line start is escaped so a user line cannot open a fence, list or heading.
 */
export function escapeText(text: string, server = DEFAULT_SERVER): string {
  return paragraph(text, "", "link", server);
}

/** hereby's own message around words people typed (a rejection's reason): like
 * escapeText, but a handle shows as code (`@user` in "use @user or me" is a placeholder,
 * not someone to link to), and backticks are escaped: one the user typed would pair with
 * a mention's code span (```@bob is ````@bob`, and @bob pings) or with the code spans
 * hereby writes after the message. */
export function escapeMessage(text: string): string {
  return paragraph(text, "`", "code", DEFAULT_SERVER);
}

/** A message hereby wrote around names from a config file, in its own code spans (a
 * key's path): escapeMessage with the backticks kept. */
export function escapeConfigMessage(text: string): string {
  return paragraph(text, "", "code", DEFAULT_SERVER);
}

function paragraph(text: string, extra: string, style: MentionStyle, server: string): string {
  return text
    .trim()
    .split(LINE_BREAK)
    .map((raw) => escapeLineStart(escapeWithMentions(raw.trim(), extra, style, server)))
    .join("\\\n");
}

const LOGIN = /^@?([A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?)$/;
const TEAM = /^@?([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100})$/;

/**
 * A person (or `org/team`) shown without pinging and without hidden characters: a link to
 * their profile, `[bob](https://github.com/bob)` (a link notifies nobody). A leading `@`
 * in the input is accepted. Anything that is not a valid login is escaped like a table
 * cell instead.
 */
export function quietHandle(login: string, server = DEFAULT_SERVER): string {
  const m = LOGIN.exec(login.trim()) ?? TEAM.exec(login.trim());
  if (m?.[1]) return `[${m[1]}](${profileUrl(m[1], server)})`;
  return escapeCell(login, server);
}

/**
 * Single-line Markdown link text or heading: like escapeCell, and `[` `]` `` ` `` `*`
 * `_` are backslash-escaped so the text cannot close the link or start formatting.
 */
export function escapeInline(text: string): string {
  return escapeOneLine(text, "[]`*_", "code", DEFAULT_SERVER);
}

/**
 * At most `max` UTF-16 code units, `…` included when cut; never splits a surrogate
 * pair. Truncate before escaping, or the cut may land inside an escape.
 */
export function truncate(text: string, max: number): string {
  const limit = Math.max(0, Math.floor(max));
  if (text.length <= limit) return text;
  if (limit === 0) return "";
  let cut = limit - 1;
  const last = text.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut--;
  return text.slice(0, cut) + "…";
}

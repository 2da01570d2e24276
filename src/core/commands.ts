// Parsing `/command` lines out of a comment. Pure: no GitHub, no clock (the comment's
// own time comes in `ParseContext.postedAt`). The registry `COMMANDS` is the single
// source of names, aliases, usage lines and help text. Text is returned as written:
// redaction and escaping happen in the reducer.
import type { Config } from "../config.js";
import { renderTemplate } from "../templates.js";
import { addDays, daysInMonth, zonedDateParts, zonedTimeToInstant } from "./clock-time.js";
import { ACTIVE_STATUSES } from "./types.js";
import type { ActiveStatus, Command, CommandLine, CommandName, Login, ParsedComment } from "./types.js";
import { escapeText } from "./escape.js";

export interface ParseContext {
  config: Config;
  /** Login of the comment author (what `me` means). */
  author: string;
  /** ISO time the comment was created: `HH:MM` times are read relative to it. */
  postedAt: string;
}

export interface CommandSpec {
  name: CommandName;
  /** Other words for the command, without `/`. */
  aliases: string[];
  /** One line: `/severity <level>`. */
  usage: string;
  /** What it does, plain text, one sentence. */
  summary: string;
}

export const COMMANDS: readonly CommandSpec[] = Object.freeze([
  {
    name: "declare",
    aliases: ["incident"],
    usage: "/declare",
    summary: "Declare this issue an incident and start its record.",
  },
  {
    name: "severity",
    aliases: ["sev"],
    usage: "/severity <level>",
    summary: "Set the severity level (name or alias, any case).",
  },
  {
    name: "timeline",
    aliases: ["tl", "note"],
    usage: "/timeline [HH:MM | ISO 8601 time] <text>",
    summary: "Add a timeline entry, at the given time or else at the time of the comment.",
  },
  {
    name: "status",
    aliases: [],
    usage: `/status <${ACTIVE_STATUSES.join("|")}> [text]`,
    summary: "Set the status, with an optional note for the timeline.",
  },
  {
    name: "summary",
    aliases: [],
    usage: "/summary <text>",
    summary: "Set the summary: what happened and who was affected.",
  },
  {
    name: "lead",
    aliases: [],
    usage: "/lead <@user|me>",
    summary: "Set the incident lead, the one person in charge.",
  },
  {
    name: "role",
    aliases: [],
    usage: "/role <role> <@user|me>",
    summary: "Give a role to a person.",
  },
  {
    name: "resolve",
    aliases: [],
    usage: "/resolve [text]",
    summary: "Mark the incident resolved, with an optional note.",
  },
  {
    name: "postmortem",
    aliases: [],
    usage: "/postmortem",
    summary: "Open the postmortem pull request now, or refresh its draft.",
  },
  {
    name: "help",
    aliases: [],
    usage: "/help",
    summary: "Reply with this list.",
  },
] satisfies CommandSpec[]);

const BY_WORD: ReadonlyMap<string, CommandSpec> = new Map(
  COMMANDS.flatMap((spec) => [spec.name, ...spec.aliases].map((word) => [word.toLowerCase(), spec] as const)),
);

/** The usage line of a command, from the registry. */
export function usageOf(name: CommandName): string {
  const spec = COMMANDS.find((c) => c.name === name);
  if (spec === undefined) throw new Error(`usageOf: no command named ${String(name)}`);
  return spec.usage;
}

/** A severity name or alias (case-insensitive) → the level's name; null if none matches. */
export function resolveSeverity(word: string, config: Config): string | null {
  const key = word.trim().toLowerCase();
  if (key === "") return null;
  for (const level of config.severities) {
    if (level.name.toLowerCase() === key || level.aliases.some((a) => a.toLowerCase() === key)) return level.name;
  }
  return null;
}

// ---------------------------------------------------------------------------------
// Scanning: which lines of a comment are visible text (not code, not HTML comments).

/** A command line: up to 3 spaces, `/`, a letter, then letters and '-', then space or end. */
const COMMAND_LINE = /^ {0,3}\/([A-Za-z][A-Za-z-]*)(?=\s|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const INLINE_CODE = /(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)\1(?!`)/g;
const DECLARE_PHRASE = /\bI\s+hereby\s+declare\s+this\s+an\s+incident\b/i;
/** Put where hidden text was, so words on either side never join into the phrase. */
const GAP = " \u0000 ";

interface ScannedLine {
  /** 1-based. */
  number: number;
  text: string;
  /** Inside (or the fence line of) a fenced code block, or inside an HTML comment. */
  hidden: boolean;
}

function splitLines(body: string): string[] {
  return body.split(/\r\n|\r|\n/);
}

/**
 * Marks fenced code blocks (``` or ~~~, opening fence indented at most 3 spaces, closed
 * by the same character at least as many times; an unclosed fence runs to the end) and
 * HTML comments (`<!-- … -->`, which GitHub does not show) as hidden.
 */
function scan(body: string): ScannedLine[] {
  const out: ScannedLine[] = [];
  let fence: { char: string; length: number } | null = null;
  let inHtmlComment = false;
  splitLines(body).forEach((text, i) => {
    const number = i + 1;
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      out.push({ number, text, hidden: true });
      return;
    }
    if (inHtmlComment) {
      out.push({ number, text, hidden: true });
      inHtmlComment = opensHtmlComment(text, true);
      return;
    }
    const open = FENCE_OPEN.exec(text);
    // A backtick fence's info string cannot contain backticks (```x``` is inline code).
    if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      out.push({ number, text, hidden: true });
      return;
    }
    out.push({ number, text, hidden: false });
    inHtmlComment = opensHtmlComment(text, false);
  });
  return out;
}

/** Whether an HTML comment is still open at the end of this line. */
function opensHtmlComment(line: string, startsInside: boolean): boolean {
  let inside = startsInside;
  const text = line.replace(INLINE_CODE, GAP);
  let pos = 0;
  for (;;) {
    if (inside) {
      const end = text.indexOf("-->", pos);
      if (end < 0) return true;
      inside = false;
      pos = end + 3;
    } else {
      const start = text.indexOf("<!--", pos);
      if (start < 0) return false;
      inside = true;
      pos = start + 4;
    }
  }
}

function commandWord(line: ScannedLine): string | null {
  if (line.hidden) return null;
  const m = COMMAND_LINE.exec(line.text);
  return m ? m[1]! : null;
}

/** The declare phrase, outside code (fenced and inline), quotes and HTML comments. */
function saysDeclare(lines: ScannedLine[]): boolean {
  if (!/hereby/i.test(lines.map((l) => l.text).join("\n"))) return false;
  const visible = lines.map((l) => (l.hidden || QUOTE.test(l.text) ? GAP : l.text)).join("\n");
  const text = visible.replace(INLINE_CODE, GAP).replace(/<!--[\s\S]*?(?:-->|$)/g, GAP);
  return DECLARE_PHRASE.test(text);
}

/**
 * Cheap pre-check: true when some visible line looks like a command (valid or not) or
 * the comment says the declare phrase. Agrees with `parseComment`: false means it would
 * return no lines and `declares: false`.
 */
export function hasCommandSyntax(body: string): boolean {
  if (!/(?:^|[\r\n]) {0,3}\/[A-Za-z]/.test(body) && !/hereby/i.test(body)) return false;
  const lines = scan(body);
  return lines.some((l) => commandWord(l) !== null) || saysDeclare(lines);
}

// ---------------------------------------------------------------------------------
// Parsing

/** Every command line of the comment in order, and whether it says the declare phrase. */
export function parseComment(body: string, ctx: ParseContext): ParsedComment {
  const scanned = scan(body);
  const lines: CommandLine[] = [];
  for (const line of scanned) {
    const word = commandWord(line);
    if (word === null) continue;
    const args = line.text.replace(COMMAND_LINE, "").trim();
    const spec = BY_WORD.get(word.toLowerCase());
    if (spec === undefined) {
      const guess = closestCommandWord(word);
      lines.push({
        line: line.number,
        raw: line.text,
        ok: false,
        name: word,
        error: `unknown command /${word}${guess === null ? "" : `; did you mean /${guess}?`}`,
        usage: "/help lists the commands",
      });
      continue;
    }
    const result = PARSERS[spec.name](args, ctx);
    lines.push(
      typeof result === "string"
        ? { line: line.number, raw: line.text, ok: false, name: spec.name, error: result, usage: spec.usage }
        : { line: line.number, raw: line.text, ok: true, command: result },
    );
  }
  return { lines, declares: saysDeclare(scanned) };
}

/** A parsed command, or an error sentence. */
type ArgParser = (args: string, ctx: ParseContext) => Command | string;

const PARSERS: { [K in CommandName]: ArgParser } = {
  declare: () => ({ name: "declare" }),
  help: () => ({ name: "help" }),
  severity: (args, { config }) => {
    const [word] = firstWord(args);
    const levels = severityList(config);
    if (word === "") return `missing severity level; use one of: ${levels}`;
    const level = resolveSeverity(trimPunctuation(word), config);
    if (level === null) return `unknown severity "${word}"; use one of: ${levels}`;
    return { name: "severity", level };
  },
  timeline: parseTimeline,
  status: (args) => {
    const [word, rest] = firstWord(args);
    const allowed = `use one of: ${ACTIVE_STATUSES.join(", ")}`;
    if (word === "") return `missing status; ${allowed}`;
    const key = trimPunctuation(word).toLowerCase();
    if (key === "complete") {
      return `status "complete" is set automatically once every action item is closed; ${allowed}`;
    }
    const status = ACTIVE_STATUSES.find((s) => s === key);
    if (status === undefined) return `unknown status "${word}"; ${allowed}`;
    return { name: "status", status: status satisfies ActiveStatus, text: stripSeparator(rest) };
  },
  summary: (args) => {
    if (args === "") return "missing summary text: write what happened and who was affected after /summary";
    return { name: "summary", text: args };
  },
  lead: (args, ctx) => {
    const [word] = firstWord(args);
    const user = parsePerson(word, ctx, "the lead");
    return typeof user === "string" ? user : { name: "lead", user: user.login };
  },
  role: (args, ctx) => {
    let [roleWord, rest] = firstWord(args);
    let [personWord] = firstWord(rest);
    // `/role @alice comms` reads as well as `/role comms @alice`.
    if (roleWord.startsWith("@") && personWord !== "" && !personWord.startsWith("@")) {
      [roleWord, personWord] = [personWord, roleWord];
    }
    const roles = ctx.config.roles;
    const allowed = roles.map((r) => `${r.name} (${r.title})`).join(", ");
    const key = trimPunctuation(roleWord).toLowerCase();
    if (key === "lead") return "the lead is set with /lead <@user|me>, not /role";
    if (roles.length === 0) return "no roles are configured in .github/hereby.yml; set the lead with /lead <@user|me>";
    if (roleWord === "") return `missing role; use one of: ${allowed}`;
    const role = roles.find((r) => r.name.toLowerCase() === key);
    if (role === undefined) return `unknown role "${roleWord}"; use one of: ${allowed}`;
    const user = parsePerson(personWord, ctx, `role "${role.name}"`);
    return typeof user === "string" ? user : { name: "role", role: role.name, user: user.login };
  },
  resolve: (args) => ({ name: "resolve", text: args }),
  postmortem: () => ({ name: "postmortem" }),
};

function severityList(config: Config): string {
  return config.severities
    .map((s) => (s.aliases.length > 0 ? `${s.name} (${s.aliases.join(", ")})` : s.name))
    .join(", ");
}

/** First whitespace-separated word and the rest (both trimmed; "" when absent). */
function firstWord(text: string): [string, string] {
  const m = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return m ? [m[1]!, m[2]!.trim()] : ["", ""];
}

/** `identified:` or `@alice,` → without the trailing punctuation. */
function trimPunctuation(word: string): string {
  return word.replace(/[.,;:!?]+$/, "");
}

/** `- rolled back` or `: rolled back` after a time or status → `rolled back`. */
function stripSeparator(text: string): string {
  return text.replace(/^[-–—:|]+(?:\s+|$)/, "").trim();
}

// ---- people ----

/** GitHub login rules: letters, digits and single hyphens, not at either end, ≤ 39. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

function parsePerson(word: string, ctx: ParseContext, what: string): { login: Login } | string {
  const allowed = "use @user or me";
  if (word === "") return `missing person for ${what}; ${allowed}`;
  const token = trimPunctuation(word);
  const bare = token.startsWith("@") ? token.slice(1) : token;
  // `me` and, as in GitHub search, `@me` mean the comment's author.
  if (bare.toLowerCase() === "me") return { login: ctx.author };
  if (bare.includes("/")) return `"${word}" is a team; ${what} must be one person: ${allowed}`;
  if (!LOGIN.test(bare)) {
    return `"${word}" is not a GitHub username (letters, digits and single hyphens, at most 39 characters); ${allowed}`;
  }
  return { login: bare };
}

// ---- timeline times ----

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Tokens that are meant as a time, so a bad one is an error rather than text. */
const LOOKS_LIKE_CLOCK = /^\d{1,2}:\d/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt ])/;
/** A clock time this far after the comment is still today (the writer's clock runs fast). */
const CLOCK_SKEW_MS = 5 * 60_000;
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function parseTimeline(args: string, ctx: ParseContext): Command | string {
  if (args === "") return "missing text: say what happened, e.g. /timeline 14:05 rolled back the deploy";
  const [first, afterFirst] = firstWord(args);
  const [second, afterSecond] = firstWord(afterFirst);
  const allowed = `use HH:MM (24-hour, ${ctx.config.timezone}) or an ISO 8601 time such as 2026-11-23T14:05Z`;

  let token: string;
  let rest: string;
  if (DATE_ONLY.test(first) && LOOKS_LIKE_CLOCK.test(second)) {
    // `2026-11-23 14:05` (RFC 3339 allows the space).
    token = `${first} ${second}`;
    rest = afterSecond;
  } else if (LOOKS_LIKE_CLOCK.test(first) || LOOKS_LIKE_DATE.test(first)) {
    token = first;
    rest = afterFirst;
  } else {
    return { name: "timeline", at: null, text: args };
  }
  // `14:05:` or `14:05,` before the text.
  const time = CLOCK.test(token) || ISO.test(token) ? token : token.replace(/[,:;]$/, "");

  // `14:05Z` is a clock time in UTC, whatever the configured zone (people copy it from logs).
  const utcClock = /[Zz]$/.test(time) && CLOCK.test(time.slice(0, -1));
  const at = utcClock
    ? clockTime(time.slice(0, -1), { ...ctx, config: { ...ctx.config, timezone: "UTC" } })
    : CLOCK.test(time)
      ? clockTime(time, ctx)
      : ISO.test(time)
        ? isoTime(time, ctx)
        : null;
  if (at === null) {
    const hint = /[ap]\.?m\.?$/i.test(token)
      ? " (12-hour times are not accepted)"
      : DATE_ONLY.test(time)
        ? " (a date needs a time of day)"
        : "";
    return `time "${token}" is not valid${hint}; ${allowed}`;
  }
  if (typeof at === "object") return `time "${token}" is not valid: ${at.error}; ${allowed}`;
  const text = stripSeparator(rest);
  if (text === "") return `missing text after the time "${token}": say what happened`;
  return { name: "timeline", at, text };
}

type TimeResult = string | { error: string };

function checkTime(hour: number, minute: number, second: number): string | null {
  if (hour > 23) return `hour ${hour} is out of range 0-23`;
  if (minute > 59) return `minute ${minute} is out of range 0-59`;
  if (second > 59) return `second ${second} is out of range 0-59`;
  return null;
}

/** `HH:MM[:SS]` in the configured zone, on the comment's date there (or the day before). */
function clockTime(token: string, ctx: ParseContext): TimeResult {
  const m = CLOCK.exec(token)!;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const bad = checkTime(hour, minute, second);
  if (bad !== null) return { error: bad };
  const posted = new Date(ctx.postedAt);
  if (Number.isNaN(posted.getTime())) throw new TypeError(`parseComment: postedAt "${ctx.postedAt}" is not a time`);
  const zone = ctx.config.timezone;
  const today = zonedDateParts(posted, zone);
  let at = zonedTimeToInstant(today.year, today.month, today.day, hour, minute, second, zone);
  if (at.getTime() > posted.getTime() + CLOCK_SKEW_MS) {
    // Someone at 00:10 writing 23:50 means yesterday evening.
    const y = addDays(today.year, today.month, today.day, -1);
    at = zonedTimeToInstant(y.year, y.month, y.day, hour, minute, second, zone);
  }
  return at.toISOString();
}

/** ISO 8601 date-time; without an offset it is in the configured zone. */
function isoTime(token: string, ctx: ParseContext): TimeResult {
  const m = ISO.exec(token)!;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = Number(m[6] ?? 0);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  if (month! < 1 || month! > 12) return { error: `there is no month ${month}` };
  const days = daysInMonth(year!, month!);
  if (day! < 1 || day! > days) return { error: `${MONTHS[month! - 1]} ${year} has ${days} days` };
  const bad = checkTime(hour!, minute!, second);
  if (bad !== null) return { error: bad };
  const offset = m[8];
  let at: number;
  if (offset === undefined) {
    at = zonedTimeToInstant(year!, month!, day!, hour!, minute!, second, ctx.config.timezone).getTime();
  } else {
    let offsetMinutes = 0;
    if (offset.toUpperCase() !== "Z") {
      const digits = offset.slice(1).replace(":", "");
      const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
      if (oh > 23 || om > 59) return { error: `offset ${offset} is out of range` };
      offsetMinutes = (offset[0] === "-" ? -1 : 1) * (oh * 60 + om);
    }
    at = zonedTimeToInstant(year!, month!, day!, hour!, minute!, second, "UTC").getTime() - offsetMinutes * 60_000;
  }
  return new Date(at + ms).toISOString();
}

// ---- unknown commands ----

/** The command word (name or alias) nearest to `word`, if it is a likely typo. */
function closestCommandWord(word: string): string | null {
  const typed = word.toLowerCase();
  const limit = typed.length <= 3 ? 1 : 2;
  let best: { word: string; distance: number } | null = null;
  for (const spec of COMMANDS) {
    for (const candidate of [spec.name, ...spec.aliases]) {
      const distance = editDistance(typed, candidate);
      if (distance <= limit && (best === null || distance < best.distance)) best = { word: candidate, distance };
    }
  }
  return best?.word ?? null;
}

/** Levenshtein distance where swapping two neighbours counts as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

// ---- help ----

/** Text for a Markdown table cell: one line, `|` escaped (also inside code spans, per GFM). */
function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/\|/g, "\\|");
}

/** One line of list text from config. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** The `/help` reply: every command, the severity levels and the roles. */
export function renderHelp(config: Config): string {
  const defaultSeverity = config.default_severity.toLowerCase();
  return renderTemplate("help.md", {
    commands: COMMANDS.map((c) => ({
      usage: cell(c.usage),
      summary: cell(c.summary),
      aliases: c.aliases.map((a) => `\`/${a}\``).join(", "),
    })),
    severities: config.severities.map((s) => ({
      name: s.name,
      aliases: s.aliases.map((a) => `\`${a}\``).join(", "),
      // Config text reaches a comment: escaped like anything else (no markers, no pings).
      description: escapeText(oneLine(s.description)),
      isDefault: s.name === defaultSeverity,
    })),
    roles: config.roles.map((r) => ({ name: r.name, title: escapeText(oneLine(r.title)), description: escapeText(oneLine(r.description)) })),
    hasRoles: config.roles.length > 0,
    statuses: ACTIVE_STATUSES.map((s) => `\`${s}\``).join(", "),
    timezone: config.timezone,
  });
}

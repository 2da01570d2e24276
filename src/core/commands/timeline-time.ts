// `/timeline [time] <text>`: the time an entry is about. `HH:MM` is read in the
// configured zone on the comment's day (or the day before); an ISO 8601 time without an
// offset is in the configured zone too. Only times in a plausible window around the
// comment are taken: from 30 days before it (a slow-burning incident, or its history
// written up for the postmortem, which is due within the 30-day review cycle) to 5
// minutes after it (the writer's clock running fast). Anything else is a typo: a wrong
// year or month, or a year 0001 that would render as nonsense.
//
// Zone math is Temporal's. Its default ("compatible") disambiguation is the rule we want:
// a local time skipped by a spring-forward jump is read with the offset before the jump
// (London 01:30 on the last Sunday of March is 02:30 BST), and a time that happens twice
// when clocks fall back is the first of the two.
import { Temporal } from "temporal-polyfill";
import type { Command } from "../types.js";
import { firstWord, stripSeparator, type ParseContext } from "./context.js";

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Tokens that are meant as a time, so a bad one is an error rather than text. */
const LOOKS_LIKE_CLOCK = /^\d{1,2}:\d/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt ])/;
/** A time this far after the comment is still taken (the writer's clock runs fast). */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A time this far before the comment is still taken (history written up later). */
const LOOK_BACK_MS = 30 * 86_400_000;
const WINDOW = "use a time from 30 days before the comment to 5 minutes after it";
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

type TimeResult = string | { error: string };

/** The time token at the start of the arguments (`14:05`, `2026-11-23 14:05`, ISO), or null. */
function splitTime(args: string): { token: string; rest: string } | null {
  const [first, afterFirst] = firstWord(args);
  const [second, afterSecond] = firstWord(afterFirst);
  // `2026-11-23 14:05` (RFC 3339 allows the space).
  if (DATE_ONLY.test(first) && LOOKS_LIKE_CLOCK.test(second))
    return { token: `${first} ${second}`, rest: afterSecond };
  if (LOOKS_LIKE_CLOCK.test(first) || LOOKS_LIKE_DATE.test(first))
    return { token: first, rest: afterFirst };
  return null;
}

/** The time at the start of `args` and the text after it; null when there is none; an
 * error sentence for a time that is not valid or outside the window. */
export function leadingTime(
  args: string,
  ctx: ParseContext,
): { at: string; rest: string } | null | string {
  const split = splitTime(args);
  if (split === null) return null;
  const { token, rest } = split;
  const allowed =
    `use HH:MM (24-hour, ${ctx.config.timezone}) or an ISO 8601 ` +
    `time such as 2026-11-23T14:05Z`;
  const at = rememberedTime(token, ctx);
  if (at === null) {
    const hint = /[ap]\.?m\.?$/i.test(token)
      ? " (12-hour times are not accepted)"
      : DATE_ONLY.test(token)
        ? " (a date needs a time of day)"
        : "";
    return `time "${token}" is not valid${hint}; ${allowed}`;
  }
  if (typeof at === "object") return `time "${token}" is not valid: ${at.error}; ${allowed}`;
  const outside = outsideWindow(at, ctx.postedAt);
  if (outside !== null) return `time "${token}" is ${outside}; ${WINDOW}`;
  return { at, rest };
}

export function parseTimeline(args: string, ctx: ParseContext): Command | string {
  if (args === "")
    return "missing text: say what happened, e.g. /timeline 14:05 rolled back the deploy";
  const time = leadingTime(args, ctx);
  if (time === null) return { name: "timeline", at: null, text: args };
  if (typeof time === "string") return time;
  const text = stripSeparator(time.rest);
  if (text === "")
    return (
      `missing text after the time ` +
      `"${args.slice(0, args.length - time.rest.length).trim()}": say what happened`
    );
  return { name: "timeline", at: time.at, text };
}

/** `/started <time> [text]`: when impact began. */
export function parseStarted(args: string, ctx: ParseContext): Command | string {
  const example =
    "e.g. /started 13:52 (HH:MM, " + ctx.config.timezone + ") or /started 2026-11-23T13:52Z";
  if (args === "") return `missing time: say when impact began, ${example}`;
  const time = leadingTime(args, ctx);
  if (time === null) return `"${firstWord(args)[0]}" is not a time: ${example}`;
  if (typeof time === "string") return time;
  return { name: "started", at: time.at, text: stripSeparator(time.rest) };
}

/**
 * The instant a time as people write it names (`14:05`, `2026-11-23 14:05`, ISO 8601),
 * read as a /timeline time relative to `ctx.postedAt`, without the window: the issue
 * form's "When did it start?" may lie long before the issue was opened. Null when the
 * text doesn't start with a valid time.
 */
export function instantOf(text: string, ctx: ParseContext): string | null {
  const split = splitTime(text);
  const at = split === null ? null : rememberedTime(split.token, ctx);
  return typeof at === "string" ? at : null;
}

/** Times already read, by zone, comment time and token. Every reduction of an incident
 * parses all its comments again, and Temporal's zone math costs about 0.1 ms a call:
 * a pure function's results, kept for the next reduction. Bounded, oldest out first. */
const remembered = new Map<string, TimeResult | null>();
const REMEMBERED_TIMES = 10_000;

function rememberedTime(token: string, ctx: ParseContext): TimeResult | null {
  const key = `${ctx.config.timezone}\u0000${ctx.postedAt}\u0000${token}`;
  if (remembered.has(key)) return remembered.get(key)!;
  const at = readTime(token, ctx);
  if (remembered.size >= REMEMBERED_TIMES) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, at);
  return at;
}

/** The instant a time token names, an error, or null when it is no time at all. */
function readTime(token: string, ctx: ParseContext): TimeResult | null {
  // `14:05:` or `14:05,` before the text.
  const time = CLOCK.test(token) || ISO.test(token) ? token : token.replace(/[,:;]$/, "");
  // `14:05Z` is a clock time in UTC, whatever the configured zone (people copy it from logs).
  if (/[Zz]$/.test(time) && CLOCK.test(time.slice(0, -1)))
    return clockTime(time.slice(0, -1), ctx.postedAt, "UTC");
  if (CLOCK.test(time)) return clockTime(time, ctx.postedAt, ctx.config.timezone);
  if (ISO.test(time)) return isoTime(time, ctx.config.timezone);
  return null;
}

/** Why an instant is outside the plausible window around the comment, or null. */
function outsideWindow(at: string, postedAt: string): string | null {
  const [when, posted] = [Date.parse(at), Date.parse(postedAt)];
  if (when < posted - LOOK_BACK_MS) return "more than 30 days before this comment";
  if (when > posted + CLOCK_SKEW_MS) return "later than this comment";
  return null;
}

function checkTime(hour: number, minute: number, second: number): string | null {
  if (hour > 23) return `hour ${hour} is out of range 0-23`;
  if (minute > 59) return `minute ${minute} is out of range 0-59`;
  if (second > 59) return `second ${second} is out of range 0-59`;
  return null;
}

/** `HH:MM[:SS]` in `zone`, on the comment's date there (or the day before). */
function clockTime(token: string, postedAt: string, zone: string): TimeResult {
  const m = CLOCK.exec(token)!;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const bad = checkTime(hour, minute, second);
  if (bad !== null) return { error: bad };
  const posted = Date.parse(postedAt);
  if (Number.isNaN(posted))
    throw new TypeError(`parseComment: postedAt "${postedAt}" is not a time`);
  const today = Temporal.Instant.fromEpochMilliseconds(posted)
    .toZonedDateTimeISO(zone)
    .toPlainDate();
  const on = (date: Temporal.PlainDate) =>
    date.toZonedDateTime({ timeZone: zone, plainTime: { hour, minute, second } }).epochMilliseconds;
  let at = on(today);
  // Someone at 00:10 writing 23:50 means yesterday evening.
  if (at > posted + CLOCK_SKEW_MS) at = on(today.subtract({ days: 1 }));
  return new Date(at).toISOString();
}

/** ISO 8601 date-time; without an offset it is in `zone`. */
function isoTime(token: string, zone: string): TimeResult {
  const m = ISO.exec(token)!;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? 0);
  const millisecond = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  if (month < 1 || month > 12) return { error: `there is no month ${month}` };
  const days = Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
  if (day < 1 || day > days) return { error: `${MONTHS[month - 1]} ${year} has ${days} days` };
  const bad = checkTime(hour, minute, second);
  if (bad !== null) return { error: bad };
  const offset = m[8] === undefined ? zone : offsetZone(m[8]);
  if (typeof offset === "object") return offset;
  const local = Temporal.PlainDateTime.from({
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
  });
  return new Date(local.toZonedDateTime(offset).epochMilliseconds).toISOString();
}

/** `Z`, `+05`, `+0530` or `+05:30` as a fixed-offset time zone (`+05:30`). */
function offsetZone(offset: string): string | { error: string } {
  if (offset.toUpperCase() === "Z") return "UTC";
  const digits = offset.slice(1).replace(":", "");
  const [oh, om] = [digits.slice(0, 2), digits.slice(2) || "00"];
  if (Number(oh) > 23 || Number(om) > 59) return { error: `offset ${offset} is out of range` };
  return `${offset[0]}${oh}:${om}`;
}

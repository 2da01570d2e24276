// Wall-clock time in an IANA time zone, on `Intl.DateTimeFormat` only (no library).
//
// A "local time" is what a clock on the wall shows in a zone: year, month, day, hour,
// minute, second. Going from an instant to its local time is exact (`zonedDateParts`).
// Going back (`zonedTimeToInstant`) is ambiguous around daylight-saving transitions:
//
// - In a gap (spring forward: Europe/London 2026-03-29 01:30 never happens) we pick the
//   later valid instant: the time is read with the offset in force before the jump, so
//   01:30 becomes 02:30 BST (= 01:30Z). Same as Temporal's "compatible" disambiguation.
// - In an overlap (fall back: Europe/London 2026-10-25 01:30 happens twice) we pick the
//   earlier instant, the first time the clock shows it (01:30 BST = 00:30Z).

/** A local date and time in some zone. `month` is 1-12. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and time that `instant` shows in `timeZone`. */
export function zonedDateParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("zonedDateParts: invalid date");
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  let year = Number(parts.year);
  // Years before 1 AD come out as "1 BC" and so on; ISO numbering has a year 0.
  if (parts.era === "BC" || parts.era === "B") year = 1 - year;
  const hour = Number(parts.hour);
  return {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines used to print midnight as 24 even with h23.
    hour: hour === 24 ? 0 : hour,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Milliseconds the zone is ahead of UTC at `instant` (+3_600_000 for BST). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = zonedDateParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  // Sub-second precision is not part of any real zone offset.
  const whole = instant.getTime() - (((instant.getTime() % 1000) + 1000) % 1000);
  return wall - whole;
}

/** `Date.UTC` that also works for years 0-99 (which `Date.UTC` maps to 1900-1999). */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function sameWall(instant: number, wall: number, timeZone: string): boolean {
  const p = zonedDateParts(new Date(instant), timeZone);
  return utcMs(p.year, p.month, p.day, p.hour, p.minute, p.second) === wall;
}

/**
 * The instant when the clock in `timeZone` shows the given local time (`month` 1-12).
 * Out-of-range fields roll over like `Date.UTC` (day 0 is the last day of the month
 * before), which is handy for "the day before". Around DST transitions: a local time
 * that does not exist (gap) gives the later valid instant, i.e. the time read with the
 * offset before the jump; a local time that happens twice (overlap) gives the earlier.
 * Assumes at most one offset change within a day of the time, which holds for every
 * zone in the tz database since the early 1900s.
 */
export function zonedTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): Date {
  const wall = utcMs(year, month, day, hour, minute, second);
  if (Number.isNaN(wall)) throw new RangeError("zonedTimeToInstant: invalid local time");
  const DAY = 86_400_000;
  // Real offsets are within ±1 day, so the instant lies in (wall - 1 day, wall + 1 day):
  // the offsets in force at both ends bracket any transition near it.
  const before = zoneOffsetMs(new Date(wall - DAY), timeZone);
  const after = zoneOffsetMs(new Date(wall + DAY), timeZone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  const valid = candidates.filter((t) => sameWall(t, wall, timeZone));
  if (valid.length > 0) return new Date(valid[0]!); // overlap: the earlier one
  // Gap: clocks jumped forward past this time. Read it with the offset before the jump
  // (the smaller offset), which lands after the transition: the later candidate.
  return new Date(candidates[candidates.length - 1]!);
}

/** The local date a calendar day before/after (`delta` days) the given date. */
export function addDays(year: number, month: number, day: number, delta: number): { year: number; month: number; day: number } {
  const d = new Date(utcMs(year, month, day + delta, 12, 0, 0));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Number of days in a month (`month` 1-12), with leap years. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0, 12, 0, 0)).getUTCDate();
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * `2026-11-23 14:05` as the clock in `timeZone` shows `instant`; with `seconds`,
 * `2026-11-23 14:05:30`. For display next to a zone name; not an ISO string.
 */
export function formatInZone(instant: Date, timeZone: string, options: { seconds?: boolean } = {}): string {
  const p = zonedDateParts(instant, timeZone);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  const time = `${pad(p.hour)}:${pad(p.minute)}${options.seconds ? `:${pad(p.second)}` : ""}`;
  return `${date} ${time}`;
}

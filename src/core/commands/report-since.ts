// The one date reader for "since when" questions: `/report [YYYY-MM-DD]`, `hereby report
// --since/--until` and the Action's `report-since`. JavaScript's Date reads `2026-02-30`
// as March 2nd and a time without a zone as the machine's local time: neither is taken.
import { firstWord, junkAfter, quoted, type ArgParser } from "./context.js";

const ALLOWED = "use a day like 2026-01-01 (UTC), or nothing for every incident";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Whether `YYYY-MM-DD` names a day that exists. */
function realDay(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** A real day's midnight UTC, as an ISO string; null for anything else. */
export function parseDay(text: string): string | null {
  return DAY.test(text) && realDay(text) ? `${text}T00:00:00.000Z` : null;
}

/**
 * `2026-01-01` (midnight UTC) or an ISO 8601 time with its zone (`2026-01-01T09:30Z`,
 * `…+01:00`), as an ISO string in UTC; null when it is neither, or names a day or a time
 * of day that does not exist.
 */
export function parseSince(text: string): string | null {
  const day = parseDay(text);
  if (day) return day;
  const m = INSTANT.exec(text);
  if (!m || !realDay(m[1]!)) return null;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export const parseReport: ArgParser = (args, { postedAt }) => {
  const [word, rest] = firstWord(args);
  if (word === "") return { name: "report", since: null };
  if (parseDay(word) === null) return `${quoted(word)} is not a day; ${ALLOWED}`;
  if (word > postedAt.slice(0, 10))
    return (
      `${word} is after the day of this comment, so no incident was declared ` + `since; ${ALLOWED}`
    );
  return junkAfter(rest, "the day") ?? { name: "report", since: word };
};

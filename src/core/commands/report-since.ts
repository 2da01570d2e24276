// `/report [YYYY-MM-DD]`: the day the report starts (UTC, like `hereby report --since`).
import { firstWord, junkAfter, quoted, type ArgParser } from "./context.js";

const ALLOWED = "use a day like 2026-01-01 (UTC), or nothing for every incident";

/** `2026-02-30` parses in JavaScript (as March 2nd): only a day that exists is taken. */
function realDay(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

export const parseReport: ArgParser = (args, { postedAt }) => {
  const [word, rest] = firstWord(args);
  if (word === "") return { name: "report", since: null };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(word) || !realDay(word)) return `${quoted(word)} is not a day; ${ALLOWED}`;
  if (word > postedAt.slice(0, 10)) return `${word} is after the day of this comment, so no incident was declared since; ${ALLOWED}`;
  return junkAfter(rest, "the day") ?? { name: "report", since: word };
};

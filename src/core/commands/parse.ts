// Parsing `/command` lines out of a comment. Pure: no GitHub, no clock (the comment's
// own time comes in `ParseContext.postedAt`). Text is returned as written: redaction and
// escaping happen in the reducer.
import type { CommandLine, ParsedComment } from "../types.js";
import type { ParseContext } from "./context.js";
import { commandByWord, COMMAND_WORDS } from "./registry.js";
import {
  commandWord,
  lookalikeWord,
  mayHaveCommands,
  saysDeclare,
  scan,
  type ScannedLine,
} from "./scanner.js";
import { closestWord, skeleton } from "./suggestions.js";

/** Most command lines one comment may carry. A person's comment rarely has more than a
 * handful; above this the whole comment is rejected, before any line is read further. */
export const MAX_COMMANDS_PER_COMMENT = 20;

/** Lines starting with `/` and a non-ASCII word that are checked for look-alikes. */
const MAX_LOOKALIKES_EXAMINED = 2 * MAX_COMMANDS_PER_COMMENT;

type Rejected = Extract<CommandLine, { ok: false }>;
interface Found {
  line: ScannedLine;
  word: string;
  /** The name has look-alike or invisible characters (and resembles a command). */
  lookalike: string | null;
}

/** Visible lines that look like commands, with their words; nothing else is done per line. */
function commandLines(lines: ScannedLine[]): Found[] {
  const found: Found[] = [];
  let examined = 0;
  for (const line of lines) {
    const word = commandWord(line);
    if (word !== null) {
      found.push({ line, word, lookalike: null });
      continue;
    }
    // Past the cap the comment is rejected whole, and only so many odd words are compared
    // with the commands: lines of foreign words cost no more than a few command lines.
    if (found.length > MAX_COMMANDS_PER_COMMENT || examined >= MAX_LOOKALIKES_EXAMINED) continue;
    const odd = lookalikeWord(line);
    if (odd === null) continue;
    examined++;
    const guess = closestWord(odd, COMMAND_WORDS);
    if (guess !== null) found.push({ line, word: odd, lookalike: guess });
  }
  return found;
}

/**
 * Cheap pre-check: true when some visible line looks like a command (valid or not) or
 * the comment says the declare phrase. Agrees with `parseComment`: false means it would
 * return no lines and `declares: false`.
 */
export function hasCommandSyntax(body: string): boolean {
  if (!mayHaveCommands(body)) return false;
  const lines = scan(body);
  return commandLines(lines).length > 0 || saysDeclare(lines);
}

/** Every command line of the comment in order, and whether it says the declare phrase. */
export function parseComment(body: string, ctx: ParseContext): ParsedComment {
  const scanned = mayHaveCommands(body) ? scan(body) : [];
  const found = commandLines(scanned);
  const declares = saysDeclare(scanned);
  if (found.length > MAX_COMMANDS_PER_COMMENT) return { lines: [tooMany(found)], declares };
  return { lines: found.map((f) => parseLine(f, ctx)), declares };
}

function tooMany(found: Found[]): Rejected {
  const first = found[MAX_COMMANDS_PER_COMMENT]!;
  return {
    line: first.line.number,
    raw: first.line.text,
    ok: false,
    name: first.word,
    error:
      `this comment has ${found.length} command lines; at most ` +
      `${MAX_COMMANDS_PER_COMMENT} are taken in one comment`,
    usage:
      `put at most ${MAX_COMMANDS_PER_COMMENT} commands in one comment, and ` +
      `the rest in further comments`,
  };
}

function parseLine({ line, word, lookalike }: Found, ctx: ParseContext): CommandLine {
  const reject = (error: string, usage = "/help lists the commands"): Rejected => ({
    line: line.number,
    raw: line.text,
    ok: false,
    name: word,
    error,
    usage,
  });
  if (lookalike !== null) {
    const visible =
      skeleton(word) === skeleton(lookalike)
        ? `it has characters that only look like /${lookalike}`
        : `unknown command`;
    return reject(`"/${word}" is not a command: ${visible}; did you mean /${lookalike}?`);
  }
  const spec = commandByWord(word);
  if (spec === undefined) {
    const guess = closestWord(word, COMMAND_WORDS);
    return reject(`unknown command /${word}${guess === null ? "" : `; did you mean /${guess}?`}`);
  }
  const args = line.text.replace(/^ {0,3}\/[A-Za-z-]+/, "").trim();
  const result = spec.parse(args, ctx);
  return typeof result === "string"
    ? {
        line: line.number,
        raw: line.text,
        ok: false,
        name: spec.name,
        error: result,
        usage: spec.usage,
      }
    : { line: line.number, raw: line.text, ok: true, command: result };
}

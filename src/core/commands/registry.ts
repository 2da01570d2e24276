// The command registry: the single source of names, aliases, usage lines, help text and
// argument parsers. To add a command, add its `Command` variant in ../types.ts and one
// entry to COMMANDS below; the parser, the usage in rejections, did-you-mean and /help
// all follow from it.
import { ACTIVE_STATUSES } from "../types.js";
import type { CommandName } from "../types.js";
import {
  bare,
  parseCancel,
  parseKeep,
  parseLead,
  parseResolve,
  parseRole,
  parseSeverity,
  parseStatus,
  parseSummary,
} from "./arguments.js";
import type { ArgParser } from "./context.js";
import { parseStarted, parseTimeline } from "./timeline-time.js";
import { parseActionArgs } from "../action-items/parse.js";
import { parseReport } from "./report-since.js";

export interface CommandSpec {
  name: CommandName;
  /** Other words for the command, without `/`. */
  aliases: string[];
  /** One line: `/severity <level>`. */
  usage: string;
  /** What it does, plain text, one sentence. */
  summary: string;
  /** Reads the text after the command word. */
  parse: ArgParser;
}

export const COMMANDS: readonly CommandSpec[] = Object.freeze([
  {
    name: "declare",
    aliases: ["incident"],
    usage: "/declare",
    summary: "Declare this issue an incident and start its record.",
    // Words after it say what is happening, as people write them; the comment keeps them.
    parse: () => ({ name: "declare" }),
  },
  {
    name: "severity",
    aliases: ["sev"],
    usage: "/severity <level>",
    summary: "Set the severity level (name or alias, any case).",
    parse: parseSeverity,
  },
  {
    name: "timeline",
    aliases: ["tl", "note"],
    usage: "/timeline [HH:MM | ISO 8601 time] <text>",
    summary:
      "Add a timeline entry, at the given time (up to 30 days back) or else at the " +
      "time of the comment.",
    parse: parseTimeline,
  },
  {
    name: "started",
    aliases: [],
    usage: "/started <HH:MM | ISO 8601 time> [text]",
    summary:
      "Record when impact began (before the declaration, as a rule): time to detect " +
      "counts from it.",
    parse: parseStarted,
  },
  {
    name: "status",
    aliases: [],
    usage: `/status <${ACTIVE_STATUSES.join("|")}> [text]`,
    summary: "Set the status, with an optional note for the timeline.",
    parse: parseStatus,
  },
  {
    name: "summary",
    aliases: [],
    usage: "/summary <text>",
    summary: "Set the summary: what happened and who was affected.",
    parse: parseSummary,
  },
  {
    name: "lead",
    aliases: [],
    usage: "/lead <@user|me>",
    summary: "Set the incident lead, the one person in charge.",
    parse: parseLead,
  },
  {
    name: "role",
    aliases: [],
    usage: "/role <role> <@user|me> [@user…]",
    summary: "Give a role to one or more people.",
    parse: parseRole,
  },
  {
    name: "resolve",
    aliases: [],
    usage: "/resolve [text]",
    summary: "Mark the incident resolved, with an optional note.",
    parse: parseResolve,
  },
  {
    name: "cancel",
    aliases: [],
    usage: "/cancel [reason]",
    summary:
      "Cancel an incident declared in error: closed as not planned, no postmortem, no reviews.",
    parse: parseCancel,
  },
  {
    name: "postmortem",
    aliases: [],
    usage: "/postmortem",
    summary: "Open the postmortem pull request now, or refresh its draft.",
    parse: bare("postmortem"),
  },
  {
    name: "action",
    aliases: [],
    usage:
      "/action <title> [@owner] | /action #N | /action owner/repo#N | /action wontfix #N <reason>",
    summary:
      "Add an action item: a new issue for the owner, or an existing issue, linked " +
      "as a sub-issue; or close one as not planned, saying why.",
    parse: (args, ctx) => {
      const request = parseActionArgs(args, ctx.author);
      return typeof request === "string" ? request : { name: "action", request };
    },
  },
  {
    name: "keep",
    aliases: [],
    usage: "/keep <n>",
    summary:
      'Put change n of the "Changes around this incident" list on the timeline (or ' +
      "take it back), like ticking its box.",
    parse: parseKeep,
  },
  {
    name: "report",
    aliases: [],
    usage: "/report [YYYY-MM-DD]",
    summary:
      "Reply with the incident report (figures and charts) for incidents declared " +
      "since the day (UTC), or for all of them; works on any issue.",
    parse: parseReport,
  },
  {
    name: "help",
    aliases: [],
    usage: "/help",
    summary: "Reply with this list.",
    parse: bare("help"),
  },
] satisfies CommandSpec[]);

const BY_WORD: ReadonlyMap<string, CommandSpec> = new Map(
  COMMANDS.flatMap((spec) =>
    [spec.name, ...spec.aliases].map((word) => [word.toLowerCase(), spec] as const),
  ),
);

/** Every word that names a command (names and aliases), in registry order. */
export const COMMAND_WORDS: readonly string[] = COMMANDS.flatMap((spec) => [
  spec.name,
  ...spec.aliases,
]);

/** The command a word (name or alias, any case) names, if any. */
export function commandByWord(word: string): CommandSpec | undefined {
  return BY_WORD.get(word.toLowerCase());
}

/** The usage line of a command, from the registry. */
export function usageOf(name: CommandName): string {
  const spec = COMMANDS.find((c) => c.name === name);
  if (spec === undefined) throw new Error(`usageOf: no command named ${String(name)}`);
  return spec.usage;
}

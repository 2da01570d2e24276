// Argument parsers of the commands that take a word, a person or free text. Each returns
// the command or one sentence saying what is wrong; nothing typed is silently dropped.
import { CONFIG_FILE, type Config } from "../../config.js";
import { ACTIVE_STATUSES } from "../types.js";
import type { ActiveStatus, Command, Login } from "../types.js";
import {
  firstWord,
  junkAfter,
  quoted,
  stripSeparator,
  trimPunctuation,
  type ArgParser,
  type ParseContext,
} from "./context.js";

/** A severity name or alias (case-insensitive) → the level's name; null if none matches. */
export function resolveSeverity(word: string, config: Config): string | null {
  const key = word.trim().toLowerCase();
  if (key === "") return null;
  for (const level of config.severities) {
    if (level.name.toLowerCase() === key || level.aliases.some((a) => a.toLowerCase() === key))
      return level.name;
  }
  return null;
}

function severityList(config: Config): string {
  return config.severities
    .map((s) => (s.aliases.length > 0 ? `${s.name} (${s.aliases.join(", ")})` : s.name))
    .join(", ");
}

/** Names of commands whose `Command` carries nothing but the name. */
type BareName = Command extends infer C
  ? C extends { name: infer N }
    ? Exclude<keyof C, "name"> extends never
      ? N
      : never
    : never
  : never;

/** A command without arguments (`/help`, `/declare`): anything after it is a mistake
 * worth answering. */
export function bare(name: BareName): ArgParser {
  // BareName names exactly the variants that are `{ name }` alone.
  return (args) => junkAfter(args, `/${name}`) ?? { name };
}

export const parseSeverity: ArgParser = (args, { config }) => {
  const [word, rest] = firstWord(args);
  const levels = severityList(config);
  if (word === "") return `missing severity level; use one of: ${levels}`;
  const level = resolveSeverity(trimPunctuation(word), config);
  if (level === null) return `unknown severity ${quoted(word)}; use one of: ${levels}`;
  return junkAfter(rest, "the severity level") ?? { name: "severity", level };
};

export const parseStatus: ArgParser = (args) => {
  const [word, rest] = firstWord(args);
  const allowed = `use one of: ${ACTIVE_STATUSES.join(", ")}`;
  if (word === "") return `missing status; ${allowed}`;
  const key = trimPunctuation(word).toLowerCase();
  if (key === "complete") {
    return `status "complete" is set automatically once every action item is closed; ${allowed}`;
  }
  if (key === "cancelled" || key === "canceled")
    return `use /cancel [reason] for an incident declared in error; ${allowed}`;
  const status = ACTIVE_STATUSES.find((s) => s === key);
  if (status === undefined) return `unknown status ${quoted(word)}; ${allowed}`;
  return { name: "status", status: status satisfies ActiveStatus, text: stripSeparator(rest) };
};

export const parseSummary: ArgParser = (args) => {
  if (args === "")
    return "missing summary text: write what happened and who was affected after /summary";
  return { name: "summary", text: args };
};

export const parseResolve: ArgParser = (args) => ({ name: "resolve", text: args });

export const parseCancel: ArgParser = (args) => ({ name: "cancel", text: args });

export const parseLead: ArgParser = (args, ctx) => {
  const [word, rest] = firstWord(args);
  const user = parsePerson(word, ctx, "the lead");
  if (typeof user === "string") return user;
  return junkAfter(rest, "the lead") ?? { name: "lead", user: user.login };
};

export const parseRole: ArgParser = (args, ctx) => {
  let [roleWord, rest] = firstWord(args);
  // `/role @alice comms` reads as well as `/role comms @alice`.
  const [second, afterSecond] = firstWord(rest);
  if (roleWord.startsWith("@") && second !== "" && !second.startsWith("@"))
    [roleWord, rest] = [second, `${roleWord} ${afterSecond}`];
  const roles = ctx.config.roles;
  const allowed = roles.map((r) => `${r.name} (${r.title})`).join(", ");
  const key = trimPunctuation(roleWord).toLowerCase();
  if (key === "lead") return "the lead is set with /lead <@user|me>, not /role";
  if (roles.length === 0)
    return `no roles are configured in ${CONFIG_FILE}; set the lead with /lead <@user|me>`;
  if (roleWord === "") return `missing role; use one of: ${allowed}`;
  const role = roles.find((r) => r.name.toLowerCase() === key);
  if (role === undefined) return `unknown role ${quoted(roleWord)}; use one of: ${allowed}`;
  const users = parsePeople(rest, ctx, `role "${role.name}"`);
  return typeof users === "string" ? users : { name: "role", role: role.name, users };
};

/** One or more people: `@a @b`, `@a, @b and me`. After the first, each must be `@user`
 * or `me`, so a trailing word is an error, not a person. */
function parsePeople(text: string, ctx: ParseContext, what: string): Login[] | string {
  const words = text.split(/[\s,]+/).filter((w) => w !== "");
  const users: Login[] = [];
  for (const [i, word] of words.entries()) {
    if (i > 0 && /^(?:and|&)$/i.test(word)) continue;
    if (i > 0 && !word.startsWith("@") && trimPunctuation(word).toLowerCase() !== "me") {
      return (
        `unexpected ${quoted(words.slice(i).join(" "))} after the people for ` +
        `${what}: write each person as @user or me`
      );
    }
    const person = parsePerson(word, ctx, what);
    if (typeof person === "string") return person;
    if (!users.some((u) => u.toLowerCase() === person.login.toLowerCase()))
      users.push(person.login);
  }
  return users.length > 0 ? users : `missing person for ${what}; use @user or me`;
}

/** GitHub login rules: letters, digits and single hyphens, not at either end, ≤ 39. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

function parsePerson(word: string, ctx: ParseContext, what: string): { login: Login } | string {
  const allowed = "use @user or me";
  if (word === "") return `missing person for ${what}; ${allowed}`;
  const token = trimPunctuation(word);
  const bare = token.startsWith("@") ? token.slice(1) : token;
  // `me` and, as in GitHub search, `@me` mean the comment's author.
  if (bare.toLowerCase() === "me") return { login: ctx.author };
  if (bare.includes("/"))
    return `${quoted(word)} is a team; ${what} must be one person: ${allowed}`;
  if (!LOGIN.test(bare)) {
    return (
      `${quoted(word)} is not a GitHub username (letters, digits and single ` +
      `hyphens, at most 39 characters); ${allowed}`
    );
  }
  return { login: bare };
}

export const parseKeep: ArgParser = (args) => {
  const [word, rest] = firstWord(args);
  if (word === "")
    return (
      "missing the number of a change; use the number in front of it in " +
      "hereby's changes list, like /keep 3"
    );
  const n = /^#?(\d{1,4})$/.exec(word)?.[1];
  if (n === undefined || Number(n) === 0)
    return (
      `${quoted(word)} is not the number of a change; use the number in ` +
      `front of it in hereby's changes list, like /keep 3`
    );
  return junkAfter(rest, "the number") ?? { name: "keep", n: Number(n) };
};

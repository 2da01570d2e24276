// Command-line options read with node:util's parseArgs, its errors reworded for people:
// `unknown argument "--x"`, `--since needs a value`, each followed by the usage.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Node's parseArgs error codes, and the sentence each becomes. */
function reword(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown argument "${option}"`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(error.message)
        ? `${option} takes no value`
        : `${option} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL": {
      const word = /'([^']*)'/.exec(error.message)?.[1] ?? "";
      return `unexpected argument "${word}"`;
    }
    default:
      return error.message;
  }
}

/**
 * The options of `hereby <command>`, `--help`/`-h` included; a sentence naming what is
 * wrong (prefixed with the command) when they don't parse.
 */
export function readArgs(
  command: string,
  args: string[],
  options: Options,
  maxPositionals = 0,
): ParsedArgs | string {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return `hereby ${command}: ${reword(error)}`;
  }
  const extra = parsed.positionals[maxPositionals];
  if (extra !== undefined) return `hereby ${command}: unexpected argument "${extra}"`;
  return parsed;
}

/** What a command's arguments read as when they ask for its usage (`--help`, `-h`). */
export const HELP = { help: true } as const;
export type Help = typeof HELP;

/** The `--repo` option's line in every command's usage. */
export const REPO_USAGE =
  "  --repo owner/name  the repository" +
  " (token in GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise Server)";

/** `--repo`'s value as owner and name, or the sentence saying what is wrong with it. */
export function repoArg(
  command: string,
  text: string | undefined,
): { owner: string; repo: string } | string {
  const repo = ownerRepo(text);
  if (repo) return repo;
  return `hereby ${command}: --repo must be owner/name${text ? `, not "${text}"` : ""}`;
}

/** `owner/name` split, or null. */
export function ownerRepo(text: string | undefined): { owner: string; repo: string } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(text ?? "");
  return m ? { owner: m[1]!, repo: m[2]! } : null;
}

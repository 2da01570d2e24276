// The `hereby` command: check a config file offline, run the sweep and the insights report.
import { access, readFile } from "node:fs/promises";
import { readArgs } from "./cli-args.js";
import { CONFIG_FILE, ConfigError } from "./config.js";
import { version } from "./version.js";

const USAGE = `usage:
  hereby check-config [file]     validate a config file (default ${CONFIG_FILE})
  hereby --version               print the installed version
  hereby report --repo owner/name [--since 2026-01-01] [--until 2026-04-01] [--format md|csv|json]
                                 the insights report (token in GITHUB_TOKEN)
  hereby sweep --repo owner/name [--dry-run]
                                 run the review sweep (token in GITHUB_TOKEN)
  hereby setup --repo owner/name [--dry-run]
                                 create every label hereby uses (token in GITHUB_TOKEN)
  hereby <command> --help        what a command takes`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const stdio: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** Checks a postmortem template offline: mustache can parse it, and no list section sits
 * inside another (each would multiply the other), with the line named. */
async function checkTemplateFile(file: string, io: Io): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    io.err(`hereby: cannot read ${file}`);
    return 2;
  }
  const { templateStructure } = await import("./core/postmortem/template-bounds.js");
  const problems = templateStructure(text);
  if (problems.length > 0) {
    io.err(`Invalid ${file}:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    return 1;
  }
  io.out(
    `${file} is a valid postmortem template` +
      " (its variables are checked when a postmortem is drafted).",
  );
  return 0;
}

/** Validates a config file offline, through the loader and schema the App and the Action use. */
export async function checkConfig(file: string | undefined, io: Io): Promise<number> {
  if (file?.endsWith(".md")) return checkTemplateFile(file, io);
  const config = await checkConfigFile(file, io);
  if (file !== undefined || !(await exists(TEMPLATE_FILE))) return config;
  // The repository's template too, when it has one: the App reads both.
  return Math.max(config, await checkTemplateFile(TEMPLATE_FILE, io));
}

async function checkConfigFile(file: string | undefined, io: Io): Promise<number> {
  let text: string;
  try {
    text = await readFile(file ?? CONFIG_FILE, "utf8");
  } catch {
    if (file === undefined) {
      io.out(`No ${CONFIG_FILE} here: hereby runs with its defaults (every key is optional).`);
      return 0;
    }
    io.err(`hereby: cannot read ${file}`);
    return 2;
  }
  file ??= CONFIG_FILE;
  // Loaded here, as the other commands' modules are: Probot's client is heavy to start.
  const { checkLocalConfig } = await import("./github/local-config.js");
  try {
    const { config, extended } = await checkLocalConfig(text, file);
    for (const base of extended) {
      io.out(
        `${file} extends ${base}: the App and the Action merge it from GitHub;` +
          " check-config works offline and checks only this file's own keys.",
      );
    }
    const { severities, roles, permission } = config;
    io.out(
      `${file} is valid: ${severities.length} severities, ${roles.length} roles,` +
        ` permission ${permission}.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Every problem at once, however many: fixing a file should take one run, not one a key.
    io.err(`Invalid ${error.file}:\n${error.all.map((p) => `- ${p}`).join("\n")}`);
    return 1;
  }
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** The repository's postmortem template, which `check-config` checks too when present. */
const TEMPLATE_FILE = ".github/hereby/postmortem.md";

const CHECK_CONFIG_USAGE = `usage: hereby check-config [file]
  validate a config file offline (default ${CONFIG_FILE}, and ${TEMPLATE_FILE} when there is
  one; a file ending in .md is checked as a postmortem template); exit 1 naming each problem`;

/** `check-config`: options read like the other commands', `--help` included. */
async function checkConfigCommand(rest: string[], io: Io): Promise<number> {
  const parsed = readArgs("check-config", rest, {}, 1);
  if (typeof parsed === "string") {
    io.err(`${parsed}\n${CHECK_CONFIG_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(CHECK_CONFIG_USAGE);
    return 0;
  }
  return checkConfig(parsed.positionals[0], io);
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check-config":
      return checkConfigCommand(rest, io);
    case "report": {
      const { reportCommand } = await import("./report-cli.js");
      return reportCommand(
        rest,
        { out: (t) => io.out(t.replace(/\n$/, "")), err: (line) => io.err(line) },
        process.env,
      );
    }
    case "sweep": {
      const { sweepCommand } = await import("./sweep-cli.js");
      return sweepCommand(rest, io, process.env);
    }
    case "setup": {
      const { setupCommand } = await import("./setup-cli.js");
      return setupCommand(rest, io, process.env);
    }
    case "--version":
    case "-v":
      io.out(await version());
      return 0;
    case "help":
      // `hereby help report` is `hereby report --help`.
      if (rest[0] && rest[0] !== "help") return main([rest[0], "--help"], io);
      io.out(USAGE);
      return 0;
    case undefined:
    case "--help":
    case "-h":
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`hereby: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

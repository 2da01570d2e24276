// The `hereby` command: check a config file offline, run the demo.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { ConfigError, parseConfig } from "./config.js";
import { describeYamlError } from "./config-problems.js";

const USAGE = `usage:
  hereby check-config [file]     validate a config file (default .github/hereby.yml)
  hereby demo                    play a whole incident offline against a simulated GitHub
  hereby sweep --repo owner/name [--dry-run]
                                 run the review sweep (token in GITHUB_TOKEN)`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const stdio: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

export async function checkConfig(file: string, io: Io): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    io.err(`hereby: cannot read ${file}`);
    return 2;
  }
  try {
    const config = parseConfig(parse(text) ?? {}, file);
    io.out(`${file} is valid: ${config.severities.length} severities, ${config.roles.length} roles, permission ${config.permission}.`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    io.err(`hereby: ${describeYamlError(file, error)}`);
    return 1;
  }
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check-config":
      return checkConfig(rest[0] ?? ".github/hereby.yml", io);
    case "demo": {
      const { runDemo } = await import("./demo/run-demo.js");
      return runDemo({ out: io.out });
    }
    case "sweep": {
      const { sweepCommand } = await import("./sweep-cli.js");
      return sweepCommand(rest, io, process.env);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`hereby: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

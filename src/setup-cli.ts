// `hereby setup --repo owner/name [--dry-run]`: every label hereby uses, created at once
// with its colour and description (a declaration creates only the ones it wears; the
// others come when first used). Token from GITHUB_TOKEN (GITHUB_API_URL for GitHub
// Enterprise Server). Labels that exist are left as they are.
import { HELP, readArgs, REPO_USAGE, repoArg, type Help } from "./cli-args.js";
import { ConfigError } from "./config.js";
import { allLabelSpecs, hasLabel } from "./core/labels.js";
import { inOrder } from "./core/plan.js";
import { createClient } from "./github/client.js";
import { describeWrite, Executor } from "./github/executor.js";
import { repoLabelNames } from "./github/repo-labels.js";
import { loadConfig } from "./github/load-config.js";

export interface SetupIo {
  out(line: string): void;
  err(line: string): void;
}

export const SETUP_USAGE =
  "usage: hereby setup --repo owner/name [--dry-run]\n" +
  "  create every label hereby uses that the repository lacks" +
  " (existing ones are left as they are)\n" +
  `${REPO_USAGE}\n` +
  "  --dry-run          print the labels it would create and write nothing";

type SetupArgs = { repo: { owner: string; repo: string }; dryRun: boolean };

function readSetupArgs(args: string[]): SetupArgs | Help | string {
  const parsed = readArgs("setup", args, {
    repo: { type: "string" },
    "dry-run": { type: "boolean" },
  });
  if (typeof parsed === "string") return `${parsed}\n${SETUP_USAGE}`;
  if (parsed.values.help) return HELP;
  const text = parsed.values.repo as string | undefined;
  const repo = repoArg("setup", text);
  if (typeof repo === "string") return `${repo}\n${SETUP_USAGE}`;
  return { repo, dryRun: parsed.values["dry-run"] === true };
}

export async function setupCommand(
  args: string[],
  io: SetupIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const parsed = readSetupArgs(args);
  if (typeof parsed !== "string" && "help" in parsed) {
    io.out(SETUP_USAGE);
    return 0;
  }
  if (typeof parsed === "string") {
    io.err(parsed);
    return 2;
  }
  const { repo, dryRun } = parsed;
  const token = env.GITHUB_TOKEN;
  if (!token) {
    io.err(
      "hereby setup: set GITHUB_TOKEN to a token that can write issues (labels) in " +
        `${repo.owner}/${repo.repo}`,
    );
    return 2;
  }
  const octokit = createClient({ token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" });
  try {
    const [config, existing] = await Promise.all([
      loadConfig(octokit, repo),
      repoLabelNames(octokit, repo),
    ]);
    const missing = allLabelSpecs(config).filter((spec) => !hasLabel(existing, spec.name));
    const executor = new Executor(octokit, repo, {
      dryRun,
      log: { info: () => {}, warn: (m) => io.err(m) },
    });
    await executor.apply(
      inOrder(missing.map((label) => ({ type: "createLabel" as const, label }))),
    );
    for (const w of executor.done) io.out(`${dryRun ? "would " : ""}${describeWrite(w)}`);
    const total = allLabelSpecs(config).length;
    const made = `${missing.length} of ${total} labels ${dryRun ? "would be " : ""}created`;
    const there = `${total - missing.length} were there`;
    io.out(`hereby setup: ${made} in ${repo.owner}/${repo.repo}; ${there}.`);
    return 0;
  } catch (error) {
    io.err(
      error instanceof ConfigError
        ? error.message
        : `hereby setup: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

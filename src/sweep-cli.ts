// `hereby sweep --repo owner/name [--dry-run]`: the review sweep from a terminal or a
// cron job, with a token from GITHUB_TOKEN (and GITHUB_API_URL for GitHub Enterprise
// Server). Prints what it does (or, dry, would do) and the sweep's table.
import { HELP, readArgs, REPO_USAGE, repoArg, type Help } from "./cli-args.js";
import { sweepTable } from "./core/review/report.js";
import { createClient } from "./github/client.js";
import { describeWrite } from "./github/executor.js";
import { tokenLogin } from "./github/identity.js";
import { runSweep } from "./handlers/sweep.js";

export interface SweepIo {
  out(line: string): void;
  err(line: string): void;
}

export const SWEEP_USAGE =
  "usage: hereby sweep --repo owner/name [--dry-run]\n" +
  "  the review sweep: open, update or close review issues that are due\n" +
  `${REPO_USAGE}\n` +
  "  --dry-run          print the plan and write nothing";

type SweepArgs = { repo: { owner: string; repo: string }; dryRun: boolean };

function readSweepArgs(args: string[]): SweepArgs | Help | string {
  const parsed = readArgs("sweep", args, {
    repo: { type: "string" },
    "dry-run": { type: "boolean" },
  });
  if (typeof parsed === "string") return `${parsed}\n${SWEEP_USAGE}`;
  if (parsed.values.help) return HELP;
  const text = parsed.values.repo as string | undefined;
  const repo = repoArg("sweep", text);
  if (typeof repo === "string") return `${repo}\n${SWEEP_USAGE}`;
  return { repo, dryRun: parsed.values["dry-run"] === true };
}

export async function sweepCommand(
  args: string[],
  io: SweepIo,
  env: NodeJS.ProcessEnv,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const parsed = readSweepArgs(args);
  if (typeof parsed !== "string" && "help" in parsed) {
    io.out(SWEEP_USAGE);
    return 0;
  }
  if (typeof parsed === "string") {
    io.err(parsed);
    return 2;
  }
  const token = env.GITHUB_TOKEN;
  if (!token) {
    io.err(
      "hereby sweep: set GITHUB_TOKEN to a token that can read and write issues in " +
        `${parsed.repo.owner}/${parsed.repo.repo}`,
    );
    return 2;
  }
  const octokit = createClient({ token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" });
  try {
    const result = await runSweep({
      octokit,
      repo: parsed.repo,
      clock,
      log: { info: (m) => io.out(m), warn: (m) => io.err(m) },
      dryRun: parsed.dryRun,
      self: await tokenLogin(octokit, token),
    });
    if (result.configError) {
      io.err(result.configError.message);
      return 1;
    }
    io.out("");
    io.out(sweepTable(result.rows));
    for (const note of result.notes) io.out(note);
    const verb = parsed.dryRun ? "would make" : "made";
    io.out(`hereby sweep ${verb} ${result.writes.length} writes (${result.requests} requests).`);
    if (parsed.dryRun && result.writes.length > 0)
      for (const w of result.writes) io.out(`  - ${describeWrite(w)}`);
    return 0;
  } catch (error) {
    io.err(`hereby sweep: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

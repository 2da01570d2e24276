// `hereby report --repo owner/name [--since DATE] [--until DATE] [--format md|csv|json]`:
// the insights report on stdout, with a token from GITHUB_TOKEN (and GITHUB_API_URL for
// GitHub Enterprise Server). Dates are UTC days (2026-01-01) or ISO instants with a zone.
import { HELP, readArgs, REPO_USAGE, repoArg, type Help } from "./cli-args.js";
import { ConfigError } from "./config.js";
import { parseSince } from "./core/commands/report-since.js";
import { REPORT_FORMATS, type ReportFormat } from "./core/report/index.js";
import { createClient } from "./github/client.js";
import type { ReportRange } from "./github/gather-report.js";
import { runReport } from "./handlers/report.js";

export interface ReportIo {
  out(text: string): void;
  err(line: string): void;
}

export const REPORT_USAGE =
  "usage: hereby report --repo owner/name [--since 2026-01-01] [--until 2026-04-01]" +
  " [--format md|csv|json]\n" +
  "  the insights report of the incidents declared in [since, until), on stdout; writes nothing\n" +
  `${REPO_USAGE}\n` +
  "  --since, --until   a day (midnight UTC) or an ISO 8601 time with its zone" +
  " (2026-01-01T09:00Z)\n" +
  "  --format           md (default: Markdown with Mermaid charts), csv or json";

interface ReportArgs {
  repo: { owner: string; repo: string };
  range: ReportRange;
  format: ReportFormat;
}

/** `2026-01-01` (midnight UTC) or an ISO 8601 time with its zone, as an ISO string; null if
 * neither. */
export const parseDate = parseSince;

export function parseReportArgs(args: string[]): ReportArgs | Help | string {
  const options = {
    repo: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
    format: { type: "string" },
  } as const;
  const parsed = readArgs("report", args, options);
  if (typeof parsed === "string") return `${parsed}\n${REPORT_USAGE}`;
  if (parsed.values.help) return HELP;
  const found = parsed.values as Partial<Record<keyof typeof options, string>>;
  const repo = repoArg("report", found.repo);
  if (typeof repo === "string") return `${repo}\n${REPORT_USAGE}`;
  const range: ReportRange = { since: null, until: null };
  for (const key of ["since", "until"] as const) {
    const text = found[key];
    if (text === undefined) continue;
    const date = parseSince(text);
    if (!date) {
      const expected = "a date like 2026-01-01 or an ISO 8601 time";
      return `hereby report: --${key} must be ${expected}, not "${text}"`;
    }
    range[key] = date;
  }
  if (range.since && range.until && range.since >= range.until)
    return `hereby report: --since (${found.since}) must come before --until (${found.until})`;
  const format = found.format ?? "md";
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    return `hereby report: --format must be one of ${REPORT_FORMATS.join(", ")}, not "${format}"`;
  return { repo, range, format: format as ReportFormat };
}

export async function reportCommand(
  args: string[],
  io: ReportIo,
  env: NodeJS.ProcessEnv,
  clock: () => Date = () => new Date(),
): Promise<number> {
  const parsed = parseReportArgs(args);
  if (typeof parsed !== "string" && "help" in parsed) {
    io.out(`${REPORT_USAGE}\n`);
    return 0;
  }
  if (typeof parsed === "string") {
    io.err(parsed);
    return 2;
  }
  const token = env.GITHUB_TOKEN;
  if (!token) {
    io.err(
      "hereby report: set GITHUB_TOKEN to a token that can read issues and pull requests in " +
        `${parsed.repo.owner}/${parsed.repo.repo}`,
    );
    return 2;
  }
  const octokit = createClient({ token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" });
  try {
    io.out(await runReport({ octokit, ...parsed, now: clock() }));
    return 0;
  } catch (error) {
    io.err(
      error instanceof ConfigError
        ? error.message
        : `hereby report: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

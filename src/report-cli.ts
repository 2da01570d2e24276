// `hereby report --repo owner/name [--since DATE] [--until DATE] [--format md|csv|json]`:
// the insights report on stdout, with a token from GITHUB_TOKEN (and GITHUB_API_URL for
// GitHub Enterprise Server). Dates are UTC days (2026-01-01) or ISO instants.
import { ConfigError } from "./config.js";
import { REPORT_FORMATS, type ReportFormat } from "./core/report/index.js";
import { createClient } from "./github/client.js";
import type { ReportRange } from "./github/gather-report.js";
import { runReport } from "./handlers/report.js";

export interface ReportIo {
  out(text: string): void;
  err(line: string): void;
}

export const REPORT_USAGE =
  "usage: hereby report --repo owner/name [--since 2026-01-01] [--until 2026-04-01] [--format md|csv|json] (token in GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise Server)";

interface ReportArgs {
  repo: { owner: string; repo: string };
  range: ReportRange;
  format: ReportFormat;
}

/** `2026-01-01` (midnight UTC) or an ISO 8601 instant, as an ISO string; null if neither. */
export function parseDate(text: string): string | null {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(day)) return null;
  const ms = Date.parse(day);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function option(args: string[], i: number): [string, string | undefined, number] {
  const arg = args[i] ?? "";
  const eq = arg.indexOf("=");
  return eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1), i] : [arg, args[i + 1], i + 1];
}

export function parseReportArgs(args: string[]): ReportArgs | string {
  const found: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [name, value, last] = option(args, i);
    if (!["--repo", "--since", "--until", "--format"].includes(name)) return `hereby report: unknown argument "${args[i]}"\n${REPORT_USAGE}`;
    if (value === undefined) return `hereby report: ${name} needs a value\n${REPORT_USAGE}`;
    found[name] = value;
    i = last;
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(found["--repo"] ?? "");
  if (!m) return `hereby report: --repo must be owner/name${found["--repo"] ? `, not "${found["--repo"]}"` : ""}\n${REPORT_USAGE}`;
  const range: ReportRange = { since: null, until: null };
  for (const key of ["since", "until"] as const) {
    const text = found[`--${key}`];
    if (text === undefined) continue;
    const date = parseDate(text);
    if (!date) return `hereby report: --${key} must be a date like 2026-01-01 or an ISO 8601 time, not "${text}"`;
    range[key] = date;
  }
  if (range.since && range.until && range.since >= range.until) return `hereby report: --since (${found["--since"]}) must come before --until (${found["--until"]})`;
  const format = found["--format"] ?? "md";
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) return `hereby report: --format must be one of ${REPORT_FORMATS.join(", ")}, not "${format}"`;
  return { repo: { owner: m[1] ?? "", repo: m[2] ?? "" }, range, format: format as ReportFormat };
}

export async function reportCommand(args: string[], io: ReportIo, env: NodeJS.ProcessEnv, clock: () => Date = () => new Date()): Promise<number> {
  const parsed = parseReportArgs(args);
  if (typeof parsed === "string") {
    io.err(parsed);
    return 2;
  }
  const token = env.GITHUB_TOKEN;
  if (!token) {
    io.err(`hereby report: set GITHUB_TOKEN to a token that can read issues and pull requests in ${parsed.repo.owner}/${parsed.repo.repo}`);
    return 2;
  }
  const octokit = createClient({ token, baseUrl: env.GITHUB_API_URL ?? "https://api.github.com" });
  try {
    io.out(await runReport({ octokit, ...parsed, now: clock() }));
    return 0;
  } catch (error) {
    io.err(error instanceof ConfigError ? error.message : `hereby report: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

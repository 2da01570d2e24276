// A 403 on a workflow's token almost always means the workflow's `permissions:` lack one.
// Say which, in the words the workflow file uses, instead of GitHub's "Resource not
// accessible by integration". A rate limit answers 403 (or 429) too, and once it outlasts
// the throttling plugin's retries it reaches here: it is named as the limit it is, with
// the time GitHub asks to wait until, never as a missing permission.

interface RequestFailure {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined> };
}

/** Which permission a REST path needs, for a token the header didn't answer for. */
const BY_PATH: [RegExp, string][] = [
  [/\/pulls(\/|$)/, "pull-requests"],
  [/\/(contents|git)\//, "contents"],
  [/\/(issues|labels|assignees)(\/|$)/, "issues"],
];

/** GitHub's `x-accepted-github-permissions` (`issues=write,pull_requests=read; …`: any
 * one of the `;`-separated sets will do): the first set, as workflow YAML writes it. */
function fromHeader(value: string | number | undefined): string[] {
  const first = String(value ?? "").split(";")[0] ?? "";
  return first
    .split(",")
    .map((p) => p.trim().split("="))
    .filter((kv): kv is [string, string] => kv.length === 2 && kv[0] !== "" && kv[1] !== "")
    .map(([name, level]) => `${name.replace(/_/g, "-")}: ${level}`);
}

function fromPath(method: string, path: string): string[] {
  const name = BY_PATH.find(([re]) => re.test(path))?.[1];
  if (!name) return [];
  return [`${name}: ${method === "GET" ? "read" : "write"}`];
}

export interface RateLimited {
  /** GitHub's two limits: the hourly request budget, or the secondary (burst) limit. */
  which: "primary" | "secondary";
  /** When GitHub says to try again (`retry-after`, `x-ratelimit-reset`), if it said. */
  until: Date | null;
}

/** Whether GitHub refused `error`'s request for a rate limit, and until when. */
export function rateLimited(error: unknown, now: Date): RateLimited | null {
  const e = error as RequestFailure;
  if (e.status !== 403 && e.status !== 429) return null;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  const message = e.message ?? "";
  const secondary = /secondary rate limit|abuse/i.test(message) || Number.isFinite(retryAfter);
  const primary =
    String(headers["x-ratelimit-remaining"]) === "0" || /API rate limit/i.test(message);
  if (!secondary && !primary && e.status !== 429) return null;
  let until: Date | null = null;
  if (Number.isFinite(retryAfter) && retryAfter >= 0)
    until = new Date(now.getTime() + retryAfter * 1000);
  else if (Number.isFinite(reset) && reset > 0) until = new Date(reset * 1000);
  return { which: primary && !secondary ? "primary" : "secondary", until };
}

/** `14:05 UTC` (or the date too, when it is not today's). */
function when(until: Date, now: Date): string {
  const iso = until.toISOString();
  const day = iso.slice(0, 10) === now.toISOString().slice(0, 10) ? "" : `${iso.slice(0, 10)} `;
  return `${day}${iso.slice(11, 16)} UTC`;
}

/** The rate limit named, and when GitHub lets hereby try again. */
export function rateLimitSentence(limit: RateLimited, now: Date): string {
  const name = limit.which === "secondary" ? "secondary rate limit" : "hourly API rate limit";
  const wait = limit.until
    ? `GitHub asks to wait until ${when(limit.until, now)}`
    : "GitHub gave no time";
  return `GitHub's ${name} held the request off after hereby's retries (${wait}); no permission is missing.`;
}

const target = (e: RequestFailure) => ({
  method: (e.request?.method ?? "GET").toUpperCase(),
  path: (e.request?.url ?? "").replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/\?.*$/, ""),
});

/** The sentence to fail with, or null when `error` is not a permission refusal (nor a
 * rate limit, which is named as such). */
export function missingPermission(error: unknown, now: Date): string | null {
  const e = error as RequestFailure;
  const { method, path } = target(e);
  const limit = rateLimited(error, now);
  if (limit) {
    return `${method} ${path}: ${rateLimitSentence(limit, now)} hereby tries again on the next event that runs this workflow.`;
  }
  if (e.status !== 403) return null;
  const wanted = fromHeader(e.response?.headers?.["x-accepted-github-permissions"]);
  const needs = wanted.length > 0 ? wanted : fromPath(method, path);
  const what = `GitHub refused ${method} ${path} (403)`;
  if (needs.length === 0)
    return `${what}: the token lacks a permission this request needs. ${e.message ?? ""}`.trim();
  const list = needs.map((p) => `\`${p}\``).join(" and ");
  return `${what}: the token lacks ${list}. Add ${list} under \`permissions:\` in the workflow that runs hereby (or give the token it is passed that access).`;
}

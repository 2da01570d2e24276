// A 403 on a workflow's token almost always means the workflow's `permissions:` lack one.
// Say which, in the words the workflow file uses, instead of GitHub's "Resource not
// accessible by integration".

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

/** The sentence to fail with, or null when `error` is not a permission refusal. */
export function missingPermission(error: unknown): string | null {
  const e = error as RequestFailure;
  // Rate limits answer 403 too; the throttling plugin deals with those.
  if (e.status !== 403 || /rate limit/i.test(e.message ?? "")) return null;
  const method = (e.request?.method ?? "GET").toUpperCase();
  const path = (e.request?.url ?? "").replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/\?.*$/, "");
  const wanted = fromHeader(e.response?.headers?.["x-accepted-github-permissions"]);
  const needs = wanted.length > 0 ? wanted : fromPath(method, path);
  const what = `GitHub refused ${method} ${path} (403)`;
  if (needs.length === 0) return `${what}: the token lacks a permission this request needs. ${e.message ?? ""}`.trim();
  const list = needs.map((p) => `\`${p}\``).join(" and ");
  return `${what}: the token lacks ${list}. Add ${list} under \`permissions:\` in the workflow that runs hereby (or give the token it is passed that access).`;
}

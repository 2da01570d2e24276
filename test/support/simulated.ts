// The one fake GitHub of hereby's tests: the simulator (packages/simulator), with hereby's real
// handlers attached through the demo's Playground. People act with their own tokens; the
// webhooks GitHub would send are handed to the handlers as the App (or the Action) gets
// them; every request is checked against GitHub's description.
//
// Two views of it: functions over a Playground (`start`, `incident`, `deliverAll`, readers
// of what a person sees), and `SimIssue`, one issue seen as the handler tests see it:
// who did what at which minute, and the bot's requests since the last `resetLog()`.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { afterEach, expect } from "vitest";
import { Playground, type Delivery } from "../../packages/simulator/src/demo/playground.js";
import type { RequestLogEntry } from "../../packages/simulator/src/index.js";
import type { GitHub } from "../../src/github/client.js";
import { tokenLogin } from "../../src/github/identity.js";
import { handleEvent } from "../../src/handlers/index.js";

export type { Delivery };
export type Role = "read" | "triage" | "write" | "maintain" | "admin";
export const PEOPLE: Record<string, Role> = {
  alice: "write",
  bob: "write",
  carol: "triage",
  dave: "triage",
  erin: "read",
};
export const BOT = "hereby[bot]";
export const START = "<!-- hereby:start -->";
export const END = "<!-- hereby:end -->";

/** Every label hereby uses, with its default names. */
export const HEREBY_LABELS = [
  "incident",
  "severity:critical",
  "severity:major",
  "severity:minor",
  "severity:trivial",
  "status:investigating",
  "status:identified",
  "status:monitoring",
  "status:resolved",
  "status:complete",
  "status:cancelled",
  "incident-action",
  "incident-review",
];

export const NOTIFY_CONFIG = `timezone: UTC
severities:
  - { name: critical, aliases: [sev1, p1], notify: ["@acme/oncall"] }
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
`;

let current: Playground | undefined;

/** Closes the test's simulator after it, failing on any request GitHub would reject. */
export function useSimulator(): void {
  afterEach(async () => {
    if (current) {
      const pg = current;
      current = undefined;
      expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
      await pg.close();
    }
  });
}

/** A simulated acme/shop with hereby's config and PEOPLE; the caller closes it. */
export async function playground(config = "timezone: UTC\n"): Promise<Playground> {
  return Playground.start({ config, people: { ...PEOPLE } });
}

/** A simulated acme/shop with hereby's config and PEOPLE (plus `extra`); closed by useSimulator. */
export async function start(
  config: string | null = "timezone: UTC\n",
  extra: Record<string, Role | "none"> = {},
): Promise<Playground> {
  current = await Playground.start({
    ...(config === null ? {} : { config }),
    people: { ...PEOPLE },
  });
  for (const [login, role] of Object.entries(extra)) current.sim.setPermission(login, role);
  return current;
}

/** Hands over every pending delivery; a handler that throws doesn't stop the others (in
 * production each delivery is its own request). Returns the errors. */
export async function deliverAll(p: Playground, action = false): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) break;
    for (const d of pending) {
      try {
        await (action ? asAction(p, d, p.bot, null) : p.handle(d));
      } catch (error) {
        errors.push(error);
      }
    }
  }
  return errors;
}

/** One delivery as the Action handles it: `self` is what the token says it is (null for
 * the workflow's GITHUB_TOKEN, whose login hereby doesn't know). */
export function asAction(p: Playground, d: Delivery, octokit: GitHub, self: string | null) {
  return handleEvent(d as EmitterWebhookEvent, {
    octokit,
    repo: p.repo,
    clock: () => p.clock(),
    log: { info: () => {}, warn: () => {} },
    self,
  });
}

/** Deliveries handled as src/action.ts does: a person's token is asked who it is; an
 * installation token (`ghs_`) is not. */
export async function deliverAsAction(
  p: Playground,
  octokit: GitHub,
  token = "ghs_",
): Promise<void> {
  const self = await tokenLogin(octokit, token);
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) return;
    for (const d of pending) await asAction(p, d, octokit, self);
  }
}

/** An incident declared by alice's label; returns its number. */
export async function incident(p: Playground, author = "alice", action = false): Promise<number> {
  const n = await p.openIssue(author, "Checkout down", "Customers see 502s.");
  await deliverAll(p, action);
  p.advance(1);
  await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
  await deliverAll(p, action);
  p.advance(1);
  return n;
}

// ---- what a person sees ----

export const body = (p: Playground, n: number) => p.sim.issue(n).body ?? "";
export const labels = (p: Playground, n: number) =>
  p.sim
    .issue(n)
    .labels.map((l) => (typeof l === "string" ? l : l.name))
    .sort();
export const assignees = (p: Playground, n: number) =>
  (p.sim.issue(n).assignees ?? []).map((a) => a.login).sort();
export const reactions = (p: Playground, id: number) =>
  p.sim
    .reactions(id)
    .map((r) => r.content)
    .sort();
export const botComments = (p: Playground, n: number, by = BOT) =>
  p.sim
    .comments(n)
    .filter((c) => c.user?.login === by)
    .map((c) => c.body ?? "");
/** A `| **Name** | value |` row of the record's table, e.g. "Lead" → "[bob](https://github.com/bob)". */
export const field = (p: Playground, n: number, name: string) => recordField(body(p, n), name);
/** The record's timeline entries, text only. */
export const entries = (p: Playground, n: number) =>
  recordRows(body(p, n)).map((l) => (l.split(" | ")[1] ?? "").replace(/ \[↗\]\(.*$/, ""));
/** Requests the bot made since `from` (an index into the request log). */
export const botRequests = (p: Playground, from = 0) =>
  p.sim.requests.slice(from).filter((r) => r.actor === BOT);

/** The record's timeline rows, whole. */
export function recordRows(text: string | null | undefined): string[] {
  const all = text ?? "";
  return all
    .slice(all.lastIndexOf(START))
    .split("\n")
    .filter((l) => l.startsWith("| 20"));
}

export function recordField(text: string, name: string): string | undefined {
  const block = text.slice(Math.max(0, text.lastIndexOf(START)));
  return new RegExp(`\\| \\*\\*${name}\\*\\* \\| ([^|]*) \\|`).exec(block)?.[1]?.trim();
}

/** The body's text before the managed block. */
export function userPart(text: string | null): string {
  const all = text ?? "";
  const at = all.lastIndexOf(START);
  return at < 0 ? all : all.slice(0, at);
}

/** What a person looking at the issue sees: the description, labels, assignees, state,
 * and the bot's comments (their order among people's comments aside). */
export function visible(pg: Playground, n: number) {
  const issue = pg.sim.issue(n);
  return {
    body: issue.body,
    labels: labels(pg, n),
    assignees: assignees(pg, n),
    state: issue.state,
    stateReason: issue.state_reason,
    botComments: pg.sim
      .comments(n)
      .filter((c) => c.user?.login.endsWith("[bot]"))
      .map((c) => c.body ?? "")
      .sort(),
  };
}

/**
 * Markdown as a reader sees it: backslash escapes and entities resolved, the zero-width
 * spaces that keep mentions quiet removed.
 */
export function rendered(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/\u200B/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#92;/g, "\\");
}

/** `@handles` that would notify someone: outside code spans, and not defused (`@` before a link, or U+200B). */
export function liveMentions(markdown: string): string[] {
  const text = markdown.replace(/`[^`\n]*`/g, "");
  return [
    ...text.matchAll(/(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9._-]+)?/g),
  ].map((m) => m[0]);
}

// ---- scenario time, text and request lines (SimIssue's, in test/support/sim-issue.ts) ----

export function at(minute: number): string {
  return new Date(Date.UTC(2026, 10, 23, 14, 0) + minute * 60_000)
    .toISOString()
    .replace(".000Z", "Z");
}

/**
 * A description as people write it in the web UI (CRLF line ends), with Markdown, an
 * HTML comment, a table, trailing spaces, a command-looking line and non-ASCII text:
 * hereby must keep it byte for byte.
 */
export const USER_BODY =
  "Customers see **502** on `/checkout` since 13:58 UTC.\r\n\r\n<!-- triage: keep -->\r\n| a | b |\r\n|---|---|\r\n| x | y |\r\n\r\n  trailing spaces   \r\n/severity critical is what I'd pick\r\nÜñíçødé ✓ 🚨";

/** What opening the postmortem pull request for issue `n` costs, in order (reads first,
 * the default branch's head among them, as the delivery names the branch; then the branch,
 * the file, the pull request, and its reviewer with the announcement). */
export function postmortemOpening(issue: { n: number; path: string }, pull = 2): string[] {
  return [
    `GET /repos/acme/shop/git/ref/heads%2Fhereby%2Fpostmortem-${issue.n}`,
    `GET /repos/acme/shop/pulls?head=acme%3Ahereby%2Fpostmortem-${issue.n}&state=all&per_page=100`,
    "GET /repos/acme/shop/contents/.github%2Fhereby%2Fpostmortem.md",
    `GET ${issue.path}/sub_issues?per_page=100`,
    "GET /repos/acme/shop/git/ref/heads%2Fmain",
    "POST /repos/acme/shop/git/refs",
    `PUT /repos/acme/shop/contents/docs%2Fpostmortems%2F2026-11-23-${issue.n}-checkout-is-down.md`,
    "POST /repos/acme/shop/pulls",
    `POST /repos/acme/shop/pulls/${pull}/requested_reviewers`,
    `POST ${issue.path}/comments`,
  ];
}

/** `METHOD path?query`; the look-back after posting a comment asks for comments since a
 * moment, which is the clock's business, not the test's. */
export function line(r: RequestLogEntry): string {
  return `${r.method} ${r.path}${r.query}`.replace(/since=[^&]+&/, "since=…&");
}

/**
 * The requests made are exactly `expected`: the same multiset, and the writes (every
 * request but GETs) in the same order. Reads made in parallel may come in any order.
 */
export function expectRequests(issue: { path: string; lines: string[] }, expected: string[]): void {
  // Every comment hereby posts is followed by a look-back for a concurrent copy.
  const comments = `POST ${issue.path}/comments`;
  expected = expected.flatMap((l) =>
    l === comments ? [l, `GET ${issue.path}/comments?since=…&per_page=100`] : [l],
  );
  expect([...issue.lines].sort()).toEqual([...expected].sort());
  const writes = (lines: string[]) => lines.filter((l) => !l.startsWith("GET "));
  expect(writes(issue.lines)).toEqual(writes(expected));
}

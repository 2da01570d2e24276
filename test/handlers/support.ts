// Only test/handlers/round-trips.test.ts still uses this nock fake (helper `budget` is
// moving it to the simulator); every other handler test runs on test/support/simulated.ts.
//
// Probot handler tests, in Probot's own pattern: a real `Probot` instance with the app
// loaded, `probot.receive(...)` with webhook payloads shaped like GitHub's (built from
// @octokit/webhooks-examples), and nock standing in for api.github.com.
//
// `FakeGitHub` is a tiny stateful GitHub behind nock interceptors: it holds one issue
// (acme/shop#7) and its timeline, the repository's labels, people's permissions and the
// config file; it serves the reads the handlers make, applies their writes (a PATCH
// changes the issue and adds the bot's label/close events to the timeline, a comment
// POST appends a bot comment), and records every request in order. A request no route
// knows fails in nock ("No match for request"), which fails the handler and the test.
//
// Round trips: every reply is held until no new request has arrived for a few
// milliseconds, then all held replies are released together as one "wave". Requests
// the code makes in parallel land in the same wave; a request made after awaiting a
// response lands in a later one. The number of waves is the number of sequential round
// trips an event costs.
import { generateKeyPairSync } from "node:crypto";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { afterEach, beforeEach, expect } from "vitest";
import { Probot, ProbotOctokit } from "probot";
import hereby from "../../src/app.js";

export const API = "https://api.github.com";
export const OWNER = "acme";
export const REPO = "shop";
export const ISSUE = 7;
export const INSTALLATION = 2;
export const BOT = "hereby[bot]";
export const ISSUE_URL = `https://github.com/${OWNER}/${REPO}/issues/${ISSUE}`;
/**
 * A description as people write it in the web UI (CRLF line ends), with Markdown, an
 * HTML comment, a table, trailing spaces, a command-looking line and non-ASCII text:
 * hereby must keep it byte for byte.
 */
export const USER_BODY =
  "Customers see **502** on `/checkout` since 13:58 UTC.\r\n\r\n<!-- triage: keep -->\r\n| a | b |\r\n|---|---|\r\n| x | y |\r\n\r\n  trailing spaces   \r\n/severity critical is what I'd pick\r\nÜñíçødé ✓ 🚨";

/** A test RSA key, generated once per test file. */
export const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

/**
 * Retries and throttling off, so every request is counted once and writes aren't spaced
 * out. The function form is needed: with `ProbotOctokit.defaults({ throttle: { enabled:
 * false } })` Probot 14's own defaults layer replaces the `throttle` object (without
 * `enabled`) and ProbotOctokit turns it back on, so every write waits a second.
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options["throttle"] as object | undefined), enabled: false },
}));

export async function createProbot(): Promise<Probot> {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    Octokit: TestOctokit,
    logLevel: "fatal",
  });
  await probot.load(hereby);
  return probot;
}

// ---------------------------------------------------------------------------------
// Time: every scenario happens on 2026-11-23, UTC, one step a minute.

export function at(minute: number): string {
  return new Date(Date.UTC(2026, 10, 23, 14, 0) + minute * 60_000).toISOString().replace(".000Z", "Z");
}

// ---------------------------------------------------------------------------------
// The fake.

type Json = Record<string, unknown>;

export interface User {
  login: string;
  type: "User" | "Bot";
}

export interface TimelineItem {
  event: string;
  id: number;
  created_at: string;
  updated_at?: string;
  user?: User & Json;
  actor?: User & Json;
  body?: string;
  html_url?: string;
  label?: { name: string; color: string };
  state_reason?: string | null;
  assignee?: User & Json;
  [key: string]: unknown;
}

export interface RecordedRequest {
  /** `GET /repos/acme/shop/issues/7` (query included). */
  line: string;
  method: string;
  path: string;
  body: unknown;
  status: number;
  /** Which sequential round trip it belonged to (1-based). */
  wave: number;
}

export interface LabelRow {
  name: string;
  color: string;
  description: string;
}

export interface IssueState {
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  author: string;
  labels: string[];
  assignees: string[];
  created_at: string;
  closed_at: string | null;
}

export interface FakeOptions {
  /** Raw `.github/hereby.yml` of acme/shop; null: 404. */
  config?: string | null;
  /** Raw `.github/hereby.yml` of acme/.github; null: 404. */
  orgConfig?: string | null;
  /** Labels that exist in the repository ("all": every hereby label with defaults). */
  repoLabels?: "all" | string[];
  issue?: Partial<IssueState>;
  /** role_name per login; anyone not listed has `write`. */
  permissions?: Record<string, string>;
}

const DEFAULT_LABELS = [
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
  "incident-action",
  "incident-review",
];

/** What `permission` GitHub reports for a role (triage → read, maintain → write). */
const PERMISSION_OF_ROLE: Record<string, string> = {
  read: "read",
  triage: "read",
  write: "write",
  maintain: "write",
  admin: "admin",
  none: "none",
};

let nextId = 9000;
export const newId = (): number => nextId++;

const userJson = (login: string, type: "User" | "Bot" = login.endsWith("[bot]") ? "Bot" : "User") => ({
  login,
  id: Math.abs(hashCode(login)),
  node_id: `U_${login}`,
  type,
  site_admin: false,
  html_url: `https://github.com/${login}`,
});

function hashCode(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

export class FakeGitHub {
  config: string | null;
  orgConfig: string | null;
  repoLabels: LabelRow[];
  permissions: Record<string, string>;
  issue: IssueState;
  timeline: TimelineItem[] = [];
  /** Comment id → reactions the bot made. */
  reactions: { id: number; commentId: number; content: string }[] = [];
  requests: RecordedRequest[] = [];
  /** Minutes after `at(0)` for the next bot write. */
  private clock = 30;
  private wave = 0;
  private held: { resolve: (wave: number) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private scope: nock.Scope | undefined;

  constructor(options: FakeOptions = {}) {
    this.config = options.config ?? null;
    this.orgConfig = options.orgConfig ?? null;
    const labels = options.repoLabels === undefined || options.repoLabels === "all" ? DEFAULT_LABELS : options.repoLabels;
    this.repoLabels = labels.map((name) => ({ name, color: "ededed", description: "" }));
    this.permissions = options.permissions ?? {};
    this.issue = {
      title: "Checkout is down",
      body: USER_BODY,
      state: "open",
      state_reason: null,
      author: "alice",
      labels: [],
      assignees: [],
      created_at: at(0),
      closed_at: null,
      ...options.issue,
    };
  }

  // ---- serving ----

  /** Installs the nock interceptors (persisted: the fake answers as often as asked). */
  install(): this {
    // One fake answers at a time: an earlier one's interceptors would match first.
    nock.cleanAll();
    const scope = nock(API).persist();
    const route = (
      method: "get" | "post" | "patch" | "delete",
      path: string | RegExp,
      handler: (path: string, body: unknown) => [number, unknown] | [number, unknown, Record<string, string>],
    ) => {
      scope[method](path).reply(async (uri, body) => {
        const wave = await this.hold();
        const [status, reply, headers] = handler(uri, body);
        this.requests.push({
          // The look-back after posting a comment asks for comments since a moment
          // before it: the moment is the clock's business, not the test's.
          line: `${method.toUpperCase()} ${uri.replace(/since=[^&]+&/, "since=…&")}`,
          method: method.toUpperCase(),
          path: uri,
          body,
          status,
          wave,
        });
        return headers ? [status, reply as nock.Body, headers] : [status, reply as nock.Body];
      });
    };
    const repo = `/repos/${OWNER}/${REPO}`;
    // The app asks its own login once per process (app JWT, not an installation request):
    // served, but left out of the recorded requests that tests count.
    scope.get("/app").reply(200, { id: 1, slug: "hereby", name: "hereby", node_id: "A_1" });
    route("post", `/app/installations/${INSTALLATION}/access_tokens`, () => [
      201,
      {
        token: "test",
        expires_at: "2099-01-01T00:00:00Z",
        permissions: { issues: "write", contents: "read", metadata: "read" },
        repository_selection: "all",
      },
    ]);
    route("get", `${repo}/contents/.github%2Fhereby.yml`, () =>
      this.config === null ? [404, { message: "Not Found" }] : [200, this.config, { "content-type": "text/plain; charset=utf-8" }],
    );
    route("get", `/repos/${OWNER}/.github/contents/.github%2Fhereby.yml`, () =>
      this.orgConfig === null
        ? [404, { message: "Not Found" }]
        : [200, this.orgConfig, { "content-type": "text/plain; charset=utf-8" }],
    );
    route("get", `${repo}/issues/${ISSUE}`, () => [200, this.issueJson()]);
    route("get", `${repo}/issues/${ISSUE}/timeline?per_page=100`, () => [200, this.timeline.map((t) => structuredClone(t))]);
    route("get", /^\/repos\/acme\/shop\/issues\/7\/comments\?since=[^&]+&per_page=100$/, () => [
      200,
      this.timeline.filter((t) => t.event === "commented").map((t) => this.commentJson(t)),
    ]);
    route("get", `${repo}/issues/${ISSUE}/comments?per_page=100`, () => [
      200,
      this.timeline.filter((t) => t.event === "commented").map((t) => this.commentJson(t)),
    ]);
    route("get", /^\/repos\/acme\/shop\/collaborators\/[^/]+\/permission$/, (path) => {
      const login = decodeURIComponent(path.split("/")[5] ?? "");
      const role = this.permissions[login] ?? "write";
      if (role === "none") return [404, { message: "Not Found" }];
      return [200, { permission: PERMISSION_OF_ROLE[role] ?? role, role_name: role, user: userJson(login) }];
    });
    route("get", /^\/repos\/acme\/shop\/assignees\/[^/]+$/, (path) => {
      const login = decodeURIComponent(path.split("/")[5] ?? "");
      const role = this.permissions[login] ?? "write";
      return role === "none" || login.endsWith("[bot]") ? [404, { message: "Not Found" }] : [204, ""];
    });
    route("get", `${repo}/labels?per_page=100`, () => [200, this.repoLabels.map((l) => ({ ...l, default: false }))]);
    route("post", `${repo}/labels`, (_path, body) => {
      const label = body as LabelRow;
      if (this.repoLabels.some((l) => l.name.toLowerCase() === label.name.toLowerCase())) {
        return [422, { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] }];
      }
      this.repoLabels.push({ name: label.name, color: label.color, description: label.description });
      return [201, { ...label, default: false }];
    });
    route("post", /^\/repos\/acme\/shop\/issues\/comments\/\d+\/reactions$/, (path, body) => {
      const commentId = Number(path.split("/")[6]);
      const content = (body as { content: string }).content;
      const existing = this.reactions.find((r) => r.commentId === commentId && r.content === content);
      const reaction = existing ?? { id: newId(), commentId, content };
      if (!existing) this.reactions.push(reaction);
      return [existing ? 200 : 201, { id: reaction.id, content, user: userJson(BOT, "Bot") }];
    });
    route("get", /^\/repos\/acme\/shop\/issues\/comments\/\d+\/reactions\?(content=[^&]+&)?per_page=100$/, (path) => {
      const commentId = Number(path.split("/")[6]?.split("?")[0]);
      const content = decodeURIComponent(/content=([^&]+)/.exec(path)?.[1] ?? "");
      const mine = this.reactions.filter((r) => r.commentId === commentId && (!content || r.content === content));
      return [200, mine.map((r) => ({ id: r.id, content: r.content, user: userJson(BOT, "Bot") }))];
    });
    route("delete", /^\/repos\/acme\/shop\/issues\/comments\/\d+\/reactions\/\d+$/, (path) => {
      const id = Number(path.split("/")[8]);
      this.reactions = this.reactions.filter((r) => r.id !== id);
      return [204, ""];
    });
    route("patch", `${repo}/issues/${ISSUE}`, (_path, body) => {
      this.applyPatch(body as Json);
      return [200, this.issueJson()];
    });
    route("post", `${repo}/issues/${ISSUE}/comments`, (_path, body) => {
      const item = this.addComment(BOT, (body as { body: string }).body, this.tick());
      return [201, this.commentJson(item)];
    });
    // The postmortem's reads: this repository's postmortem pull request for the incident
    // is merged already, so resolving reads and writes nothing more (the simulator tests in
    // test/postmortem cover opening it).
    route("get", repo, () => [200, { id: 1, name: REPO, full_name: `${OWNER}/${REPO}`, default_branch: "main" }]);
    route("get", /^\/repos\/acme\/shop\/git\/ref\/heads(%2F|\/)hereby(%2F|\/)postmortem-\d+$/, () => [404, { message: "Not Found" }]);
    route("get", /^\/repos\/acme\/shop\/pulls\?head=[^&]+&state=all&per_page=100$/, () => [
      200,
      [{ number: 99, html_url: "https://github.com/acme/shop/pull/99", state: "closed", merged_at: at(5), user: userJson(BOT, "Bot") }],
    ]);
    route("get", `${repo}/contents/.github%2Fhereby%2Fpostmortem.md`, () => [404, { message: "Not Found" }]);
    route("get", `${repo}/issues/${ISSUE}/sub_issues?per_page=100`, () => [200, []]);
    this.scope = scope;
    return this;
  }

  /** Holds a reply until the current wave of requests is complete. */
  private hold(): Promise<number> {
    return new Promise((resolve) => {
      this.held.push({ resolve });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.wave += 1;
        const held = this.held;
        this.held = [];
        for (const h of held) h.resolve(this.wave);
      }, 1);
    });
  }

  /** The issue as `GET /repos/acme/shop/issues/7` returns it. */
  issueJson(): Json {
    const i = this.issue;
    return {
      url: `${API}/repos/${OWNER}/${REPO}/issues/${ISSUE}`,
      html_url: ISSUE_URL,
      id: 1_000_007,
      node_id: "I_7",
      number: ISSUE,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      user: userJson(i.author),
      labels: i.labels.map((name) => ({ name, color: this.repoLabels.find((l) => l.name === name)?.color ?? "ededed" })),
      assignee: i.assignees[0] ? userJson(i.assignees[0]) : null,
      assignees: i.assignees.map((a) => userJson(a)),
      locked: false,
      comments: this.timeline.filter((t) => t.event === "commented").length,
      created_at: i.created_at,
      updated_at: i.created_at,
      closed_at: i.closed_at,
      author_association: "MEMBER",
    };
  }

  private commentJson(item: TimelineItem): Json {
    return {
      id: item.id,
      node_id: `IC_${item.id}`,
      url: `${API}/repos/${OWNER}/${REPO}/issues/comments/${item.id}`,
      html_url: item.html_url,
      issue_url: `${API}/repos/${OWNER}/${REPO}/issues/${ISSUE}`,
      body: item.body,
      user: item.user,
      created_at: item.created_at,
      updated_at: item.updated_at,
      author_association: item.user?.type === "Bot" ? "NONE" : "MEMBER",
    };
  }

  private tick(): string {
    return at(this.clock++);
  }

  private applyPatch(patch: Json): void {
    const time = this.tick();
    if (typeof patch["body"] === "string") this.issue.body = patch["body"];
    if (Array.isArray(patch["labels"])) {
      const next = patch["labels"] as string[];
      for (const name of next) {
        if (!this.repoLabels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
          // GitHub creates a missing label (grey, no description) when an issue is given it.
          this.repoLabels.push({ name, color: "ededed", description: "" });
        }
        if (!this.issue.labels.includes(name)) this.labelEvent("labeled", name, BOT, time);
      }
      for (const name of this.issue.labels) if (!next.includes(name)) this.labelEvent("unlabeled", name, BOT, time);
      this.issue.labels = [...next];
    }
    if (Array.isArray(patch["assignees"])) {
      const next = patch["assignees"] as string[];
      for (const a of next) if (!this.issue.assignees.includes(a)) this.assignEvent("assigned", a, time);
      for (const a of this.issue.assignees) if (!next.includes(a)) this.assignEvent("unassigned", a, time);
      this.issue.assignees = [...next];
    }
    if (patch["state"] === "closed" && this.issue.state === "open") {
      this.issue.state = "closed";
      this.issue.state_reason = (patch["state_reason"] as string | undefined) ?? "completed";
      this.issue.closed_at = time;
      this.timeline.push({ event: "closed", id: newId(), actor: userJson(BOT, "Bot"), created_at: time, state_reason: this.issue.state_reason });
    } else if (patch["state"] === "open" && this.issue.state === "closed") {
      this.issue.state = "open";
      this.issue.state_reason = "reopened";
      this.issue.closed_at = null;
      this.timeline.push({ event: "reopened", id: newId(), actor: userJson(BOT, "Bot"), created_at: time });
    }
  }

  private labelEvent(event: "labeled" | "unlabeled", name: string, actor: string, time: string): void {
    this.timeline.push({ event, id: newId(), actor: userJson(actor), created_at: time, label: { name, color: "ededed" } });
  }

  private assignEvent(event: "assigned" | "unassigned", login: string, time: string): void {
    this.timeline.push({ event, id: newId(), actor: userJson(BOT, "Bot"), assignee: userJson(login), created_at: time });
  }

  private addComment(login: string, body: string, time: string, id = newId()): TimelineItem {
    const user = userJson(login);
    const item: TimelineItem = {
      event: "commented",
      id,
      node_id: `IC_${id}`,
      url: `${API}/repos/${OWNER}/${REPO}/issues/comments/${id}`,
      html_url: `${ISSUE_URL}#issuecomment-${id}`,
      body,
      user,
      actor: user,
      created_at: time,
      updated_at: time,
      author_association: user.type === "Bot" ? "NONE" : "MEMBER",
    };
    this.timeline.push(item);
    return item;
  }

  // ---- what people do on GitHub (each returns the webhook GitHub would send) ----

  /** Someone comments; the comment is on the timeline before the webhook arrives. */
  comment(
    login: string,
    body: string,
    minute: number,
    options: { id?: number; type?: "User" | "Bot"; pullRequest?: boolean } = {},
  ): WebhookEvent {
    const item = this.addComment(login, body, at(minute), options.id);
    if (options.type) {
      item.user = { ...userJson(login), type: options.type };
      item.actor = item.user;
    }
    const event = this.commentEvent("created", item);
    if (options.pullRequest) {
      (event.payload["issue"] as Json)["pull_request"] = {
        url: `${API}/repos/${OWNER}/${REPO}/pulls/${ISSUE}`,
        html_url: `https://github.com/${OWNER}/${REPO}/pull/${ISSUE}`,
        diff_url: `https://github.com/${OWNER}/${REPO}/pull/${ISSUE}.diff`,
        patch_url: `https://github.com/${OWNER}/${REPO}/pull/${ISSUE}.patch`,
        merged_at: null,
      };
    }
    return event;
  }

  /** Someone edits their comment. */
  editComment(id: number, body: string, minute: number): WebhookEvent {
    const item = this.commentItem(id);
    const from = item.body ?? "";
    item.body = body;
    item.updated_at = at(minute);
    return this.commentEvent("edited", item, { body: { from } });
  }

  /** Someone deletes their comment: it leaves the timeline. */
  deleteComment(id: number): WebhookEvent {
    const item = this.commentItem(id);
    this.timeline = this.timeline.filter((t) => t !== item);
    return this.commentEvent("deleted", item);
  }

  /** Someone adds a label in the UI. */
  addLabel(login: string, name: string, minute: number): WebhookEvent {
    if (!this.issue.labels.includes(name)) this.issue.labels.push(name);
    if (!this.repoLabels.some((l) => l.name === name)) this.repoLabels.push({ name, color: "ededed", description: "" });
    this.labelEvent("labeled", name, login, at(minute));
    return this.issueEvent("labeled", login, { label: labelJson(name) });
  }

  /** Someone closes the issue in the UI. */
  close(login: string, minute: number, reason = "completed"): WebhookEvent {
    this.issue.state = "closed";
    this.issue.state_reason = reason;
    this.issue.closed_at = at(minute);
    this.timeline.push({ event: "closed", id: newId(), actor: userJson(login), created_at: at(minute), state_reason: reason });
    return this.issueEvent("closed", login);
  }

  /** Someone reopens the issue in the UI. */
  reopen(login: string, minute: number): WebhookEvent {
    this.issue.state = "open";
    this.issue.state_reason = "reopened";
    this.issue.closed_at = null;
    this.timeline.push({ event: "reopened", id: newId(), actor: userJson(login), created_at: at(minute) });
    return this.issueEvent("reopened", login);
  }

  private commentItem(id: number): TimelineItem {
    const item = this.timeline.find((t) => t.event === "commented" && t.id === id);
    if (!item) throw new Error(`no comment ${id} on the fake issue`);
    return item;
  }

  private commentEvent(action: "created" | "edited" | "deleted", item: TimelineItem, changes?: Json): WebhookEvent {
    const payload = structuredClone(example("issue_comment", action)) as Json;
    payload["action"] = action;
    if (changes) payload["changes"] = changes;
    else delete payload["changes"];
    payload["issue"] = this.issuePayload();
    payload["comment"] = {
      ...(payload["comment"] as Json),
      ...this.commentJson(item),
      user: { ...(payload["sender"] as Json), ...item.user },
    };
    payload["sender"] = { ...(payload["sender"] as Json), ...item.user };
    return finish("issue_comment", payload);
  }

  private issueEvent(action: "labeled" | "closed" | "reopened", login: string, extra: Json = {}): WebhookEvent {
    const base = action === "labeled" ? example("issues", "labeled") : example("issues", "reopened");
    const payload = structuredClone(base) as Json;
    payload["action"] = action;
    payload["issue"] = this.issuePayload();
    payload["sender"] = { ...(payload["sender"] as Json), ...userJson(login) };
    Object.assign(payload, extra);
    return finish("issues", payload);
  }

  /** The issue as a webhook carries it (labels as they are now). */
  private issuePayload(): Json {
    const base = structuredClone(example("issue_comment", "created")["issue"]) as Json;
    const issue = { ...base, ...this.issueJson() };
    delete issue["pull_request"];
    return issue;
  }

  // ---- set-up helpers ----

  /** Forgets the requests made so far (the state stays). */
  resetLog(): void {
    this.requests = [];
    this.wave = 0;
  }

  // ---- what was written ----

  get writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/"));
  }

  /** Sequential round trips (waves), the token request included. */
  get rounds(): number {
    return this.requests.reduce((max, r) => Math.max(max, r.wave), 0);
  }

  /** A summary of the requests by kind, for the round-trip table. */
  tally(): { reads: number; writes: number; token: number; rounds: number; tokenRounds: number } {
    const isToken = (r: RecordedRequest) => r.path.startsWith("/app/");
    const otherWaves = new Set(this.requests.filter((r) => !isToken(r)).map((r) => r.wave));
    const tokenOnly = new Set(this.requests.filter(isToken).map((r) => r.wave).filter((w) => !otherWaves.has(w)));
    return {
      reads: this.requests.filter((r) => r.method === "GET").length,
      writes: this.writes.length,
      token: this.requests.filter(isToken).length,
      rounds: this.rounds,
      tokenRounds: tokenOnly.size,
    };
  }
}

function labelJson(name: string): Json {
  return { id: Math.abs(hashCode(name)), node_id: `L_${name}`, url: `${API}/repos/${OWNER}/${REPO}/labels/${encodeURIComponent(name)}`, name, color: "ededed", default: false, description: null };
}

// ---------------------------------------------------------------------------------
// Payloads.

export interface WebhookEvent {
  id: string;
  name: "issue_comment" | "issues";
  payload: Json;
}

let delivery = 0;

function example(name: string, action: string): Json {
  const definition = (examples as unknown as { name: string; examples: Json[] }[]).find((d) => d.name === name);
  const found = definition?.examples.find((e) => e["action"] === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${name}.${action}`);
  return found;
}

function finish(name: "issue_comment" | "issues", payload: Json): WebhookEvent {
  const repository = structuredClone(payload["repository"]) as Json;
  repository["name"] = REPO;
  repository["full_name"] = `${OWNER}/${REPO}`;
  repository["owner"] = { ...(repository["owner"] as Json), login: OWNER, type: "Organization" };
  repository["html_url"] = `https://github.com/${OWNER}/${REPO}`;
  payload["repository"] = repository;
  payload["installation"] = { id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMg==" };
  return { id: `delivery-${++delivery}`, name, payload };
}

/** Delivers an event to a Probot instance with hereby loaded. */
export async function deliver(probot: Probot, event: WebhookEvent): Promise<void> {
  await probot.receive(event as unknown as Parameters<Probot["receive"]>[0]);
}

/** Same delivery again (GitHub's "Redeliver"): same id, same payload. */
export function redelivery(event: WebhookEvent): WebhookEvent {
  return structuredClone(event);
}

// ---------------------------------------------------------------------------------
// Scenario set-up.

/**
 * An incident declared by `lead` with the `incident` label at minute 1, through the real
 * handler, so the record, labels and assignee are what hereby writes. The request log is
 * cleared afterwards.
 */
export async function declaredIncident(
  probot: Probot,
  fake: FakeGitHub,
  lead = "alice",
): Promise<void> {
  await deliver(probot, fake.addLabel(lead, "incident", 1));
  fake.resetLog();
}

export { nock };

// ---- the per-file setup every handler test shares ----

/** The Probot instance of the running test (a live binding: set by useProbot). */
export let probot: Probot;

/** A fresh Probot per test (its own token cache and app login), and no interceptor left
 * over after it. Call once at the top of a test file. */
export function useProbot(): void {
  beforeEach(async () => {
    probot = await createProbot();
  });
  afterEach(() => {
    nock.cleanAll();
  });
}

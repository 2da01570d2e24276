// The simulated repository as data: records, ids, users and their roles, tokens, and the
// lookups every layer reads. It neither renders nor delivers: state.ts adds GitHub's
// mutations (with their events and webhooks) on top, render/ reads it.
import { GitStore, type Signature } from "./git-store.js";
import { LEVEL_RANK, type PermissionLevel } from "./permissions.js";
import type {
  CommentRecord,
  Delivery,
  EventRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
  ReactionRecord,
  UserRecord,
  UserType,
} from "./records.js";

export type IdKind =
  "user" | "label" | "issue" | "comment" | "event" | "reaction" | "pull" | "token";

/** Each kind counts from its own base, so ids of different kinds never coincide. */
const ID_BASE: Record<IdKind, number> = {
  user: 1_000_000,
  label: 2_000_000,
  issue: 3_000_000,
  comment: 4_000_000,
  event: 5_000_000,
  reaction: 6_000_000,
  pull: 7_000_000,
  token: 0,
};

export interface StateOptions {
  clock: () => Date;
  owner: string;
  repo: string;
  appSlug: string;
  /** Installations of the App, ids 1..n, all on this repository (default 1). */
  installations?: number;
}

/** `2024-05-01T12:00:00Z`: GitHub's timestamps have no milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class Store {
  clock: () => Date;
  readonly owner: string;
  readonly repo: string;
  readonly appSlug: string;
  readonly botLogin: string;
  defaultBranch = "main";
  /** Branches pushes and contents writes may not update (changes go through pull requests). */
  readonly protectedBranches = new Set<string>();
  /** Installation permissions the App was not granted (`contents`, `pull_requests`): its
   * writes there get 403. */
  readonly appLacks = new Set<"contents" | "pull_requests">();
  /** The repository's installation: the one deliveries carry. */
  readonly installationId = 1;
  /** Installations 1..n can have tokens made (a server's many installations, for load). */
  readonly installations: number;
  readonly appId = 900_001;
  readonly repoId = 800_001;
  readonly htmlUrl = "https://github.com";
  apiUrl = "";
  readonly startedAt: string;
  pushedAt: string;

  readonly users = new Map<string, UserRecord>();
  readonly labels: LabelRecord[] = [];
  /** Files of the owner's `.github` repository (where org-wide config lives), by path. */
  readonly orgFiles = new Map<string, string>();
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly events = new Map<number, EventRecord>();
  readonly reactions = new Map<number, ReactionRecord>();
  readonly pulls = new Map<number, PullRecord>();
  readonly git = new GitStore();
  readonly tokens = new Map<string, string>();
  /** The installation each installation token was made for. */
  readonly tokenInstallations = new Map<string, number>();
  deliveries: Delivery[] = [];
  deliveriesTaken = 0;

  private readonly counters = new Map<IdKind, number>();
  private issueNumbers = 0;

  constructor(opts: StateOptions) {
    this.clock = opts.clock;
    this.owner = opts.owner;
    this.repo = opts.repo;
    this.appSlug = opts.appSlug;
    this.installations = opts.installations ?? 1;
    this.botLogin = `${opts.appSlug}[bot]`;
    this.startedAt = this.now();
    this.pushedAt = this.startedAt;
    this.addUser(opts.owner, "Organization");
    this.addUser(this.botLogin, "Bot");
    const readme = this.git.putBlob(Buffer.from(`# ${opts.repo}\n`));
    const tree = this.git.buildTree(undefined, [
      { path: "README.md", mode: "100644", type: "blob", sha: readme },
    ]);
    const sig = this.signature(opts.owner);
    const commit = this.git.putCommit({
      tree,
      parents: [],
      message: "Initial commit",
      author: sig,
      committer: sig,
    });
    this.git.refs.set(`refs/heads/${this.defaultBranch}`, commit);
  }

  now(): string {
    return isoSeconds(this.clock());
  }

  nextId(kind: IdKind): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return ID_BASE[kind] + n;
  }

  nodeId(prefix: string, id: number): string {
    return `${prefix}kwDOSIM${id.toString(36).toUpperCase()}`;
  }

  // ---- users and permissions ----

  /** A `[bot]` login is always an app's bot account on GitHub (people can't use brackets). */
  addUser(login: string, type: UserType = login.endsWith("[bot]") ? "Bot" : "User"): UserRecord {
    const key = login.toLowerCase();
    let u = this.users.get(key);
    if (!u) {
      const id = this.nextId("user");
      const prefix = type === "Bot" ? "BOT_" : type === "Organization" ? "O_" : "U_";
      u = { login, id, nodeId: this.nodeId(prefix, id), type };
      this.users.set(key, u);
    }
    return u;
  }

  findUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  /** A user record; unknown logins are created (ghost-like) so rendering never fails. */
  user(login: string): UserRecord {
    return this.findUser(login) ?? this.addUser(login);
  }

  /** The role of a login on the repository. The bot acts with write access. */
  level(login: string): PermissionLevel {
    const u = this.findUser(login);
    if (!u) return "none";
    if (u.type === "Bot") return "write";
    if (u.type === "Organization") return "admin";
    return u.permission ?? "none";
  }

  rank(login: string): number {
    return LEVEL_RANK[this.level(login)];
  }

  // ---- tokens ----

  /** A token acting as `login` (stable: the same login always gets the same token). */
  tokenFor(login: string): string {
    for (const [token, who] of this.tokens)
      if (who.toLowerCase() === login.toLowerCase() && token.startsWith("ghp_")) return token;
    const token = `ghp_sim${this.nextId("token")}_${login.replace(/[^A-Za-z0-9]/g, "")}`;
    this.tokens.set(token, login);
    return token;
  }

  /** A fresh installation token acting as the bot, for one installation (default the
   * repository's). */
  issueBotToken(installation = this.installationId): string {
    const token = `ghs_sim${this.nextId("token")}`;
    this.tokens.set(token, this.botLogin);
    this.tokenInstallations.set(token, installation);
    return token;
  }

  // ---- lookups ----

  labelById(id: number): LabelRecord {
    const l = this.labels.find((x) => x.id === id);
    if (!l) throw new Error(`label ${id} vanished`);
    return l;
  }

  labelByName(name: string): LabelRecord | undefined {
    const key = name.toLowerCase();
    return this.labels.find((l) => l.name.toLowerCase() === key);
  }

  commentsOf(issueNumber: number): CommentRecord[] {
    const issue = this.issues.get(issueNumber);
    if (!issue) return [];
    return issue.timeline.filter((t) => t.kind === "comment").map((t) => this.comments.get(t.id)!);
  }

  eventsOf(issueNumber: number): EventRecord[] {
    const issue = this.issues.get(issueNumber);
    if (!issue) return [];
    return issue.timeline.filter((t) => t.kind === "event").map((t) => this.events.get(t.id)!);
  }

  reactionsOf(commentId: number): ReactionRecord[] {
    return [...this.reactions.values()].filter((r) => r.commentId === commentId);
  }

  commitsBetween(base: string, head: string): number {
    const reachable = this.git.ancestors(base);
    return [...this.git.ancestors(head)].filter((c) => !reachable.has(c)).length;
  }

  signature(login: string): Signature {
    const u = this.user(login);
    return {
      name: u.login,
      email: `${u.id}+${u.login}@users.noreply.github.com`,
      date: this.now(),
    };
  }

  // ---- labels ----

  createLabel(name: string, color = "ededed", description: string | null = null): LabelRecord {
    const id = this.nextId("label");
    const l: LabelRecord = {
      id,
      nodeId: this.nodeId("LA_", id),
      name,
      color: color.replace(/^#/, "").toLowerCase(),
      description,
      isDefault: false,
    };
    this.labels.push(l);
    return l;
  }

  /** Existing label by name (case-insensitive), or a new one coloured `ededed` as GitHub does. */
  ensureLabel(name: string): LabelRecord {
    return this.labelByName(name) ?? this.createLabel(name);
  }

  /** Issues and pull requests share one sequence of numbers, as on GitHub. */
  nextIssueNumber(): number {
    return ++this.issueNumbers;
  }
}

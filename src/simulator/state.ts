// The simulated repository's state and the mutations that GitHub performs with side
// effects: issue events on the timeline and webhook deliveries.
import { GitStore, type Signature } from "./git-store.js";
import { LEVEL_RANK, type PermissionLevel } from "./permissions.js";
import { renderComment, renderIssue, renderLabel, renderUser } from "./render.js";
import type { Issue, ReactionContent } from "./shapes.js";
import { deliver, deliverIssue, type Delivery } from "./webhooks.js";

export type UserType = "User" | "Bot" | "Organization";

export interface UserRecord {
  login: string;
  id: number;
  nodeId: string;
  type: UserType;
  /** Role on the repository; undefined for users without access. */
  permission?: PermissionLevel;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export type TimelineRef = { kind: "comment"; id: number } | { kind: "event"; id: number };

export interface IssueRecord {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: number[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  isPull: boolean;
  timeline: TimelineRef[];
  parent?: number;
  subIssues: number[];
}

export interface CommentRecord {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface EventRecord {
  id: number;
  nodeId: string;
  issueNumber: number;
  event: string;
  actor: string;
  createdAt: string;
  label?: { name: string; color: string };
  assignee?: string;
  stateReason?: string | null;
  rename?: { from: string; to: string };
  commitId?: string;
  requestedReviewer?: string;
}

export interface ReactionRecord {
  id: number;
  nodeId: string;
  commentId: number;
  user: string;
  content: ReactionContent;
  createdAt: string;
}

export interface PullRecord {
  number: number;
  id: number;
  nodeId: string;
  head: string;
  base: string;
  /** Last known shas, used when a branch is gone. */
  headSha: string;
  baseSha: string;
  draft: boolean;
  maintainerCanModify: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
}

/** Who a request acts as. */
export type Actor =
  | { kind: "user"; login: string }
  | { kind: "app" }
  | { kind: "anonymous" };

type IdKind = "user" | "label" | "issue" | "comment" | "event" | "reaction" | "pull" | "token";

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
}

/** `2024-05-01T12:00:00Z`: GitHub's timestamps have no milliseconds. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class State {
  clock: () => Date;
  readonly owner: string;
  readonly repo: string;
  readonly appSlug: string;
  readonly botLogin: string;
  defaultBranch = "main";
  /** Branches pushes and contents writes may not update (changes go through pull requests). */
  readonly protectedBranches = new Set<string>();
  /** Installation permissions the App was not granted (`contents`, `pull_requests`): its writes there get 403. */
  readonly appLacks = new Set<"contents" | "pull_requests">();
  readonly installationId = 1;
  readonly appId = 900_001;
  readonly repoId = 800_001;
  readonly htmlUrl = "https://github.com";
  apiUrl = "";
  readonly startedAt: string;
  pushedAt: string;

  readonly users = new Map<string, UserRecord>();
  readonly labels: LabelRecord[] = [];
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly events = new Map<number, EventRecord>();
  readonly reactions = new Map<number, ReactionRecord>();
  readonly pulls = new Map<number, PullRecord>();
  readonly git = new GitStore();
  readonly tokens = new Map<string, string>();
  deliveries: Delivery[] = [];
  deliveriesTaken = 0;

  private readonly counters = new Map<IdKind, number>();
  private nextNumber = 1;

  constructor(opts: StateOptions) {
    this.clock = opts.clock;
    this.owner = opts.owner;
    this.repo = opts.repo;
    this.appSlug = opts.appSlug;
    this.botLogin = `${opts.appSlug}[bot]`;
    this.startedAt = this.now();
    this.pushedAt = this.startedAt;
    this.addUser(opts.owner, "Organization");
    this.addUser(this.botLogin, "Bot");
    const readme = this.git.putBlob(Buffer.from(`# ${opts.repo}\n`));
    const tree = this.git.buildTree(undefined, [{ path: "README.md", mode: "100644", type: "blob", sha: readme }]);
    const sig = this.signature(opts.owner);
    const commit = this.git.putCommit({ tree, parents: [], message: "Initial commit", author: sig, committer: sig });
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

  addUser(login: string, type: UserType = "User"): UserRecord {
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
    for (const [token, who] of this.tokens) if (who.toLowerCase() === login.toLowerCase() && token.startsWith("ghp_")) return token;
    const token = `ghp_sim${this.nextId("token")}_${login.replace(/[^A-Za-z0-9]/g, "")}`;
    this.tokens.set(token, login);
    return token;
  }

  /** A fresh installation token acting as the bot. */
  issueBotToken(): string {
    const token = `ghs_sim${this.nextId("token")}`;
    this.tokens.set(token, this.botLogin);
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
    return { name: u.login, email: `${u.id}+${u.login}@users.noreply.github.com`, date: this.now() };
  }

  // ---- labels ----

  createLabel(name: string, color = "ededed", description: string | null = null): LabelRecord {
    const id = this.nextId("label");
    const l: LabelRecord = { id, nodeId: this.nodeId("LA_", id), name, color: color.replace(/^#/, "").toLowerCase(), description, isDefault: false };
    this.labels.push(l);
    return l;
  }

  /** Existing label by name (case-insensitive), or a new one coloured `ededed` as GitHub does. */
  ensureLabel(name: string): LabelRecord {
    return this.labelByName(name) ?? this.createLabel(name);
  }

  // ---- issues ----

  private record(issue: IssueRecord, actor: string, event: string, extra: Partial<EventRecord> = {}): EventRecord {
    const id = this.nextId("event");
    const e: EventRecord = { id, nodeId: this.nodeId("LE_", id), issueNumber: issue.number, event, actor, createdAt: this.now(), ...extra };
    this.events.set(id, e);
    issue.timeline.push({ kind: "event", id });
    return e;
  }

  private touch(issue: IssueRecord): void {
    issue.updatedAt = this.now();
  }

  createIssue(actor: string, input: { title: string; body: string | null; labels: string[]; assignees: string[] }, isPull = false): IssueRecord {
    const id = this.nextId("issue");
    const now = this.now();
    const issue: IssueRecord = {
      id,
      nodeId: this.nodeId(isPull ? "PR_" : "I_", id),
      number: this.nextNumber++,
      title: input.title,
      body: input.body,
      user: actor,
      state: "open",
      stateReason: null,
      labels: [],
      assignees: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      isPull,
      timeline: [],
      subIssues: [],
    };
    this.issues.set(issue.number, issue);
    if (!isPull) deliverIssue(this, "opened", actor, issue);
    this.addLabels(actor, issue, input.labels);
    this.addAssignees(actor, issue, input.assignees);
    return issue;
  }

  /** Announce a new pull request once its record exists (`pull_request.opened`). */
  openedPull(actor: string, issue: IssueRecord): void {
    deliverIssue(this, "opened", actor, issue);
  }

  editIssue(actor: string, issue: IssueRecord, edit: { title?: string; body?: string | null }): void {
    const changes: Record<string, { from: string | null }> = {};
    if (edit.title !== undefined && edit.title !== issue.title) {
      changes.title = { from: issue.title };
      this.record(issue, actor, "renamed", { rename: { from: issue.title, to: edit.title } });
      issue.title = edit.title;
    }
    if (edit.body !== undefined && edit.body !== issue.body) {
      changes.body = { from: issue.body };
      issue.body = edit.body;
    }
    if (Object.keys(changes).length === 0) return;
    this.touch(issue);
    deliverIssue(this, "edited", actor, issue, { changes });
  }

  addLabels(actor: string, issue: IssueRecord, names: string[]): void {
    for (const name of names) {
      const label = this.ensureLabel(name);
      if (issue.labels.includes(label.id)) continue;
      issue.labels.push(label.id);
      this.touch(issue);
      this.record(issue, actor, "labeled", { label: { name: label.name, color: label.color } });
      deliverIssue(this, "labeled", actor, issue, { label: renderLabel(this, label) });
    }
  }

  removeLabel(actor: string, issue: IssueRecord, label: LabelRecord): void {
    if (!issue.labels.includes(label.id)) return;
    issue.labels = issue.labels.filter((id) => id !== label.id);
    this.touch(issue);
    this.record(issue, actor, "unlabeled", { label: { name: label.name, color: label.color } });
    deliverIssue(this, "unlabeled", actor, issue, { label: renderLabel(this, label) });
  }

  setLabels(actor: string, issue: IssueRecord, names: string[]): void {
    const wanted = names.map((n) => this.ensureLabel(n));
    for (const id of [...issue.labels]) if (!wanted.some((w) => w.id === id)) this.removeLabel(actor, issue, this.labelById(id));
    this.addLabels(actor, issue, wanted.map((w) => w.name));
  }

  addAssignees(actor: string, issue: IssueRecord, logins: string[]): void {
    for (const login of logins) {
      const u = this.findUser(login);
      if (!u || issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) continue;
      if (issue.assignees.length >= 10) break;
      issue.assignees.push(u.login);
      this.touch(issue);
      this.record(issue, actor, "assigned", { assignee: u.login });
      deliverIssue(this, "assigned", actor, issue, { assignee: renderUser(this, u.login) });
    }
  }

  removeAssignees(actor: string, issue: IssueRecord, logins: string[]): void {
    for (const login of logins) {
      const current = issue.assignees.find((a) => a.toLowerCase() === login.toLowerCase());
      if (!current) continue;
      issue.assignees = issue.assignees.filter((a) => a !== current);
      this.touch(issue);
      this.record(issue, actor, "unassigned", { assignee: current });
      deliverIssue(this, "unassigned", actor, issue, { assignee: renderUser(this, current) });
    }
  }

  setAssignees(actor: string, issue: IssueRecord, logins: string[]): void {
    const keep = new Set(logins.map((l) => l.toLowerCase()));
    this.removeAssignees(actor, issue, issue.assignees.filter((a) => !keep.has(a.toLowerCase())));
    this.addAssignees(actor, issue, logins);
  }

  close(actor: string, issue: IssueRecord, reason: string | null, commitId?: string): void {
    if (issue.state === "closed") {
      if (reason && reason !== issue.stateReason) issue.stateReason = reason;
      return;
    }
    const now = this.now();
    issue.state = "closed";
    issue.stateReason = issue.isPull ? null : reason ?? "completed";
    issue.closedAt = now;
    issue.closedBy = actor;
    issue.updatedAt = now;
    const extra: Partial<EventRecord> = { stateReason: issue.stateReason };
    if (commitId) extra.commitId = commitId;
    this.record(issue, actor, "closed", extra);
    deliverIssue(this, "closed", actor, issue);
  }

  reopen(actor: string, issue: IssueRecord): void {
    if (issue.state === "open") return;
    issue.state = "open";
    issue.stateReason = issue.isPull ? null : "reopened";
    issue.closedAt = null;
    issue.closedBy = null;
    this.touch(issue);
    this.record(issue, actor, "reopened", { stateReason: issue.stateReason });
    deliverIssue(this, "reopened", actor, issue);
  }

  recordEvent(issue: IssueRecord, actor: string, event: string, extra: Partial<EventRecord> = {}): EventRecord {
    return this.record(issue, actor, event, extra);
  }

  // ---- comments and reactions ----

  addComment(actor: string, issue: IssueRecord, body: string): CommentRecord {
    const id = this.nextId("comment");
    const now = this.now();
    const c: CommentRecord = { id, nodeId: this.nodeId("IC_", id), issueNumber: issue.number, body, user: actor, createdAt: now, updatedAt: now };
    this.comments.set(id, c);
    issue.timeline.push({ kind: "comment", id });
    this.touch(issue);
    deliver(this, "issue_comment", "created", actor, { issue: this.issuePayload(issue), comment: renderComment(this, c) });
    return c;
  }

  editComment(actor: string, c: CommentRecord, body: string): void {
    const from = c.body;
    c.body = body;
    c.updatedAt = this.now();
    const issue = this.issues.get(c.issueNumber)!;
    deliver(this, "issue_comment", "edited", actor, { changes: { body: { from } }, issue: this.issuePayload(issue), comment: renderComment(this, c) });
  }

  deleteComment(actor: string, c: CommentRecord): void {
    const issue = this.issues.get(c.issueNumber)!;
    const rendered = renderComment(this, c);
    issue.timeline = issue.timeline.filter((t) => !(t.kind === "comment" && t.id === c.id));
    this.comments.delete(c.id);
    for (const r of this.reactionsOf(c.id)) this.reactions.delete(r.id);
    this.touch(issue);
    deliver(this, "issue_comment", "deleted", actor, { issue: this.issuePayload(issue), comment: rendered });
  }

  /** Returns the reaction and whether it is new (201) or already existed (200). */
  react(actor: string, c: CommentRecord, content: ReactionContent): { reaction: ReactionRecord; created: boolean } {
    const existing = this.reactionsOf(c.id).find((r) => r.user.toLowerCase() === actor.toLowerCase() && r.content === content);
    if (existing) return { reaction: existing, created: false };
    const id = this.nextId("reaction");
    const reaction: ReactionRecord = { id, nodeId: this.nodeId("REA_", id), commentId: c.id, user: actor, content, createdAt: this.now() };
    this.reactions.set(id, reaction);
    return { reaction, created: true };
  }

  /** issue_comment payloads carry the issue (with `pull_request` for pull requests). */
  private issuePayload(issue: IssueRecord): Issue {
    return renderIssue(this, issue);
  }
}

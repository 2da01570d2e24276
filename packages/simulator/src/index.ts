// A stateful in-memory GitHub (REST subset) on loopback HTTP, every request checked
// against GitHub's published OpenAPI description. See startSimulator.
import { sharedContract } from "./contract.js";
import { PERMISSION_LEVELS, type PermissionLevel } from "./permissions.js";
import type { Feeds } from "./changes.js";
import { SimulatorServer, type LatencyFn, type RequestLogEntry } from "./server.js";
import {
  renderComment,
  renderEvent,
  renderIssue,
  renderLabel,
  renderPull,
  renderReaction,
} from "./render.js";
import type { Comment, Event, Issue, Label, Pull, Reaction } from "./shapes.js";
import { State } from "./state.js";
import type { Delivery } from "./webhooks.js";
import type { FailMatch, FailOptions } from "./failures.js";
import type { Simulator, SimulatorOptions } from "./simulator.js";

export type {
  Comment,
  Event,
  Issue,
  Label,
  Pull,
  Reaction,
  SimpleUser,
  TimelineItem,
  TimelineComment,
  Repository,
} from "./shapes.js";
export type { Delivery, WebhookEventName, WebhookPayload } from "./webhooks.js";
export type { RequestLogEntry, LatencyFn } from "./server.js";
export type { PermissionLevel } from "./permissions.js";
export type { FailMatch, FailOptions } from "./failures.js";
export { implementedOperations } from "./routes/index.js";
export type { Simulator, SimulatorOptions } from "./simulator.js";

class SimulatorImpl implements Simulator {
  url = "";
  readonly botToken: string;

  constructor(
    private readonly state: State,
    private readonly server: SimulatorServer,
  ) {
    this.botToken = state.issueBotToken();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  clock = (): Date => this.state.clock();

  setClock(fn: () => Date): void {
    this.state.clock = fn;
  }

  tokenFor(login: string): string {
    // Like GitHub, a login ending in `[bot]` is an app's bot account.
    const user = this.state.addUser(login, login.endsWith("[bot]") ? "Bot" : "User");
    if (user.type === "User") user.permission ??= "read";
    return this.state.tokenFor(user.login);
  }

  setPermission(login: string, level: PermissionLevel): void {
    if (!PERMISSION_LEVELS.includes(level))
      throw new Error(`unknown permission level ${String(level)}`);
    this.state.addUser(login).permission = level;
  }

  private issueRecord(n: number) {
    const i = this.state.issues.get(n);
    if (!i) throw new Error(`no issue #${n}`);
    return i;
  }

  issue(n: number): Issue {
    return renderIssue(this.state, this.issueRecord(n));
  }

  comments(n: number): Comment[] {
    this.issueRecord(n);
    return this.state.commentsOf(n).map((c) => renderComment(this.state, c));
  }

  events(n: number): Event[] {
    this.issueRecord(n);
    return this.state.eventsOf(n).map((e) => renderEvent(this.state, e));
  }

  labels(): Label[] {
    return this.state.labels.map((l) => renderLabel(this.state, l));
  }

  reactions(commentId: number): Reaction[] {
    return this.state.reactionsOf(commentId).map((r) => renderReaction(this.state, r));
  }

  file(path: string, ref?: string): string | undefined {
    const { git } = this.state;
    const commit = git.resolve(ref ?? this.state.defaultBranch);
    if (!commit) return undefined;
    const entry = git.lookup(git.commits.get(commit)!.tree, path);
    if (!entry || entry.type !== "blob") return undefined;
    return git.blobs.get(entry.sha)?.toString("utf8");
  }

  pulls(): Pull[] {
    return [...this.state.pulls.values()].map((p) => renderPull(this.state, p));
  }

  subIssues(n: number): Issue[] {
    return this.issueRecord(n).subIssues.map((c) => renderIssue(this.state, this.issueRecord(c)));
  }

  get requests(): RequestLogEntry[] {
    return this.server.requests;
  }

  get violations(): string[] {
    return this.server.violations;
  }

  get deliveries(): Delivery[] {
    return this.state.deliveries;
  }

  takeDeliveries(): Delivery[] {
    const taken = this.state.deliveries.splice(0);
    this.state.deliveriesTaken += taken.length;
    return taken;
  }

  get latency(): LatencyFn {
    return this.server.latency;
  }

  set latency(fn: LatencyFn) {
    this.server.latency = fn;
  }

  failNext(match: FailMatch, opts: FailOptions): void {
    this.server.failRules.push({ method: match.method, path: match.path, ...opts });
  }

  seedOrgFile(path: string, content: string): void {
    this.state.orgFiles.set(path, content);
  }

  seedFile(path: string, content: string, ref?: string): void {
    const branch = (ref ?? this.state.defaultBranch).replace(/^(refs\/)?heads\//, "");
    this.commitFile(this.state.owner, { path, content, branch, message: `Add ${path}` });
  }

  pushFile(login: string, path: string, content: string, branch: string): void {
    const author = this.state.addUser(login).login;
    this.commitFile(author, { path, content, branch, message: `Edit ${path}` });
  }

  /** One file committed to a branch (made from the default branch if new), as `login`. */
  private commitFile(
    login: string,
    c: { path: string; content: string; branch: string; message: string },
  ): void {
    const { state } = this;
    const { git } = state;
    const refName = `refs/heads/${c.branch}`;
    const head = git.refs.get(refName) ?? git.refs.get(`refs/heads/${state.defaultBranch}`)!;
    const blob = git.putBlob(Buffer.from(c.content));
    const tree = git.buildTree(git.commits.get(head)!.tree, [
      { path: c.path, mode: "100644", type: "blob", sha: blob },
    ]);
    const sig = state.signature(login);
    const commit = git.putCommit({
      tree,
      parents: [head],
      message: c.message,
      author: sig,
      committer: sig,
    });
    git.refs.set(refName, commit);
    state.pushedAt = state.now();
  }

  setDefaultBranch(name: string): void {
    const { git } = this.state;
    const old = `refs/heads/${this.state.defaultBranch}`;
    git.refs.set(`refs/heads/${name}`, git.refs.get(old)!);
    git.refs.delete(old);
    this.state.defaultBranch = name;
  }

  protectBranch(name: string): void {
    this.state.protectedBranches.add(name);
  }

  revokeAppPermission(permission: "contents" | "pull_requests"): void {
    this.state.appLacks.add(permission);
  }

  grantAppPermission(permission: "contents" | "pull_requests"): void {
    this.state.appLacks.delete(permission);
  }

  submitIssueForm(login: string, input: { title: string; body: string; labels: string[] }): Issue {
    this.tokenFor(login);
    const issue = this.state.createIssue(login, { ...input, assignees: [] });
    return renderIssue(this.state, issue);
  }

  get feeds(): Feeds {
    return this.state.feeds;
  }

  async createIssueAs(
    login: string,
    input: { title: string; body?: string; labels?: string[] },
  ): Promise<Issue> {
    const res = await fetch(`${this.url}/repos/${this.state.owner}/${this.state.repo}/issues`, {
      method: "POST",
      headers: {
        authorization: `token ${this.tokenFor(login)}`,
        accept: "application/vnd.github+json",
        "content-type": "application/json",
      },
      body: JSON.stringify(input),
    });
    const body: unknown = await res.json();
    if (res.status !== 201)
      throw new Error(`createIssueAs(${login}) failed: ${res.status} ${JSON.stringify(body)}`);
    return body as Issue;
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const state = new State({
    clock: opts.clock ?? (() => new Date()),
    owner: opts.owner ?? "acme",
    repo: opts.repo ?? "shop",
    appSlug: opts.appSlug ?? "hereby",
    installations: opts.installations ?? 1,
  });
  const server = new SimulatorServer(state, sharedContract(), { validate: opts.validate ?? true });
  const sim = new SimulatorImpl(state, server);
  sim.url = await server.listen();
  state.apiUrl = sim.url;
  return sim;
}

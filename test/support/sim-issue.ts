// One issue on the simulated GitHub, as the handler tests see it: people act at a given
// minute of 2026-11-23 (UTC), each action returns the webhook GitHub sends for it, and
// `deliver` hands it to hereby's handlers with the App's identity. The bot's requests
// since `resetLog()` are read back from the simulator's request log.
import type { Playground, Delivery } from "../../packages/simulator/src/demo/playground.js";

export type { Delivery };
import type { RequestLogEntry } from "../../packages/simulator/src/index.js";
import {
  at,
  BOT,
  END,
  HEREBY_LABELS,
  line,
  recordField,
  START,
  start,
  USER_BODY,
  type Role,
} from "./simulated.js";

export { at, expectRequests, postmortemOpening, USER_BODY } from "./simulated.js";

export interface IssueOptions {
  /** `.github/hereby.yml`; null (the default): none, so the org's `.github` is read too. */
  config?: string | null;
  /** `.github/hereby.yml` of the owner's `.github` repository. */
  orgConfig?: string;
  /** Labels the repository has (grey, no description); "all": every hereby label. */
  repoLabels?: "all" | string[];
  issue?: {
    title?: string;
    body?: string;
    author?: string;
    labels?: string[];
    assignees?: string[];
  };
  /** Roles by login; anyone else who acts has `write`. "none": no access at all. */
  permissions?: Record<string, Role | "none">;
}

type Json = Record<string, unknown>;

/** The id of the comment a delivery is about. */
/** The same delivery again (GitHub's "Redeliver"): same id, same payload. */
export const redelivery = (event: Delivery): Delivery => structuredClone(event);

export const idOf = (event: Delivery): number =>
  (event.payload as { comment: { id: number } }).comment.id;

export class SimIssue {
  /** The deliveries hereby's own writes caused, each handed over after the step. */
  readonly own: Delivery[] = [];
  private from = 0;
  private readonly known = new Set<string>();

  private constructor(
    readonly pg: Playground,
    readonly n: number,
    private readonly permissions: Record<string, Role | "none">,
  ) {}

  /** Issue #n opened at 14:00 by its author, before hereby was installed (its own
   * delivery is not handed over). */
  static async open(options: IssueOptions = {}): Promise<SimIssue> {
    const pg = await start(options.config ?? null);
    if (options.orgConfig !== undefined)
      pg.sim.seedOrgFile(".github/hereby.yml", options.orgConfig);
    const perms = options.permissions ?? {};
    const probe = new SimIssue(pg, 0, perms);
    const author = options.issue?.author ?? "alice";
    for (const login of [author, "alice", ...(options.issue?.assignees ?? [])]) probe.person(login);
    const labels =
      options.repoLabels === undefined || options.repoLabels === "all"
        ? HEREBY_LABELS
        : options.repoLabels;
    for (const name of labels)
      await pg
        .as("alice")
        .rest.issues.createLabel({ ...pg.repo, name, color: "ededed", description: "" });
    const { data } = await pg.as(author).rest.issues.create({
      ...pg.repo,
      title: options.issue?.title ?? "Checkout is down",
      body: options.issue?.body ?? USER_BODY,
      labels: options.issue?.labels ?? [],
      assignees: options.issue?.assignees ?? [],
    });
    pg.sim.takeDeliveries();
    const issue = new SimIssue(pg, data.number, perms);
    issue.from = pg.sim.requests.length;
    return issue;
  }

  /** A declared, converged incident (alice added the `incident` label at 14:01); the
   * request log starts empty. */
  static async declared(options: IssueOptions = {}): Promise<SimIssue> {
    const issue = await SimIssue.open(options);
    await issue.declare();
    return issue;
  }

  /** alice adds the `incident` label at 14:01 and hereby declares; the log is cleared. */
  async declare(): Promise<void> {
    await this.deliver(await this.addLabel("alice", "incident", 1));
    this.resetLog();
  }

  /** `/repos/acme/shop/issues/N`, for request lines. */
  get path(): string {
    return `/repos/acme/shop/issues/${this.n}`;
  }

  get url(): string {
    return `https://github.com/acme/shop/issues/${this.n}`;
  }

  // ---- what people do (each returns the webhook GitHub sends) ----

  async comment(login: string, text: string, minute: number): Promise<Delivery> {
    this.setMinute(minute);
    await this.client(login).rest.issues.createComment({
      ...this.pg.repo,
      issue_number: this.n,
      body: text,
    });
    return this.take();
  }

  async editComment(id: number, text: string, minute: number): Promise<Delivery> {
    this.setMinute(minute);
    const author = this.pg.sim.comments(this.n).find((c) => c.id === id)?.user?.login ?? "";
    await this.client(author).rest.issues.updateComment({
      ...this.pg.repo,
      comment_id: id,
      body: text,
    });
    return this.take();
  }

  async deleteComment(id: number): Promise<Delivery> {
    const author = this.pg.sim.comments(this.n).find((c) => c.id === id)?.user?.login ?? "";
    await this.client(author).rest.issues.deleteComment({ ...this.pg.repo, comment_id: id });
    return this.take();
  }

  async addLabel(login: string, name: string, minute: number): Promise<Delivery> {
    this.setMinute(minute);
    await this.client(login).rest.issues.addLabels({
      ...this.pg.repo,
      issue_number: this.n,
      labels: [name],
    });
    return this.take();
  }

  async removeLabel(login: string, name: string, minute: number): Promise<Delivery> {
    this.setMinute(minute);
    await this.client(login).rest.issues.removeLabel({
      ...this.pg.repo,
      issue_number: this.n,
      name,
    });
    return this.take();
  }

  async close(
    login: string,
    minute: number,
    reason: "completed" | "not_planned" = "completed",
  ): Promise<Delivery> {
    this.setMinute(minute);
    await this.client(login).rest.issues.update({
      ...this.pg.repo,
      issue_number: this.n,
      state: "closed",
      state_reason: reason,
    });
    return this.take();
  }

  async reopen(login: string, minute: number): Promise<Delivery> {
    this.setMinute(minute);
    await this.client(login).rest.issues.update({
      ...this.pg.repo,
      issue_number: this.n,
      state: "open",
    });
    return this.take();
  }

  async editBody(login: string, text: string, minute: number): Promise<Delivery> {
    this.setMinute(minute);
    await this.client(login).rest.issues.update({
      ...this.pg.repo,
      issue_number: this.n,
      body: text,
    });
    return this.take();
  }

  /** The next comment POST on the issue answers `status`; GitHub created the comment
   * first when `created` (the client saw an error for a write that happened). */
  failNextComment(status: number, created: boolean): void {
    this.pg.sim.failNext(
      { method: "POST", path: new RegExp(`^${this.path}/comments$`) },
      { status, applyFirst: created },
    );
  }

  /** Whether the repository has a `.github/hereby.yml`. */
  get hasConfig(): boolean {
    return this.pg.sim.file(".github/hereby.yml") !== undefined;
  }

  /** Commits a new `.github/hereby.yml` (no request, no webhook). */
  setConfig(text: string): void {
    this.pg.sim.seedFile(".github/hereby.yml", text);
  }

  /** Hands one delivery to hereby as the App would, then the deliveries hereby's own
   * writes cause (which it must ignore). */
  async deliver(event: Delivery): Promise<void> {
    await this.pg.handle(event);
    for (let round = 0; round < 20; round++) {
      const pending = this.pg.sim.takeDeliveries();
      if (pending.length === 0) return;
      const foreign = pending.filter(
        (d) => (d.payload as { sender?: { login?: string } }).sender?.login !== BOT,
      );
      if (foreign.length)
        throw new Error(`a delivery no test step caused: ${foreign.map((d) => d.name).join(", ")}`);
      for (const d of pending) await this.pg.handle(d);
      this.own.push(...pending);
    }
  }

  /** Forgets the requests made so far (the state stays). */
  resetLog(): void {
    this.from = this.pg.sim.requests.length;
  }

  // ---- what was requested ----

  /** The bot's requests since the last resetLog. */
  get requests(): RequestLogEntry[] {
    return this.pg.sim.requests.slice(this.from).filter((r) => r.actor === BOT);
  }

  /** `METHOD path?query` of every request, in order. */
  get lines(): string[] {
    return this.requests.map(line);
  }

  get writes(): RequestLogEntry[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  get patches(): Json[] {
    return this.requests
      .filter((r) => r.method === "PATCH" && r.path === this.path)
      .map((r) => r.body as Json);
  }

  get posted(): string[] {
    return this.requests
      .filter((r) => r.method === "POST" && r.path === `${this.path}/comments`)
      .map((r) => (r.body as { body: string }).body);
  }

  get reacted(): { commentId: number; content: string }[] {
    return this.requests
      .filter((r) => r.method === "POST" && r.path.endsWith("/reactions"))
      .map((r) => ({
        commentId: Number(r.path.split("/")[6]),
        content: (r.body as { content: string }).content,
      }));
  }

  get createdLabels(): { name: string; color: string; description: string }[] {
    return this.requests
      .filter((r) => r.method === "POST" && r.path === "/repos/acme/shop/labels")
      .map((r) => r.body as { name: string; color: string; description: string });
  }

  // ---- what a person sees ----

  get issue() {
    const i = this.pg.sim.issue(this.n);
    return {
      body: i.body ?? null,
      state: i.state,
      state_reason: i.state_reason ?? null,
      labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
      assignees: (i.assignees ?? []).map((a) => a.login),
    };
  }

  get repoLabels() {
    return this.pg.sim.labels();
  }

  /** Comments by any bot on the issue now. */
  get botComments(): string[] {
    return this.pg.sim
      .comments(this.n)
      .filter((c) => c.user?.type === "Bot")
      .map((c) => c.body ?? "");
  }

  commentBody(id: number): string {
    return this.pg.sim.comments(this.n).find((c) => c.id === id)?.body ?? "";
  }

  reactionsOn(id: number): string[] {
    return this.pg.sim.reactions(id).map((r) => r.content);
  }

  /** The managed block in the body now ("" when none). */
  get record(): string {
    const text = this.issue.body ?? "";
    const from = text.lastIndexOf(START);
    if (from < 0) return "";
    const end = text.indexOf(END, from);
    return end < 0 ? "" : text.slice(from, end + END.length);
  }

  /** Timeline rows of the record: `| time | text [↗](url) | by |`. */
  get recordTimeline(): string[] {
    const record = this.record;
    return record
      .slice(record.indexOf("| Time (UTC) | Entry | By |"))
      .split("\n")
      .slice(2)
      .filter((l) => l.startsWith("| ") && !l.startsWith("| —"));
  }

  /** A `| **Name** | value |` row of the record's table. */
  field(name: string): string | undefined {
    return this.record ? recordField(this.record, name) : undefined;
  }

  // ---- plumbing ----

  private setMinute(minute: number): void {
    const target = Date.parse(at(minute));
    this.pg.advance((target - this.pg.clock().getTime()) / 60_000);
  }

  /** A person's client; anyone not given a role acts with `write`, as a team member would. */
  private client(login: string) {
    if (login === BOT) return this.pg.bot;
    this.person(login);
    return this.pg.as(login);
  }

  private person(login: string): void {
    if (this.known.has(login)) return;
    this.known.add(login);
    this.pg.sim.setPermission(login, this.permissions[login] ?? "write");
  }

  private take(): Delivery {
    const taken = this.pg.sim.takeDeliveries();
    if (taken.length !== 1)
      throw new Error(
        `expected one delivery for the step, got ${taken.map((d) => d.name).join(", ")}`,
      );
    return taken[0]!;
  }
}

/** What declaring reads to offer the changes around the incident (three hours back from
 * the declaration at `hhmm` on the test day): the first page of each list. */
export function changeReads(hhmm: string, repo = "acme/shop"): string[] {
  const [h, m] = hhmm.split(":").map(Number);
  const since = `2026-11-23T${String(h! - 3).padStart(2, "0")}%3A${String(m).padStart(2, "0")}%3A00Z`;
  return [
    `GET /repos/${repo}/deployments?per_page=30`,
    `GET /repos/${repo}/releases?per_page=30`,
    `GET /repos/${repo}/pulls?state=closed&sort=updated&direction=desc&per_page=50`,
    `GET /repos/${repo}/actions/runs?status=failure&created=%3E%3D${since}&per_page=50&exclude_pull_requests=true`,
  ];
}

// What a test holds: the simulated GitHub's URL and tokens, its state rendered as GitHub's REST
// objects, and what happens outside the API (a git push, a branch renamed, a permission
// changed). startSimulator (index.ts) makes one.
import type { Feeds } from "./changes.js";
import type { FailMatch, FailOptions } from "./failures.js";
import type { PermissionLevel } from "./permissions.js";
import type { LatencyFn, RequestLogEntry } from "./server.js";
import type { Comment, Event, Issue, Label, Pull, Reaction } from "./shapes.js";
import type { Delivery } from "./webhooks.js";

export interface SimulatorOptions {
  /** Source of every timestamp (created_at, updated_at, closed_at, event times). Default: wall
   * clock. */
  clock?: () => Date;
  /** Default "acme". */
  owner?: string;
  /** Default "shop". */
  repo?: string;
  /** Default "hereby": the bot is `<appSlug>[bot]`. */
  appSlug?: string;
  /** Check every request against GitHub's description (default true). */
  validate?: boolean;
  /** Installations of the App (ids 1..n) that can be given tokens, all on the one
   * repository; deliveries carry installation 1. Default 1. A server under load is
   * measured over many, so no one installation's write throttle is what is measured. */
  installations?: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`: the Octokit `baseUrl` / `GITHUB_API_URL`. `/api/v3` works too. */
  readonly url: string;
  close(): Promise<void>;
  clock: () => Date;
  setClock(fn: () => Date): void;
  /** A token acting as this user (type User, or Bot for a `…[bot]` login); creates the
   * user, with read access unless set otherwise. */
  tokenFor(login: string): string;
  /** Acts as `<appSlug>[bot]` (type Bot), with write access. */
  readonly botToken: string;
  /** Gives (or takes away, with "none") a role on the repository; creates the user. */
  setPermission(login: string, level: PermissionLevel): void;

  issue(n: number): Issue;
  comments(n: number): Comment[];
  events(n: number): Event[];
  labels(): Label[];
  reactions(commentId: number): Reaction[];
  file(path: string, ref?: string): string | undefined;
  pulls(): Pull[];
  subIssues(n: number): Issue[];

  /** Every request, in arrival order. */
  readonly requests: RequestLogEntry[];
  /** Contract failures and simulator gaps; tests assert it is empty. */
  readonly violations: string[];
  /** Webhooks GitHub would have sent, in order. */
  readonly deliveries: Delivery[];
  takeDeliveries(): Delivery[];
  /** Delay before handling each request (ms, or a promise to await). Default 0. */
  latency: LatencyFn;
  /** The next request matching answers `status` (once). */
  failNext(match: FailMatch, opts: FailOptions): void;
  /** Commit a file directly (no request, no webhook), e.g. `.github/hereby.yml`. */
  seedFile(path: string, content: string, ref?: string): void;
  /** Commit a file to the owner's `.github` repository (served raw to GET contents only). */
  seedOrgFile(path: string, content: string): void;
  /** A person's `git push` of one file to a branch (created from the default branch if new);
   * no request. */
  pushFile(login: string, path: string, content: string, branch: string): void;
  /** Renames the default branch (GitHub's "rename branch" on the default one). */
  setDefaultBranch(name: string): void;
  /** Protects a branch: pushes and contents writes to it are refused, pull requests merge. */
  protectBranch(name: string): void;
  /** Installs the App without this permission: its writes there answer 403. */
  revokeAppPermission(permission: "contents" | "pull_requests"): void;
  /** Grants it again (an owner accepted the App's new permissions). */
  grantAppPermission(permission: "contents" | "pull_requests"): void;
  /** Submits an issue form (a `.github/ISSUE_TEMPLATE/*.yml` with `labels:`) as `login`:
   * as on GitHub, the form's labels are applied whatever the submitter's access. */
  submitIssueForm(login: string, input: { title: string; body: string; labels: string[] }): Issue;
  /** Deployments, releases and workflow runs (changes.ts): each delivers its webhook. */
  readonly feeds: Feeds;
  /** Opens an issue through the same HTTP path a user would use. */
  createIssueAs(
    login: string,
    input: { title: string; body?: string; labels?: string[] },
  ): Promise<Issue>;
}

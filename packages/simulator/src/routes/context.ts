// What a route handler gets and returns, GitHub-style errors, reading request bodies
// without `any`, and pagination with `Link` headers.
import { LEVEL_RANK, type PermissionLevel } from "../permissions.js";
import type { IssueRecord, State } from "../state.js";

export interface RouteContext {
  state: State;
  /** The acting login (`alice`, `hereby[bot]`), or undefined for the app's JWT. */
  login: string | undefined;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** `http://127.0.0.1:PORT` plus `/api/v3` when the request used that prefix. */
  base: string;
  /** Path as requested (without prefix and query), for pagination links. */
  path: string;
  /** The request's `Accept` header (media types such as `application/vnd.github.raw`). */
  accept: string;
  /** True when the request authenticated as the app itself (a JWT). */
  asApp: boolean;
}

export interface RouteResult {
  status: number;
  /** JSON-serialised, unless a Buffer (sent as is with the content-type from `headers`). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RouteContext) => RouteResult;

export const DOCS = "https://docs.github.com/rest";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === "string" ? body.message : String(status));
  }
}

export function notFound(): HttpError {
  return new HttpError(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
}

export function forbidden(message = "Must have push access to repository"): HttpError {
  return new HttpError(403, { message, documentation_url: DOCS, status: "403" });
}

export function validationFailed(
  errors: Record<string, unknown>[],
  message = "Validation Failed",
): HttpError {
  return new HttpError(422, { message, errors, documentation_url: DOCS, status: "422" });
}

export function ok(body: unknown, status = 200): RouteResult {
  return { status, body };
}

export function created(body: unknown, location?: string): RouteResult {
  return location ? { status: 201, body, headers: { location } } : { status: 201, body };
}

export function noContent(): RouteResult {
  return { status: 204 };
}

// ---- acting user ----

/** The acting login; the app's JWT cannot act on a repository. */
export function actor(ctx: RouteContext): string {
  if (ctx.login === undefined) throw forbidden("Resource not accessible by integration");
  return ctx.login;
}

/** Requires a role; without read access the private repository does not exist (404). */
export function requireLevel(ctx: RouteContext, level: PermissionLevel): string {
  const login = actor(ctx);
  const rank = ctx.state.rank(login);
  if (rank < LEVEL_RANK.read) throw notFound();
  if (rank < LEVEL_RANK[level]) throw forbidden();
  return login;
}

/** The App's installation lacks this permission: GitHub answers its writes with 403. */
export function requireAppPermission(
  ctx: RouteContext,
  permission: "contents" | "pull_requests",
): void {
  if (ctx.login === ctx.state.botLogin && ctx.state.appLacks.has(permission))
    throw forbidden("Resource not accessible by integration");
}

/** A protected branch takes changes through pull requests only. */
export function requireUnprotected(ctx: RouteContext, branch: string): void {
  if (ctx.state.protectedBranches.has(branch)) {
    throw validationFailed(
      [],
      `Protected branch update failed for refs/heads/${branch}.` +
        " Changes must be made through a pull request.",
    );
  }
}

export function hasLevel(ctx: RouteContext, level: PermissionLevel): boolean {
  return ctx.login !== undefined && ctx.state.rank(ctx.login) >= LEVEL_RANK[level];
}

// ---- path parameters ----

export function intParam(ctx: RouteContext, name: string): number {
  const raw = ctx.params[name] ?? "";
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

export function issueParam(ctx: RouteContext): IssueRecord {
  const issue = ctx.state.issues.get(intParam(ctx, "issue_number"));
  if (!issue) throw notFound();
  return issue;
}

// ---- bodies (checked against the schema already when validation is on) ----

export function field(body: unknown, key: string): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  return (body as Record<string, unknown>)[key];
}

export function has(body: unknown, key: string): boolean {
  return field(body, key) !== undefined;
}

export function optString(body: unknown, key: string): string | undefined {
  const v = field(body, key);
  if (v === undefined) return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw invalidField(key, v);
  return v;
}

export function optNullableString(body: unknown, key: string): string | null | undefined {
  const v = field(body, key);
  return v === null ? null : optString(body, key);
}

export function reqString(body: unknown, key: string): string {
  const v = optString(body, key);
  if (v === undefined)
    throw validationFailed([{ resource: "Body", field: key, code: "missing_field" }]);
  return v;
}

export function optBool(body: unknown, key: string): boolean | undefined {
  const v = field(body, key);
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw invalidField(key, v);
  return v;
}

export function optInt(body: unknown, key: string): number | undefined {
  const v = field(body, key);
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw invalidField(key, v);
  return v;
}

/** A list of names given as strings or `{ name }` / `{ login }` objects. */
export function nameList(value: unknown, key: "name" | "login", fieldName: string): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item === "string") return item;
    const name = field(item, key);
    if (typeof name === "string") return name;
    throw invalidField(fieldName, item);
  });
}

function invalidField(key: string, value: unknown): HttpError {
  return validationFailed([{ resource: "Body", field: key, code: "invalid", value }]);
}

// ---- pagination ----

export function pageParams(ctx: RouteContext): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? "30") || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? "1") || 1);
  return { perPage, page };
}

/** One page of `items`, with GitHub's `Link` header (first/prev/next/last). */
export function paginate<T>(ctx: RouteContext, items: T[]): RouteResult {
  const { perPage, page } = pageParams(ctx);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(ctx.query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${ctx.base}${ctx.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"));
  if (page < last) links.push(link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return links.length
    ? { status: 200, body: slice, headers: { link: links.join(", ") } }
    : { status: 200, body: slice };
}

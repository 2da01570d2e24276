// The HTTP side: loopback server, `/api/v3` prefix, authentication, the contract check,
// injected latency and failures, dispatch to the route handlers, and the request log.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { etagOf, matches } from "./conditional.js";
import type { Contract } from "./contract.js";
import { DOCS, HttpError, type Handler, type RouteContext, type RouteResult } from "./routes/context.js";
import { routes } from "./routes/index.js";
import { changeRoutes, siblingRoutes } from "./routes/changes.js";
import type { Actor, State } from "./state.js";

export interface RequestLogEntry {
  method: string;
  /** Path without the `/api/v3` prefix and without the query string. */
  path: string;
  /** The query string, with its `?`, or "". */
  query: string;
  operationId?: string;
  /** 0 while the request is still being handled. */
  status: number;
  /** The acting login; `"<slug> (app JWT)"` for the app itself, `"(anonymous)"` without credentials. */
  actor: string;
  /** The installation whose token made the request (installation tokens only). */
  installation?: number;
  body?: unknown;
}

export interface FailRule {
  method: string;
  path: RegExp;
  status: number;
  applyFirst: boolean;
  /** GitHub's `message` (default: the status's name). */
  message?: string;
  /** Headers the failure carries, such as a rate limit's `retry-after`. */
  headers?: Record<string, string>;
}

export type LatencyFn = (req: { method: string; path: string }) => number | Promise<void>;

export interface ServerOptions {
  validate: boolean;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function errorResult(status: number, message: string, extra: Record<string, unknown> = {}): RouteResult {
  return { status, body: { message, ...extra, documentation_url: DOCS, status: String(status) } };
}

/** An injected failure's answer: its status, GitHub's message, and its headers. */
const failed = (r: FailRule): RouteResult => ({
  ...errorResult(r.status, r.message ?? STATUS_CODES[r.status] ?? "Server Error"),
  ...(r.headers ? { headers: r.headers } : {}),
});

export class SimulatorServer {
  readonly requests: RequestLogEntry[] = [];
  readonly violations: string[] = [];
  readonly failRules: FailRule[] = [];
  latency: LatencyFn = () => 0;
  private server: Server | undefined;
  private requestCount = 0;

  constructor(
    private readonly state: State,
    private readonly contract: Contract,
    private readonly options: ServerOptions,
  ) {}

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`simulator crashed on ${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Server Error" }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private authenticate(header: string | undefined): { actor: Actor; error?: string } {
    if (!header) return { actor: { kind: "anonymous" } };
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
    if (!m) return { actor: { kind: "anonymous" }, error: "Bad credentials" };
    const token = m[1]!;
    const login = this.state.tokens.get(token);
    if (login) return { actor: { kind: "user", login } };
    if (JWT.test(token)) return { actor: { kind: "app" } };
    return { actor: { kind: "anonymous" }, error: "Bad credentials" };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = url.pathname;
    let prefix = "";
    if (path === "/api/v3" || path.startsWith("/api/v3/")) {
      prefix = "/api/v3";
      path = path.slice(prefix.length) || "/";
    }
    const raw = await readBody(req);
    const auth = this.authenticate(req.headers.authorization);
    const actorName =
      auth.actor.kind === "user" ? auth.actor.login : auth.actor.kind === "app" ? `${this.state.appSlug} (app JWT)` : "(anonymous)";
    const entry: RequestLogEntry = { method, path, query: url.search, status: 0, actor: actorName };
    const installation = this.state.tokenInstallations.get(/\S+$/.exec(req.headers.authorization ?? "")?.[0] ?? "");
    if (installation !== undefined) entry.installation = installation;
    this.requests.push(entry);

    let body: unknown;
    let result: RouteResult | undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
        entry.body = body;
      } catch {
        this.violations.push(`${method} ${path}: request body is not JSON`);
        result = errorResult(400, "Problems parsing JSON");
      }
    }

    const delay = this.latency({ method, path });
    if (typeof delay === "number") {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    } else {
      await delay;
    }

    result ??= this.dispatch({ method, path, prefix, query: url.searchParams, body, req, auth, entry });
    entry.status = result.status;
    this.send(res, result, method === "GET" ? { ifNoneMatch: req.headers["if-none-match"], accept: String(req.headers.accept ?? ""), caller: actorName } : undefined);
    if (res.statusCode === 304) entry.status = 304;
  }

  private dispatch(r: {
    method: string;
    path: string;
    prefix: string;
    query: URLSearchParams;
    body: unknown;
    req: IncomingMessage;
    auth: { actor: Actor; error?: string };
    entry: RequestLogEntry;
  }): RouteResult {
    const { method, path } = r;
    const matched = this.contract.match(method, path);
    if (matched) r.entry.operationId = matched.operationId;

    const failure = this.contract.check({ method, path, query: r.query, body: r.body }, matched);
    if (failure && this.options.validate) {
      this.violations.push(...failure.violations);
      return failure.status === 404
        ? errorResult(404, "Not Found")
        : errorResult(422, "Validation Failed", { errors: failure.errors });
    }
    if (!matched) return errorResult(404, "Not Found");
    const handler = routes[matched.operationId];
    if (!handler) {
      this.violations.push(`${method} ${path}: simulator does not implement ${matched.operationId}`);
      return errorResult(404, "Not Found");
    }

    if (r.auth.error) return errorResult(401, r.auth.error);
    if (r.auth.actor.kind === "anonymous") return errorResult(401, "Requires authentication");
    const { owner, repo } = matched.params;
    if (owner !== undefined && owner.toLowerCase() !== this.state.owner.toLowerCase()) return errorResult(404, "Not Found");
    if (repo?.toLowerCase() === ".github" && matched.operationId === "repos/get-content") return this.orgFile(matched.params.path ?? "");
    const sibling = repo !== undefined && repo.toLowerCase() !== this.state.repo.toLowerCase();
    // A sibling repository answers only its lists of changes.
    const route = sibling ? (siblingRoutes[matched.operationId] ?? (changeRoutes[matched.operationId] && this.state.feeds.feed(repo) ? handler : undefined)) : handler;
    if (!route) return errorResult(404, "Not Found");

    const ctx: RouteContext = {
      state: this.state,
      login: r.auth.actor.kind === "user" ? r.auth.actor.login : undefined,
      asApp: r.auth.actor.kind === "app",
      params: matched.params,
      query: r.query,
      body: r.body,
      base: `http://${r.req.headers.host ?? "127.0.0.1"}${r.prefix}`,
      path,
      accept: String(r.req.headers.accept ?? ""),
    };

    const ruleIndex = this.failRules.findIndex((f) => f.method.toUpperCase() === method && f.path.test(path));
    const rule = ruleIndex >= 0 ? this.failRules.splice(ruleIndex, 1)[0] : undefined;
    if (rule && !rule.applyFirst) return failed(rule);

    const result = this.invoke(route, ctx, matched.operationId);
    if (!result) return errorResult(500, "Server Error");
    // applyFirst: GitHub did the work, but the client sees the failure.
    if (rule) return failed(rule);
    return result;
  }

  /** A file of the owner's `.github` repository, raw (the only way config loaders read it). */
  private orgFile(path: string): RouteResult {
    const text = this.state.orgFiles.get(decodeURIComponent(path));
    if (text === undefined) return errorResult(404, "Not Found");
    return { status: 200, body: Buffer.from(text), headers: { "content-type": "application/vnd.github.raw; charset=utf-8" } };
  }

  /** Run a route; its HttpErrors are answers, anything else is a simulator bug (undefined). */
  private invoke(handler: Handler, ctx: RouteContext, operationId: string): RouteResult | undefined {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, body: error.body };
      this.violations.push(`simulator bug in ${operationId}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  }

  /** `get`: a GET's validators; its 200 gets an ETag, and a matching If-None-Match a 304. */
  private send(res: ServerResponse, result: RouteResult, get?: { ifNoneMatch: string | undefined; accept: string; caller: string }): void {
    const reset = Math.floor(this.state.clock().getTime() / 1000) + 3600;
    const headers: Record<string, string> = {
      "x-github-media-type": "github.v3; format=json",
      "x-github-request-id": `SIM:${(++this.requestCount).toString(16).toUpperCase()}`,
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(reset),
      "x-ratelimit-used": "1",
      "x-ratelimit-resource": "core",
      ...result.headers,
    };
    if (result.status === 204 || result.body === undefined) {
      res.writeHead(result.status, headers);
      res.end();
      return;
    }
    const payload = Buffer.isBuffer(result.body) ? result.body : Buffer.from(JSON.stringify(result.body));
    if (get && result.status === 200) {
      const etag = etagOf(payload, get.accept, get.caller);
      headers["etag"] = etag;
      if (matches(get.ifNoneMatch, etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    headers["content-type"] ??= "application/json; charset=utf-8";
    headers["content-length"] = String(payload.length);
    res.writeHead(result.status, headers);
    res.end(payload);
  }
}

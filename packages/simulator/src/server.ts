// The HTTP side: loopback server, `/api/v3` prefix, the contract check, injected latency
// and failures, dispatch to the route handlers, and the request log. Who is calling is
// credentials.ts; how an answer goes on the wire is response.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Contract, MatchedOperation } from "./contract.js";
import { authenticate, unauthenticated, type Caller } from "./credentials.js";
import { failureAnswer, takeFailRule, type FailRule } from "./failures.js";
import { errorResult, writeAnswer, type GetValidators } from "./response.js";
import { HttpError, type Handler, type RouteContext, type RouteResult } from "./routes/context.js";
import { routes } from "./routes/index.js";
import { changeRoutes, siblingRoutes } from "./routes/changes.js";
import type { State } from "./state.js";

export interface RequestLogEntry {
  method: string;
  /** Path without the `/api/v3` prefix and without the query string. */
  path: string;
  /** The query string, with its `?`, or "". */
  query: string;
  operationId?: string;
  /** 0 while the request is still being handled. */
  status: number;
  /** The acting login; `"<slug> (app JWT)"` for the app itself, `"(anonymous)"` without
   * credentials. */
  actor: string;
  /** The installation whose token made the request (installation tokens only). */
  installation?: number;
  body?: unknown;
}

export type LatencyFn = (req: { method: string; path: string }) => number | Promise<void>;

export interface ServerOptions {
  validate: boolean;
}

/** One request as dispatch sees it: parsed, authenticated and logged. */
interface Request {
  method: string;
  path: string;
  /** `/api/v3` when the request used GitHub Enterprise's prefix, else "". */
  prefix: string;
  query: URLSearchParams;
  body: unknown;
  req: IncomingMessage;
  caller: Caller;
  entry: RequestLogEntry;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The path without GitHub Enterprise's `/api/v3` prefix, and the prefix it had. */
function splitPrefix(pathname: string): { prefix: string; path: string } {
  if (pathname !== "/api/v3" && !pathname.startsWith("/api/v3/")) {
    return { prefix: "", path: pathname };
  }
  return { prefix: "/api/v3", path: pathname.slice("/api/v3".length) || "/" };
}

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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const { prefix, path } = splitPrefix(url.pathname);
    const raw = await readBody(req);
    const caller = authenticate(this.state, req.headers.authorization);
    const entry: RequestLogEntry = {
      method,
      path,
      query: url.search,
      status: 0,
      actor: caller.name,
    };
    if (caller.installation !== undefined) entry.installation = caller.installation;
    this.requests.push(entry);

    const parsed = this.parseBody(raw, entry);
    await this.delay(method, path);
    const query = url.searchParams;
    const result =
      parsed.invalid ??
      this.dispatch({ method, path, prefix, query, body: parsed.body, req, caller, entry });
    entry.status = result.status;
    const get =
      method === "GET"
        ? {
            ifNoneMatch: req.headers["if-none-match"],
            accept: String(req.headers.accept ?? ""),
            caller: caller.name,
          }
        : undefined;
    this.send(res, result, get);
    if (res.statusCode === 304) entry.status = 304;
  }

  /** The answer on the wire, numbered as GitHub's request ids are, at the simulator's time.
   * (bench/cpu.ts meters dispatch and send: the simulator's synchronous answer path.) */
  private send(res: ServerResponse, result: RouteResult, get: GetValidators | undefined): void {
    const requestNumber = ++this.requestCount;
    writeAnswer(res, result, { now: this.state.clock(), requestNumber, get });
  }

  /** The request's JSON body (logged), or GitHub's 400 for one that isn't JSON. */
  private parseBody(
    raw: Buffer,
    entry: RequestLogEntry,
  ): { body?: unknown; invalid?: RouteResult } {
    if (raw.length === 0) return {};
    try {
      entry.body = JSON.parse(raw.toString("utf8"));
      return { body: entry.body };
    } catch {
      this.violations.push(`${entry.method} ${entry.path}: request body is not JSON`);
      return { invalid: errorResult(400, "Problems parsing JSON") };
    }
  }

  /** The test's injected latency for this request: milliseconds, or a promise to await. */
  private async delay(method: string, path: string): Promise<void> {
    const delay = this.latency({ method, path });
    if (typeof delay !== "number") await delay;
    else if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  }

  /** The contract check, then who may call, then the route on the right repository. */
  private dispatch(r: Request): RouteResult {
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
    if (!routes[matched.operationId]) {
      this.violations.push(
        `${method} ${path}: simulator does not implement ${matched.operationId}`,
      );
      return errorResult(404, "Not Found");
    }
    const refusal = unauthenticated(r.caller);
    if (refusal) return errorResult(401, refusal);
    return this.answer(r, matched);
  }

  /** The route's answer, or a test's injected failure before or after the route's work. */
  private answer(r: Request, matched: MatchedOperation): RouteResult {
    const { owner, repo } = matched.params;
    if (owner !== undefined && owner.toLowerCase() !== this.state.owner.toLowerCase())
      return errorResult(404, "Not Found");
    if (repo?.toLowerCase() === ".github" && matched.operationId === "repos/get-content")
      return this.orgFile(matched.params.path ?? "");
    const route = this.routeFor(matched.operationId, repo);
    if (!route) return errorResult(404, "Not Found");

    const rule = takeFailRule(this.failRules, r.method, r.path);
    if (rule && !rule.applyFirst) return failureAnswer(rule);
    const result = this.invoke(route, this.contextOf(r, matched), matched.operationId);
    if (!result) return errorResult(500, "Server Error");
    // applyFirst: GitHub did the work, but the client sees the failure.
    if (rule) return failureAnswer(rule);
    return result;
  }

  /** The simulated repository answers every route; a sibling only its lists of changes. */
  private routeFor(operationId: string, repo: string | undefined): Handler | undefined {
    const handler = routes[operationId];
    if (repo === undefined || repo.toLowerCase() === this.state.repo.toLowerCase()) return handler;
    return (
      siblingRoutes[operationId] ??
      (changeRoutes[operationId] && this.state.feeds.feed(repo) ? handler : undefined)
    );
  }

  private contextOf(r: Request, matched: MatchedOperation): RouteContext {
    const { actor } = r.caller;
    return {
      state: this.state,
      login: actor.kind === "user" ? actor.login : undefined,
      asApp: actor.kind === "app",
      params: matched.params,
      query: r.query,
      body: r.body,
      base: `http://${r.req.headers.host ?? "127.0.0.1"}${r.prefix}`,
      path: r.path,
      accept: String(r.req.headers.accept ?? ""),
    };
  }

  /** A file of the owner's `.github` repository, raw (the only way config loaders read it). */
  private orgFile(path: string): RouteResult {
    const text = this.state.orgFiles.get(decodeURIComponent(path));
    if (text === undefined) return errorResult(404, "Not Found");
    return {
      status: 200,
      body: Buffer.from(text),
      headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
    };
  }

  /** Run a route; its HttpErrors are answers, anything else is a simulator bug (undefined). */
  private invoke(
    handler: Handler,
    ctx: RouteContext,
    operationId: string,
  ): RouteResult | undefined {
    try {
      return handler(ctx);
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, body: error.body };
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.violations.push(`simulator bug in ${operationId}: ${detail}`);
      return undefined;
    }
  }
}

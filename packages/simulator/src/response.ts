// An answer on the wire, as GitHub sends it: its rate-limit and request-id headers, a JSON
// or raw body, GitHub's error shape, and conditional requests. Every successful GET carries
// a weak ETag of its representation (the body, as the media type and the caller see it:
// GitHub's `Vary: Accept, Authorization`), and a GET whose `If-None-Match` names the current
// ETag is answered `304 Not Modified` with no body. A 304 doesn't count against the rate limit.
import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { DOCS, type RouteResult } from "./routes/context.js";

/** GitHub's error body: its message, any details, and where its documentation is. */
export function errorResult(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): RouteResult {
  return { status, body: { message, ...extra, documentation_url: DOCS, status: String(status) } };
}

/** What a GET's answer is validated against: `If-None-Match`, and who sees which media type. */
export interface GetValidators {
  ifNoneMatch: string | undefined;
  accept: string;
  caller: string;
}

/** Writes `result`; a GET's 200 gets an ETag, and a matching If-None-Match a 304. */
export function writeAnswer(
  res: ServerResponse,
  result: RouteResult,
  at: { now: Date; requestNumber: number; get?: GetValidators | undefined },
): void {
  const headers = githubHeaders(at.now, at.requestNumber, result.headers);
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.isBuffer(result.body)
    ? result.body
    : Buffer.from(JSON.stringify(result.body));
  if (at.get && result.status === 200) {
    const etag = etagOf(payload, at.get.accept, at.get.caller);
    headers["etag"] = etag;
    if (matches(at.get.ifNoneMatch, etag)) {
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

/** The headers every GitHub answer carries, then the route's own. */
function githubHeaders(
  now: Date,
  requestNumber: number,
  own: Record<string, string> | undefined,
): Record<string, string> {
  const reset = Math.floor(now.getTime() / 1000) + 3600;
  return {
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": `SIM:${requestNumber.toString(16).toUpperCase()}`,
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(reset),
    "x-ratelimit-used": "1",
    "x-ratelimit-resource": "core",
    ...own,
  };
}

/** The ETag for a body sent to `caller` with this `Accept`. */
export function etagOf(payload: Buffer, accept: string, caller: string): string {
  const hash = createHash("sha256")
    .update(accept)
    .update("\0")
    .update(caller)
    .update("\0")
    .update(payload)
    .digest("hex");
  return `W/"${hash.slice(0, 40)}"`;
}

/** Whether an `If-None-Match` header (a list of ETags, or `*`) names `etag`. Weak
 * comparison, as RFC 9110 asks for If-None-Match: `W/` is ignored on both sides. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

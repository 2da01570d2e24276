// Conditional requests, as GitHub answers them: every successful GET carries a weak ETag
// of its representation (the body, as the media type and the caller see it: GitHub's
// `Vary: Accept, Authorization`), and a GET whose `If-None-Match` names the current ETag
// is answered `304 Not Modified` with no body. A 304 doesn't count against the rate limit.
import { createHash } from "node:crypto";

/** The ETag for a body sent to `caller` with this `Accept`. */
export function etagOf(payload: Buffer, accept: string, caller: string): string {
  const hash = createHash("sha256").update(accept).update("\0").update(caller).update("\0").update(payload).digest("hex");
  return `W/"${hash.slice(0, 40)}"`;
}

/** Whether an `If-None-Match` header (a list of ETags, or `*`) names `etag`. Weak
 * comparison, as RFC 9110 asks for If-None-Match: `W/` is ignored on both sides. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

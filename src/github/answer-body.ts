// GitHub's answers, decoded with the platform's JSON.parse. Octokit's own decoding parses
// every JSON answer with json-with-bigint (a regular expression over the whole text, then a
// reviver on every value), the largest single CPU cost of a command; GitHub's numbers all
// fit in a double. The text is kept too: conditional-reads.ts remembers it for a 304.
import type { ProbotOctokit } from "probot";

type GitHub = InstanceType<typeof ProbotOctokit>;
type Answer = Awaited<ReturnType<GitHub["request"]>>;

/** An answer's body as read off the wire: its text, or bytes that are not text. */
export type Body = { text: string } | { bytes: ArrayBuffer };

/** Asks Octokit to hand back the body unread (its `parseSuccessResponseBody` option). */
export function keepBodyUnread(options: { request?: object }): void {
  options.request = { ...options.request, parseSuccessResponseBody: false };
}

const isStream = (data: unknown): data is ReadableStream<Uint8Array> =>
  data instanceof ReadableStream;

/** The kind of body Octokit would decode for `contentType`: JSON, text or bytes. */
export function kindOf(contentType: string | undefined): "json" | "text" | "bytes" {
  if (contentType === undefined) return "text";
  const [type = "", ...parameters] = contentType
    .toLowerCase()
    .split(";")
    .map((p) => p.trim());
  if (type === "application/json" || type === "application/scim+json") return "json";
  if (type.startsWith("text/")) return "text";
  const utf8 = parameters.includes("charset=utf-8") && type !== "application/octet-stream";
  return utf8 ? "text" : "bytes";
}

/** Reads the unread body of `response` (a stream, or Octokit's "" for 204/205/HEAD). */
export async function readBody(response: Answer): Promise<Body | undefined> {
  if (!isStream(response.data)) return undefined;
  const wire = new Response(response.data);
  if (kindOf(response.headers["content-type"]) === "bytes")
    return { bytes: await wire.arrayBuffer() };
  return { text: await wire.text() };
}

/** The value Octokit would have given as `data` for `body` (a fresh one on every call). */
export function decodeBody(body: Body, contentType: string | undefined): unknown {
  if ("bytes" in body) return body.bytes.slice(0);
  if (kindOf(contentType) !== "json") return body.text;
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    // Octokit hands back the text of an answer that says JSON and isn't.
    return body.text;
  }
}

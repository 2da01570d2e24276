// GitHub's answers, decoded with the platform's JSON.parse. Octokit's own decoding parses
// every JSON answer with json-with-bigint (a regular expression over the whole text, then a
// reviver on every value), the largest single CPU cost of a command; GitHub's numbers all
// fit in a double. The text is kept too: conditional-reads.ts remembers it for a 304.
import type { ProbotOctokit } from "probot";

type GitHub = InstanceType<typeof ProbotOctokit>;
type Answer = Awaited<ReturnType<GitHub["request"]>>;

/** An answer's body as read off the wire: its text, or bytes that are not text. */
export type Body = { text: string } | { bytes: ArrayBuffer };

/** Asks Octokit to hand back the body unread (its `parseSuccessResponseBody` option), read
 * by its fetch as soon as the answer arrives (see readingFetch). */
export function keepBodyUnread(options: {
  request?: { fetch?: unknown; parseSuccessResponseBody?: boolean };
}): void {
  const inner = (options.request?.fetch as typeof fetch | undefined) ?? globalThis.fetch;
  options.request = { ...options.request, parseSuccessResponseBody: false, fetch: reading(inner) };
}

/** Bodies already read, by the stream Octokit hands back as `data`. */
const buffered = new WeakMap<ReadableStream<Uint8Array>, Body>();
const readingFetches = new WeakMap<typeof fetch, typeof fetch>();

const readers = new WeakSet<typeof fetch>();

/** `inner` reading bodies at once: one wrapper per fetch, never a wrapper of a wrapper (a
 * retry re-sends the options it was given). */
function reading(inner: typeof fetch): typeof fetch {
  if (readers.has(inner)) return inner;
  let wrapped = readingFetches.get(inner);
  if (!wrapped) {
    wrapped = readingFetch(inner);
    readingFetches.set(inner, wrapped);
    readers.add(wrapped);
  }
  return wrapped;
}

/** Statuses whose answers have no body (a Response can't be built with one). */
const NO_BODY = new Set([101, 204, 205, 304]);

/** `inner`, with each answer's body read at once and handed on from memory. Octokit keeps
 * only the body stream of an answer it doesn't parse; undici cancels that stream when the
 * answer object is collected, which under load happens before the stream is read. */
function readingFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (NO_BODY.has(res.status)) return res;
    const body: Body =
      kindOf(res.headers.get("content-type") ?? undefined) === "bytes"
        ? { bytes: await res.arrayBuffer() }
        : { text: await res.text() };
    const init2 = { status: res.status, statusText: res.statusText, headers: res.headers };
    const copy = new Response("text" in body ? body.text : body.bytes.slice(0), init2);
    Object.defineProperty(copy, "url", { value: res.url });
    if (copy.body) buffered.set(copy.body, body);
    return copy;
  };
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
  const known = buffered.get(response.data);
  if (known) return known;
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

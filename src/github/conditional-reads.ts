// Conditional reads. GitHub answers a GET whose If-None-Match names the current ETag with
// 304 Not Modified, which doesn't count against the rate limit: the config file, a
// person's permission and a re-read timeline page mostly haven't changed since the last
// read. This hook remembers each GET's ETag and the text of its answer, sends the ETag with
// the next same GET, and hands back the remembered answer, decoded afresh (status 304),
// when GitHub says it still holds. Keeping the text, not the decoded answer, means no
// caller can change what another is handed later, and its length is the entry's size.
// The cache is bounded (entries and bytes, least recently used out first); the App keeps
// one per installation client (src/app.ts keeps at most 500), the Action one per run.
import { LRUCache } from "lru-cache";
import type { ProbotOctokit } from "probot";
import { decodeBody, keepBodyUnread, readBody, type Body } from "./answer-body.js";

// client.ts plugs this in: its own type here (not client.ts's), so neither imports the other.
type GitHub = InstanceType<typeof ProbotOctokit>;

type Response = Awaited<ReturnType<GitHub["request"]>>;

interface Remembered {
  etag: string;
  answer: Omit<Response, "data">;
  body: Body | undefined;
  size: number;
}

export type ConditionalCache = LRUCache<string, Remembered>;

/** Per cache: 200 answers, 2 MB of bodies; a bigger answer (a 100-item timeline page with
 * long comments can be) is simply not kept. */
export function conditionalCache(max = 200, maxSize = 2_000_000): ConditionalCache {
  return new LRUCache<string, Remembered>({
    max,
    maxSize,
    maxEntrySize: maxSize / 4,
    sizeCalculation: (r) => r.size,
  });
}

const statusOf = (error: unknown): number | undefined => (error as { status?: number }).status;

const sizeOf = (body: Body | undefined): number =>
  body === undefined
    ? 1
    : "text" in body
      ? Math.max(1, body.text.length)
      : Math.max(1, body.bytes.byteLength);

/** The answer with its body decoded; Octokit hands it over unread (answer-body.ts). */
async function decoded(
  response: Response,
): Promise<{ response: Response; body: Body | undefined }> {
  const body = await readBody(response);
  if (body === undefined) return { response, body };
  return {
    response: { ...response, data: decodeBody(body, response.headers["content-type"]) },
    body,
  };
}

/** Sends remembered ETags with `octokit`'s GETs and answers 304s from `cache`; decodes
 * every answer's body with JSON.parse (answer-body.ts). */
export function useConditionalReads(octokit: GitHub, cache: ConditionalCache): void {
  octokit.hook.wrap("request", async (request, options) => {
    keepBodyUnread(options);
    if (options.method !== "GET") return (await decoded(await request(options))).response;
    const { url, headers } = octokit.request.endpoint.parse(options);
    // The ETag belongs to the representation: the same URL in another media type is another.
    const key = `${headers["accept"] ?? ""} ${url}`;
    const known = cache.get(key);
    // In place: before-after-hook hands the inner hooks the options object, not ours.
    const asked = known !== undefined && headers["if-none-match"] === undefined;
    if (asked) options.headers["if-none-match"] = known.etag;
    try {
      const { response, body } = await decoded(await request(options));
      const etag = response.headers.etag;
      if (etag) {
        const answer = {
          url: response.url,
          status: response.status,
          headers: { ...response.headers },
        };
        cache.set(key, { etag, answer, body, size: sizeOf(body) });
      } else cache.delete(key);
      return response;
    } catch (error) {
      // Octokit reports a 304 as an error; the remembered answer is the current one.
      if (!asked || statusOf(error) !== 304) throw error;
      // The 304's own headers replace the remembered ones (RFC 9111, 4.3.4): a page whose
      // items are unchanged can have gained a next page, and only its Link says so.
      const fresh = (error as { response?: { headers?: Response["headers"] } }).response?.headers;
      const headers = { ...known.answer.headers, ...fresh };
      known.answer.headers = headers;
      const data = known.body === undefined ? "" : decodeBody(known.body, headers["content-type"]);
      return { ...known.answer, headers: { ...headers }, status: 304, data } as Response;
    }
  });
}

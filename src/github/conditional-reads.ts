// Conditional reads. GitHub answers a GET whose If-None-Match names the current ETag with
// 304 Not Modified, which doesn't count against the rate limit: the config file, a
// person's permission and a re-read timeline page mostly haven't changed since the last
// read. This hook remembers each GET's ETag and answer, sends the ETag with the next same
// GET, and hands back the remembered answer (status 304) when GitHub says it still holds.
// The cache is bounded (entries and bytes, least recently used out first); the App keeps
// one per installation client (src/app.ts keeps at most 500), the Action one per run.
import { LRUCache } from "lru-cache";
import type { ProbotOctokit } from "probot";

// client.ts plugs this in: its own type here (not client.ts's), so neither imports the other.
type GitHub = InstanceType<typeof ProbotOctokit>;

type Response = Awaited<ReturnType<GitHub["request"]>>;

interface Remembered {
  etag: string;
  response: Response;
  size: number;
}

export type ConditionalCache = LRUCache<string, Remembered>;

/** Per cache: 200 answers, 2 MB of bodies; a bigger answer (a 100-item timeline page with
 * long comments can be) is simply not kept. */
export function conditionalCache(max = 200, maxSize = 2_000_000): ConditionalCache {
  return new LRUCache<string, Remembered>({ max, maxSize, maxEntrySize: maxSize / 4, sizeCalculation: (r) => r.size });
}

const statusOf = (error: unknown): number | undefined => (error as { status?: number }).status;

/** Sends remembered ETags with `octokit`'s GETs and answers 304s from `cache`. */
export function useConditionalReads(octokit: GitHub, cache: ConditionalCache): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const { url, headers } = octokit.request.endpoint.parse(options);
    // The ETag belongs to the representation: the same URL in another media type is another.
    const key = `${headers["accept"] ?? ""} ${url}`;
    const known = cache.get(key);
    // In place: before-after-hook hands the inner hooks the options object, not ours.
    const asked = known !== undefined && headers["if-none-match"] === undefined;
    if (asked) options.headers["if-none-match"] = known.etag;
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (etag) {
        const kept = structuredClone(response);
        cache.set(key, { etag, response: kept, size: JSON.stringify(kept.data ?? "").length });
      } else cache.delete(key);
      return response;
    } catch (error) {
      // Octokit reports a 304 as an error; the remembered answer is the current one.
      if (asked && statusOf(error) === 304) return { ...structuredClone(known.response), status: 304 } as Response;
      throw error;
    }
  });
}

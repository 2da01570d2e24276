// What the writes cost: every request the executor sends while applying a write is
// counted (the Action's `writes` output), the reads a write needs to happen once included.
import { AsyncLocalStorage } from "node:async_hooks";
import type { GitHub } from "./client.js";

export interface WriteCounter {
  /** Requests that change something (every POST, PATCH, PUT, DELETE, a comment posted
   * again after a 5xx included); in a dry run, the ones the plan would make. */
  writes: number;
  /** Every request, the reads it needs to write once (a look for a comment) included. */
  requests: number;
}

/** The counter of the write being applied: requests made from its async context count. */
export const applying = new AsyncLocalStorage<WriteCounter>();
const counted = new WeakSet<GitHub>();

/** Counts each request `octokit` sends while the executor applies a write. (Octokit's
 * retry plugin re-sends inside this hook and keeps no reliable count of it: its
 * `retryCount` lives on an options object shared between requests.) */
export function countRequestsOf(octokit: GitHub): void {
  if (counted.has(octokit)) return;
  counted.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    const counter = applying.getStore();
    if (counter) {
      counter.requests += 1;
      if (options.method !== "GET" && options.method !== "HEAD") counter.writes += 1;
    }
    return request(options);
  });
}

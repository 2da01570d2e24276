// Counts every request an Octokit makes (pages, look-backs and retries included), for
// the sweep's per-run budget. One hook per client, installed on first use.
import type { GitHub } from "./client.js";

const counters = new WeakMap<GitHub, { requests: number }>();

export function requestCounter(octokit: GitHub): { readonly requests: number } {
  let counter = counters.get(octokit);
  if (!counter) {
    const created = { requests: 0 };
    octokit.hook.before("request", () => {
      created.requests += 1;
    });
    counters.set(octokit, created);
    counter = created;
  }
  return counter;
}

/** A budget of requests for one run, like actions/stale's operations-per-run. */
export class RequestBudget {
  private readonly start: number;

  constructor(
    private readonly counter: { readonly requests: number },
    readonly limit: number,
    start?: number,
  ) {
    this.start = start ?? counter.requests;
  }

  /** The same run's budget with its limit known (after reading the config). */
  withLimit(limit: number): RequestBudget {
    return new RequestBudget(this.counter, limit, this.start);
  }

  get used(): number {
    return this.counter.requests - this.start;
  }

  /** Whether `cost` more requests fit. */
  allows(cost: number): boolean {
    return this.used + cost <= this.limit;
  }
}

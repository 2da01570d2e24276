// The Octokit both shells hand to the core: Probot's, with pagination, retries,
// throttling and the config loader plugged in. The Action builds the same class
// with its token, so both run the same requests through the same plugins.
import { ProbotOctokit } from "probot";
import {
  conditionalCache,
  useConditionalReads,
  type ConditionalCache,
} from "./conditional-reads.js";

export type GitHub = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface ClientOptions {
  token: string;
  baseUrl?: string;
  /** Off in tests that count requests exactly. */
  retries?: boolean;
  /** Base of the retry back-off (Octokit's default is one second). */
  retryDelayMs?: number;
  throttle?: boolean;
  userAgent?: string;
  /** Where GET answers are remembered for conditional re-reads (conditional-reads.ts):
   * a cache of its own by default, `false` for none. */
  conditional?: ConditionalCache | false;
}

export function createClient(options: ClientOptions): GitHub {
  const octokit = new ProbotOctokit({
    auth: { token: options.token },
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/$/, "") } : {}),
    userAgent: options.userAgent ?? "hereby",
    retry: {
      enabled: options.retries ?? true,
      ...(options.retryDelayMs !== undefined ? { retryAfterBaseValue: options.retryDelayMs } : {}),
    },
    throttle: {
      enabled: options.throttle ?? true,
      onRateLimit: (retryAfter: number, _options: object, _octokit: unknown, retryCount: number) =>
        retryCount < 2,
      onSecondaryRateLimit: (
        retryAfter: number,
        _options: object,
        _octokit: unknown,
        retryCount: number,
      ) => retryCount < 2,
    },
  });
  if (options.conditional !== false)
    useConditionalReads(octokit, options.conditional ?? conditionalCache());
  return octokit;
}

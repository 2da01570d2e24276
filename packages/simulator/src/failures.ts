// Failures a test asks the simulator to answer with (`failNext`): GitHub erring, limiting or
// refusing one request.
import { STATUS_CODES } from "node:http";
import { errorResult } from "./response.js";
import type { RouteResult } from "./routes/context.js";

export interface FailMatch {
  method: string;
  /** Tested against the path without `/api/v3` and without the query string. */
  path: RegExp;
}

export interface FailOptions {
  status: number;
  /** Perform the write before failing (GitHub did it, the client saw an error). */
  applyFirst: boolean;
  /** GitHub's `message` (default: the status's name). */
  message?: string;
  /** Headers the failure carries, such as a secondary rate limit's `retry-after`. */
  headers?: Record<string, string>;
}

/** A test's pending failure: which request, and how it fails. */
export type FailRule = FailMatch & FailOptions;

/** Takes the first rule matching this request out of `rules`: each answers once. */
export function takeFailRule(
  rules: FailRule[],
  method: string,
  path: string,
): FailRule | undefined {
  const index = rules.findIndex((f) => f.method.toUpperCase() === method && f.path.test(path));
  return index >= 0 ? rules.splice(index, 1)[0] : undefined;
}

/** An injected failure's answer: its status, GitHub's message, and its headers. */
export function failureAnswer(rule: FailRule): RouteResult {
  return {
    ...errorResult(rule.status, rule.message ?? STATUS_CODES[rule.status] ?? "Server Error"),
    ...(rule.headers ? { headers: rule.headers } : {}),
  };
}

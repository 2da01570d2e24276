// Failures a test asks the simulator to answer with (`failNext`): GitHub erring, limiting or
// refusing one request.
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

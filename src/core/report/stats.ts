// Median and p90 of a sample. Median: the middle value, or the mean of the two middle
// ones. p90: nearest rank, the smallest value with at least 90% of the sample at or below it.
import type { Spread } from "./types.js";

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: null, p90: null };
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1] ?? 0;
  return { count: n, median, p90 };
}

export const minutesBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

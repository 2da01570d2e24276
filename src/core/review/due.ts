// When reviews are due: at the resolution time plus the interval, then every interval
// after. Days are calendar days in the configured time zone, at the local time of day
// the incident was resolved, so a review never drifts an hour across daylight saving and
// "30 days" from 31 January lands on 2 March (1 March in a leap year).
import { Temporal } from "temporal-polyfill";

export interface ReviewClock {
  intervalDays: number;
  timezone: string;
}

/** The k-th due date (k ≥ 1), as an ISO instant. Temporal's "compatible" disambiguation
 * picks the later time in a spring-forward gap and the earlier one in an overlap. */
export function dueDate(resolvedAt: string, k: number, clock: ReviewClock): string {
  const local = Temporal.Instant.from(resolvedAt).toZonedDateTimeISO(clock.timezone);
  return new Date(local.add({ days: k * clock.intervalDays }).epochMilliseconds).toISOString();
}

/** The cycle in force at `now`: the largest k whose due date has come (0: none yet). */
export function cycleAt(resolvedAt: string, now: Date, clock: ReviewClock): number {
  const elapsedDays = (now.getTime() - Date.parse(resolvedAt)) / 86_400_000;
  if (elapsedDays <= 0) return 0;
  // An estimate from elapsed time, corrected by at most a step either way (DST shifts
  // due dates by an hour, never by a day).
  let k = Math.max(0, Math.floor(elapsedDays / clock.intervalDays));
  while (k > 0 && Date.parse(dueDate(resolvedAt, k, clock)) > now.getTime()) k--;
  while (Date.parse(dueDate(resolvedAt, k + 1, clock)) <= now.getTime()) k++;
  return k;
}

/** Whole days between two instants (an action item's age). */
export function ageInDays(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 86_400_000));
}

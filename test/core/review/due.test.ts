// Due dates as pure functions against a clock: months of different lengths, daylight
// saving, leap years.
import { describe, expect, it } from "vitest";
import { cycleAt, dueDate } from "../../../src/core/review/due.js";

const utc30 = { intervalDays: 30, timezone: "UTC" };

describe("due dates", () => {
  it.each([
    ["2026-01-31T10:00:00Z", 1, "2026-03-02T10:00:00.000Z"],
    ["2028-01-31T10:00:00Z", 1, "2028-03-01T10:00:00.000Z"], // leap year
    ["2026-11-23T14:30:00Z", 1, "2026-12-23T14:30:00.000Z"],
    ["2026-11-23T14:30:00Z", 2, "2027-01-22T14:30:00.000Z"], // across the year
    ["2026-11-23T14:30:00Z", 12, "2027-11-18T14:30:00.000Z"],
  ])("resolved %s: review %i is due %s (UTC)", (resolved, k, due) => {
    expect(dueDate(resolved, k, utc30)).toBe(due);
  });

  it("keeps the local time of day across daylight saving (Europe/London)", () => {
    const london = { intervalDays: 30, timezone: "Europe/London" };
    // 10:00 GMT on 10 March; 30 days later is 9 April, 10:00 BST = 09:00Z.
    expect(dueDate("2026-03-10T10:00:00Z", 1, london)).toBe("2026-04-09T09:00:00.000Z");
    // And back: 10:00 BST on 10 October → 9 November 10:00 GMT.
    expect(dueDate("2026-10-10T09:00:00Z", 1, london)).toBe("2026-11-09T10:00:00.000Z");
  });

  it("a leap day resolution with a yearly interval", () => {
    expect(dueDate("2028-02-29T12:00:00Z", 1, { intervalDays: 365, timezone: "UTC" })).toBe(
      "2029-02-28T12:00:00.000Z",
    );
  });
});

describe("the cycle in force", () => {
  const resolved = "2026-01-31T10:00:00Z";
  it.each([
    ["2026-01-31T10:00:00Z", 0],
    ["2026-03-02T09:59:59Z", 0],
    ["2026-03-02T10:00:00Z", 1],
    ["2026-04-01T09:59:59Z", 1],
    ["2026-04-01T10:00:00Z", 2],
    ["2027-01-31T10:00:00Z", 12],
  ])("at %s it is cycle %i", (now, k) => {
    expect(cycleAt(resolved, new Date(now), utc30)).toBe(k);
  });

  it("agrees with dueDate in a zone with daylight saving, every day for two years", () => {
    const clock = { intervalDays: 30, timezone: "America/New_York" };
    const start = "2026-02-15T15:00:00Z";
    for (let day = 0; day < 730; day++) {
      const now = new Date(Date.parse(start) + day * 86_400_000 + 3_600_000 * (day % 5));
      const k = cycleAt(start, now, clock);
      if (k > 0) expect(Date.parse(dueDate(start, k, clock))).toBeLessThanOrEqual(now.getTime());
      expect(Date.parse(dueDate(start, k + 1, clock))).toBeGreaterThan(now.getTime());
    }
  });
});

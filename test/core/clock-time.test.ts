import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInMonth,
  formatInZone,
  zonedDateParts,
  zonedTimeToInstant,
  zoneOffsetMs,
} from "../../src/core/clock-time.js";

/** zonedTimeToInstant from an ISO-looking local time string `YYYY-MM-DDTHH:MM[:SS]`. */
function local(wall: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!m) throw new Error(`bad wall time ${wall}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  return zonedTimeToInstant(y!, mo!, d!, h!, mi!, s!, zone).toISOString();
}

describe("zonedDateParts", () => {
  it.each([
    ["2026-11-23T14:05:30Z", "UTC", { year: 2026, month: 11, day: 23, hour: 14, minute: 5, second: 30 }],
    ["2026-07-01T23:30:00Z", "Europe/London", { year: 2026, month: 7, day: 2, hour: 0, minute: 30, second: 0 }],
    ["2026-01-01T00:30:00Z", "America/New_York", { year: 2025, month: 12, day: 31, hour: 19, minute: 30, second: 0 }],
    ["2026-11-22T21:30:00Z", "Asia/Kolkata", { year: 2026, month: 11, day: 23, hour: 3, minute: 0, second: 0 }],
    ["2026-11-23T00:00:00Z", "UTC", { year: 2026, month: 11, day: 23, hour: 0, minute: 0, second: 0 }],
  ])("%s in %s", (iso, zone, parts) => {
    expect(zonedDateParts(new Date(iso), zone)).toEqual(parts);
  });

  it("throws for an unknown zone and an invalid date", () => {
    expect(() => zonedDateParts(new Date(), "Mars/Olympus")).toThrow(RangeError);
    expect(() => zonedDateParts(new Date("nope"), "UTC")).toThrow(RangeError);
  });
});

describe("zoneOffsetMs", () => {
  it.each([
    ["2026-01-15T12:00:00Z", "Europe/London", 0],
    ["2026-07-15T12:00:00Z", "Europe/London", 60],
    ["2026-01-15T12:00:00Z", "America/New_York", -300],
    ["2026-07-15T12:00:00Z", "America/New_York", -240],
    ["2026-07-15T12:00:00.999Z", "Asia/Kolkata", 330],
  ])("%s in %s is %d minutes", (iso, zone, minutes) => {
    expect(zoneOffsetMs(new Date(iso), zone)).toBe(minutes * 60_000);
  });
});

describe("zonedTimeToInstant", () => {
  it.each([
    // ordinary times
    ["2026-11-23T14:05:00", "UTC", "2026-11-23T14:05:00.000Z"],
    ["2026-01-15T09:00:00", "Europe/London", "2026-01-15T09:00:00.000Z"],
    ["2026-07-15T09:00:00", "Europe/London", "2026-07-15T08:00:00.000Z"],
    ["2026-07-15T09:00:00", "America/New_York", "2026-07-15T13:00:00.000Z"],
    ["2026-11-23T14:05:00", "Asia/Kolkata", "2026-11-23T08:35:00.000Z"],
    ["2026-11-23T03:00:00", "Asia/Kolkata", "2026-11-22T21:30:00.000Z"],
    ["2026-01-01T00:00:00", "Asia/Kolkata", "2025-12-31T18:30:00.000Z"],

    // Europe/London spring forward: 2026-03-29 01:00 GMT → 02:00 BST (at 01:00Z)
    ["2026-03-29T00:59:00", "Europe/London", "2026-03-29T00:59:00.000Z"],
    ["2026-03-29T01:00:00", "Europe/London", "2026-03-29T01:00:00.000Z"], // gap: = 02:00 BST
    ["2026-03-29T01:30:00", "Europe/London", "2026-03-29T01:30:00.000Z"], // gap: = 02:30 BST
    ["2026-03-29T02:00:00", "Europe/London", "2026-03-29T01:00:00.000Z"],
    ["2026-03-29T02:30:00", "Europe/London", "2026-03-29T01:30:00.000Z"],
    // Europe/London fall back: 2026-10-25 02:00 BST → 01:00 GMT (at 01:00Z)
    ["2026-10-25T00:59:00", "Europe/London", "2026-10-24T23:59:00.000Z"],
    ["2026-10-25T01:00:00", "Europe/London", "2026-10-25T00:00:00.000Z"], // overlap: the BST one
    ["2026-10-25T01:30:00", "Europe/London", "2026-10-25T00:30:00.000Z"], // overlap: the BST one
    ["2026-10-25T01:59:59", "Europe/London", "2026-10-25T00:59:59.000Z"],
    ["2026-10-25T02:00:00", "Europe/London", "2026-10-25T02:00:00.000Z"],

    // America/New_York spring forward: 2026-03-08 02:00 EST → 03:00 EDT (at 07:00Z)
    ["2026-03-08T01:59:00", "America/New_York", "2026-03-08T06:59:00.000Z"],
    ["2026-03-08T02:00:00", "America/New_York", "2026-03-08T07:00:00.000Z"], // gap: = 03:00 EDT
    ["2026-03-08T02:30:00", "America/New_York", "2026-03-08T07:30:00.000Z"], // gap: = 03:30 EDT
    ["2026-03-08T03:00:00", "America/New_York", "2026-03-08T07:00:00.000Z"],
    // America/New_York fall back: 2026-11-01 02:00 EDT → 01:00 EST (at 06:00Z)
    ["2026-11-01T00:30:00", "America/New_York", "2026-11-01T04:30:00.000Z"],
    ["2026-11-01T01:30:00", "America/New_York", "2026-11-01T05:30:00.000Z"], // overlap: the EDT one
    ["2026-11-01T02:00:00", "America/New_York", "2026-11-01T07:00:00.000Z"],

    // Australia/Lord_Howe moves by half an hour: 2026-10-04 02:00 +10:30 → 02:30 +11
    ["2026-10-04T02:15:00", "Australia/Lord_Howe", "2026-10-03T15:45:00.000Z"], // gap: = 02:45
    ["2026-10-04T02:30:00", "Australia/Lord_Howe", "2026-10-03T15:30:00.000Z"],
  ])("%s in %s → %s", (wall, zone, expected) => {
    expect(local(wall, zone)).toBe(expected);
  });

  it("a local time in a gap lands after the jump, shifted forward by the gap", () => {
    const at = zonedTimeToInstant(2026, 3, 29, 1, 30, 0, "Europe/London");
    expect(formatInZone(at, "Europe/London")).toBe("2026-03-29 02:30");
    const ny = zonedTimeToInstant(2026, 3, 8, 2, 30, 0, "America/New_York");
    expect(formatInZone(ny, "America/New_York")).toBe("2026-03-08 03:30");
  });

  it("an ambiguous local time gives the first of its two instants", () => {
    const first = new Date("2026-11-01T05:30:00Z");
    const second = new Date("2026-11-01T06:30:00Z");
    expect(formatInZone(first, "America/New_York")).toBe("2026-11-01 01:30");
    expect(formatInZone(second, "America/New_York")).toBe("2026-11-01 01:30");
    expect(zonedTimeToInstant(2026, 11, 1, 1, 30, 0, "America/New_York")).toEqual(first);
  });

  it.each(["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"])(
    "round-trips every 10 minutes through the 2026 transitions in %s",
    (zone) => {
      const days = ["2026-03-07", "2026-03-28", "2026-10-03", "2026-10-24", "2026-10-31"];
      for (const day of days) {
        const start = Date.parse(`${day}T00:00:00Z`);
        for (let t = start; t < start + 3 * 86_400_000; t += 600_000) {
          const p = zonedDateParts(new Date(t), zone);
          const back = zonedTimeToInstant(p.year, p.month, p.day, p.hour, p.minute, p.second, zone);
          // Same wall clock; the same instant unless the wall time happens twice, in which
          // case the earlier instant, at most the DST shift before.
          expect(zonedDateParts(back, zone)).toEqual(p);
          expect(back.getTime()).toBeLessThanOrEqual(t);
          expect(t - back.getTime()).toBeLessThanOrEqual(3_600_000);
        }
      }
    },
  );

  it("rolls out-of-range fields over like Date.UTC", () => {
    expect(zonedTimeToInstant(2026, 3, 0, 12, 0, 0, "UTC").toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(zonedTimeToInstant(2026, 13, 1, 0, 0, 0, "UTC").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("calendar helpers", () => {
  it.each([
    [2026, 11, 23, -1, { year: 2026, month: 11, day: 22 }],
    [2026, 3, 1, -1, { year: 2026, month: 2, day: 28 }],
    [2028, 3, 1, -1, { year: 2028, month: 2, day: 29 }],
    [2026, 1, 1, -1, { year: 2025, month: 12, day: 31 }],
    [2026, 12, 31, 1, { year: 2027, month: 1, day: 1 }],
  ])("addDays(%d, %d, %d, %d)", (y, m, d, delta, expected) => {
    expect(addDays(y, m, d, delta)).toEqual(expected);
  });

  it.each([
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])("daysInMonth(%d, %d) = %d", (y, m, days) => {
    expect(daysInMonth(y, m)).toBe(days);
  });

  it("formatInZone shows the wall clock, optionally with seconds", () => {
    const at = new Date("2026-11-23T08:35:07Z");
    expect(formatInZone(at, "Asia/Kolkata")).toBe("2026-11-23 14:05");
    expect(formatInZone(at, "Asia/Kolkata", { seconds: true })).toBe("2026-11-23 14:05:07");
    expect(formatInZone(new Date("2026-07-01T23:00:00Z"), "Europe/London")).toBe("2026-07-02 00:00");
  });
});

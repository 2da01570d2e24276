// Which times a /timeline entry may carry: a plausible window around the comment.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { parseComment, usageOf, type ParseContext } from "../../src/core/commands.js";
import type { CommandLine } from "../../src/core/types.js";

const ctx: ParseContext = {
  config: defaultConfig,
  author: "octocat",
  postedAt: "2026-11-23T14:10:00.000Z",
};

function one(body: string): CommandLine {
  const { lines } = parseComment(body, ctx);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe("the plausible window of a timeline time", () => {
  it.each([
    ["/timeline 0001-01-01T00:00Z x", "0001-01-01T00:00Z", "more than 30 days before this comment"],
    ["/timeline 0099-12-31T23:59Z x", "0099-12-31T23:59Z", "more than 30 days before this comment"],
    ["/timeline 1970-01-01T00:00Z x", "1970-01-01T00:00Z", "more than 30 days before this comment"],
    ["/timeline 2026-10-24T14:09Z x", "2026-10-24T14:09Z", "more than 30 days before this comment"],
    ["/timeline 2026-11-23T14:16Z x", "2026-11-23T14:16Z", "later than this comment"],
    ["/timeline 9999-12-31T23:59Z x", "9999-12-31T23:59Z", "later than this comment"],
  ])(
    "a timeline time outside the plausible window is rejected with the usage (%s)",
    (body, token, why) => {
      const line = one(body);
      expect(line.ok).toBe(false);
      if (line.ok) return;
      expect(line.error).toContain(`time "${token}" is ${why}`);
      expect(line.error).toContain("a time from 30 days before the comment to 5 minutes after it");
      expect(line.usage).toBe(usageOf("timeline"));
    },
  );

  it.each([
    ["/timeline 2026-10-24T14:11Z x", "2026-10-24T14:11:00.000Z"],
    ["/timeline 2026-11-23T14:14Z x", "2026-11-23T14:14:00.000Z"],
    ["/timeline 2026-11-23T09:00-05:00 x", "2026-11-23T14:00:00.000Z"],
  ])("a time inside the window is kept (%s)", (body, at) => {
    expect(one(body)).toMatchObject({ ok: true, command: { name: "timeline", at, text: "x" } });
  });

  it("takes a leap day near its comment", () => {
    const line = parseComment("/timeline 2028-02-29T10:00Z leap day", {
      ...ctx,
      postedAt: "2028-02-29T10:30:00Z",
    }).lines[0];
    expect(line).toMatchObject({
      ok: true,
      command: { at: "2028-02-29T10:00:00.000Z", text: "leap day" },
    });
  });
});

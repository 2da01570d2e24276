// How much one comment may ask for: a cap on command lines, with a rejection that names it.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { parseComment, type ParseContext } from "../../src/core/commands.js";

const ctx: ParseContext = {
  config: defaultConfig,
  author: "octocat",
  postedAt: "2026-11-23T14:10:00.000Z",
};

describe("commands per comment", () => {
  it("a comment with more command lines than the cap is rejected whole, naming the cap", () => {
    const body = Array.from({ length: 5000 }, (_, i) => `/lead @u${i}`).join("\n");
    const { lines } = parseComment(body, ctx);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      ok: false,
      line: 21,
      error: "this comment has 5000 command lines; at most 20 are taken in one comment",
      usage: "put at most 20 commands in one comment, and the rest in further comments",
    });
  });

  it("twenty command lines are still one comment's worth", () => {
    const body = Array.from({ length: 20 }, (_, i) => `/timeline step ${i}`).join("\n");
    const { lines } = parseComment(body, ctx);
    expect(lines).toHaveLength(20);
    expect(lines.every((l) => l.ok)).toBe(true);
  });

  it("lines in code blocks don't count towards the cap", () => {
    const code = Array.from({ length: 100 }, (_, i) => `/lead @u${i}`).join("\n");
    const { lines } = parseComment(`/severity critical\n\`\`\`\n${code}\n\`\`\``, ctx);
    expect(lines).toEqual([
      expect.objectContaining({ ok: true, command: { name: "severity", level: "critical" } }),
    ]);
  });
});

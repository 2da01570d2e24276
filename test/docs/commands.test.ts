// The README's command table is read by the core's own parser: every example parses as the
// command its row names, and every command hereby has is in the table and on the commands
// page. Rows for commands not in the parser yet fail here until they are.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { parseComment } from "../../src/core/commands/parse.js";
import { COMMANDS } from "../../src/core/commands/registry.js";
import { read, spans, table } from "./support.js";

const rows = table(read("README.md"), "command").map(([usage, example]) => ({
  usage: spans(usage!)[0]!,
  example: spans(example!)[0]!,
}));

/** The comment's author and time: `/timeline 14:05` is read against it, not the clock. */
const ctx = { config: defaultConfig, author: "alice", postedAt: "2026-11-23T15:00:00Z" };

/** `/status <status> [text]` → `status`. */
const nameOf = (usage: string): string => /^\/([a-z-]+)/.exec(usage)![1]!;

describe("the README's command table", () => {
  it.each(rows)("$example parses as $usage", ({ usage, example }) => {
    const parsed = parseComment(example, ctx);
    expect(parsed.lines).toHaveLength(1);
    const line = parsed.lines[0]!;
    expect(line.ok ? "" : `${line.error} (usage: ${line.usage})`).toBe("");
    expect(line.ok && line.command.name).toBe(nameOf(usage));
    // `/action wontfix #N` must not be read as a new action item titled "wontfix #N …".
    if (usage.startsWith("/action wontfix"))
      expect(line.ok && JSON.stringify(line.command)).not.toContain('"kind":"new"');
  });

  it("lists every command hereby has, and the commands page explains each", () => {
    const listed = new Set(rows.map((r) => nameOf(r.usage)));
    const page = read("docs/commands.md");
    for (const command of COMMANDS) {
      expect(listed, `/${command.name} is missing from the README's table`).toContain(command.name);
      expect(page, `/${command.name} is missing from docs/commands.md`).toContain(
        `\`/${command.name}`,
      );
    }
  });

  it("an example with a mistake is caught: the parser really reads them", () => {
    const line = parseComment("/severity sev9", ctx).lines[0]!;
    expect(line.ok).toBe(false);
  });
});

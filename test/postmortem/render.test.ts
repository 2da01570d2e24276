// Rendering the built-in template: every section the issue asks for, a Mermaid diagram
// the real parser accepts (also at 200 entries, where it groups and caps), and a file
// within the size GitHub renders.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { diagramText, MAX_DIAGRAM_EVENTS } from "../../src/core/postmortem/mermaid.js";
import { checkTemplate, renderPostmortem } from "../../src/core/postmortem/render.js";
import { postmortemView, type ViewInput } from "../../src/core/postmortem/view.js";
import type { Incident } from "../../src/core/types.js";
import { incidentOf, parseMermaid } from "./support.js";
import { actionItem } from "../support/builders.js";

const template = readFileSync(new URL("../../templates/postmortem.md", import.meta.url), "utf8");

function render(incident: Incident, extra: Partial<ViewInput> = {}): string {
  const view = postmortemView({
    incident,
    config: defaultConfig,
    self: "hereby[bot]",
    incidentUrl: "https://github.com/acme/shop/issues/7",
    repository: "acme/shop",
    actionItems: [],
    now: new Date("2026-11-24T09:00:00Z"),
    ...extra,
  });
  expect(checkTemplate(template, view)).toEqual({ ok: true });
  return renderPostmortem(template, view);
}

const mermaidOf = (file: string) => /```mermaid\n([\s\S]*?)\n```/.exec(file)?.[1] ?? "";

const resolved = incidentOf([
  ["alice", "/severity critical\n/role ops @bob"],
  ["bob", "/timeline 14:02 rolled back: deploy #4411; see https://ci.example/run/9"],
  ["bob", "/status monitoring errors back to normal"],
  ["alice", "/summary EU checkout failed after @bob's config push"],
  ["alice", "/resolve"],
]);

describe("the built-in template", () => {
  it("has every section a first-time writer needs, with guidance that does not render", () => {
    const file = render(resolved);
    for (const heading of [
      "# Postmortem: Checkout is down (#7)",
      "## Summary and apology",
      "## Impact",
      "### Severity history",
      "## People",
      "## Timeline",
      "## Contributing factors",
      "## What went well",
      "## What went badly",
      "## Where we got lucky",
      "## Action items",
      "## Review schedule",
    ]) {
      expect(`\n${file}`).toContain(`\n${heading}\n`);
    }
    expect(file.match(/<!--/g)?.length).toBe(file.match(/-->/g)?.length);
    expect(file).toContain("Apologise");
  });

  it("gives the four moments and the durations from the declaration when no impact start is recorded", () => {
    const file = render(resolved);
    expect(file).toContain("| **Impact started** | not recorded (`/started <time>` on #7) |");
    expect(file).toContain("| **Mitigated** | 2026-11-23 14:03 UTC (monitoring) |");
    expect(file).toContain("| **Time to detect** | — |");
    expect(file).toContain("| **Time to mitigate** | 3m (declaration → mitigated) |");
    expect(file).toContain("| **Time to resolve** | 5m (declaration → resolved) |");
    expect(file).toMatch(
      /\| 2026-11-23 14:00 UTC \| major \| Incident lead \|\n\| 2026-11-23 14:01 UTC \| critical \| Incident lead \|/,
    );
    expect(file).toContain("first review due 2026-12-23");
  });

  it("lists linked action items with owner and state, then empty slots", () => {
    const file = render(resolved, {
      actionItems: [
        actionItem(12, "Alert on 502 rate", { owner: "bob" }),
        actionItem(13, "Canary config pushes", {
          owner: "zoe",
          state: "closed",
          stateReason: "completed",
        }),
      ],
    });
    expect(file).toContain(
      "| [#12](https://github.com/acme/shop/issues/12) | Alert on 502 rate | Operations | open |",
    );
    expect(file).toContain(
      "| [#13](https://github.com/acme/shop/issues/13) | Canary config pushes | Responder 1 | done |",
    );
    expect(file.match(/\| _new_ \|/g)).toHaveLength(3);
    expect(file).toContain("| Responder 1 | Responder | @zoe |");
  });

  it("draws a timeline diagram that Mermaid parses", async () => {
    const diagram = mermaidOf(render(resolved));
    expect(diagram.startsWith("timeline\n")).toBe(true);
    expect(diagram).toContain("section Monitoring");
    await expect(parseMermaid(diagram)).resolves.toMatchObject({ diagramType: "timeline" });
  });

  it("counts time to detect, mitigate and resolve from the impact start /started records", () => {
    const file = render(
      incidentOf([
        ["bob", "/started 13:40 checkout errors began"],
        ["bob", "/status monitoring"],
        ["alice", "/resolve"],
      ]),
    );
    expect(file).toContain("| **Impact started** | 2026-11-23 13:40 UTC |");
    expect(file).toContain("| **Declared** | 2026-11-23 14:00 UTC |");
    expect(file).toContain("| **Time to detect** | 20m (impact start → declared) |");
    expect(file).toContain("| **Time to mitigate** | 22m (impact start → mitigated) |");
    expect(file).toContain("| **Time to resolve** | 23m (impact start → resolved) |");
  });

  it("heads the file with the peak severity and the final one, and drops re-confirmations from the history", () => {
    const story = incidentOf([
      ["alice", "/severity critical"],
      ["bob", "/severity critical"],
      ["bob", "/timeline Rolled back v2.31"],
      ["alice", "/severity major"],
      ["alice", "/resolve"],
    ]);
    const file = render(story);
    expect(file).toContain("| **Severity** | critical at its peak; major when resolved |");
    const history = file.slice(file.indexOf("### Severity history"), file.indexOf("## People"));
    expect(history.match(/\| (major|critical) \|/g)).toEqual([
      "| major |",
      "| critical |",
      "| major |",
    ]);
    expect(render(incidentOf([["alice", "/resolve"]]))).toContain("| **Severity** | major |");
  });

  it("tells the story in the timeline and lists roles, summary edits and re-confirmations under Process", () => {
    const story = incidentOf([
      ["alice", "/role ops @bob"],
      ["alice", "/severity critical"],
      ["bob", "/severity critical"],
      ["bob", "/timeline Rolled back v2.31"],
      ["alice", "/summary EU checkout failed"],
      ["alice", "/resolve"],
    ]);
    const file = render(story);
    const table = file.slice(
      file.indexOf("| Time (UTC) | Entry | By |"),
      file.indexOf("<details>"),
    );
    expect(table).toContain("Rolled back v2.31");
    expect(table).toContain("Severity set to critical");
    expect(table.match(/Severity set to critical/g)).toHaveLength(1);
    expect(table).not.toContain("Summary updated");
    expect(table).not.toContain("Operations assigned");
    const processList = file.slice(file.indexOf("<details>"), file.indexOf("</details>"));
    expect(processList).toContain("Summary updated");
    expect(processList).toContain("Operations assigned");
    expect(processList).toContain("Severity set to critical");
    expect(mermaidOf(file)).not.toContain("Summary updated");
  });

  it("writes diagram times as 14:02 and cuts long labels at a word boundary, full text in the table", async () => {
    const long =
      "Rolled back the payment routing config to v2.30 after the canary showed 40 percent failures";
    const file = render(
      incidentOf([
        ["bob", `/timeline ${long}`],
        ["alice", "/resolve"],
      ]),
    );
    const diagram = mermaidOf(file);
    expect(diagram).toMatch(/^ {6}14#58;01 : /m);
    const label = /14#58;01 : (.*)$/m.exec(diagram)?.[1] ?? "";
    expect(label).toMatch(/…$/);
    expect(long.startsWith(label.slice(0, -1))).toBe(true);
    expect(long[label.length - 1]).toBe(" ");
    expect(file).toContain(`| ${long} [↗]`);
    await expect(parseMermaid(diagram)).resolves.toMatchObject({ diagramType: "timeline" });
  });

  it("keeps a 200-entry incident readable: capped, grouped by phase, parsed, and within size limits", async () => {
    const notes = Array.from({ length: 196 }, (_, i): [string, string] => [
      "bob",
      `/timeline step ${i}: checked shard #${i}; 50% done`,
    ]);
    const big = incidentOf([
      ["alice", "/status identified"],
      ...notes,
      ["alice", "/status monitoring"],
      ["alice", "/resolve"],
    ]);
    expect(big.timeline.length).toBeGreaterThanOrEqual(200);
    const file = render(big);
    const diagram = mermaidOf(file);
    if (process.env.SHOW_DIAGRAM) console.log(diagram);
    const events = diagram.split("\n").filter((l) => /^\s+(\S.*)? : /.test(l) || /^\s+: /.test(l));
    expect(events.length).toBeLessThanOrEqual(MAX_DIAGRAM_EVENTS + 4);
    expect(diagram).toMatch(/… : \d+ more entries in the table below/);
    await expect(parseMermaid(diagram)).resolves.toMatchObject({ diagramType: "timeline" });
    // Every entry is still in the table; the file is far below GitHub's 512 KB rendering limit.
    expect(file.match(/\| step \d+/g)).toHaveLength(196);
    expect(Buffer.byteLength(file)).toBeLessThan(100_000);
  });

  it("writes diagram text the grammar accepts: colons as entity codes, no hash, semicolon or link", async () => {
    expect(diagramText("a: b#1; c https://x.example/y?z=1")).toBe("a#58; b＃1, c (link)");
    await expect(
      parseMermaid(
        `timeline\n    title t\n    section s\n      10.00 : ${diagramText("%%{init}%% a:b; #c")}`,
      ),
    ).resolves.toBeTruthy();
  });

  it("fails the Mermaid check on a broken diagram (the parser is real)", async () => {
    await expect(
      parseMermaid("timeline\n    title t\n    section s\n      10:00 : a : b #1"),
    ).rejects.toThrow();
  });
});

describe("a repository's template", () => {
  const view = postmortemView({
    incident: resolved,
    config: defaultConfig,
    self: null,
    incidentUrl: "u",
    repository: "acme/shop",
    actionItems: [],
    now: new Date("2026-11-24T09:00:00Z"),
  });

  it("is refused when mustache can't parse it, with mustache's reason", () => {
    const check = checkTemplate("{{#timeline}}\n{{text}}\n", view);
    expect(check).toEqual({
      ok: false,
      problems: [expect.stringContaining('Unclosed section "timeline"')],
    });
  });

  it("is refused when it names a variable the view doesn't have, at the top or in a list", () => {
    expect(checkTemplate("{{titel}}{{#people}}{{handel}}{{/people}}", view)).toEqual({
      ok: false,
      problems: [
        "`{{titel}}` is not a postmortem variable",
        "`{{handel}}` is not a postmortem variable",
      ],
    });
  });

  it("may use any documented variable, lists included", () => {
    expect(
      checkTemplate(
        "{{{summary}}} {{#timeline}}{{time}} {{text}} {{who}} {{url}}{{/timeline}} {{^resolved}}open{{/resolved}}",
        view,
      ),
    ).toEqual({ ok: true });
  });
});

// A repository's postmortem template can't make hereby do unbounded work: list sections
// inside list sections multiply, so they are refused with their line, and a template whose
// output would pass GitHub's file limit is refused before it is rendered. Then the planner
// drafts with the built-in template and says why, once.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { decidePostmortem, type PostmortemInput } from "../../src/core/postmortem/decide.js";
import {
  MAX_POSTMORTEM_CHARS,
  templateBounds,
  templateStructure,
} from "../../src/core/postmortem/template-bounds.js";
import { loadTemplate } from "../../src/templates.js";
import { incidentOf } from "./support.js";

/** Four levels of the timeline inside itself: 113 bytes that rendered 124 M characters. */
const MULTIPLYING = [
  "# {{title}}",
  "{{#timeline}}{{#timeline}}",
  "{{#timeline}}{{#timeline}}{{text}}{{/timeline}}{{/timeline}}",
  "{{/timeline}}{{/timeline}}",
].join("\n");

const rows = Array.from(
  { length: 60 },
  (_, i) =>
    ["alice", `/timeline 13:${String(i % 60).padStart(2, "0")} step ${i}`] as [string, string],
);
const incident = incidentOf([...rows, ["alice", "/resolve"]]);

function input(override: string | null): PostmortemInput {
  return {
    incident,
    config: defaultConfig,
    repo: {
      defaultBranch: "main",
      baseSha: "base0",
      branch: null,
      file: null,
      ownVersion: null,
      pulls: [],
      override,
      actionItems: [],
    },
    template: loadTemplate("postmortem.md"),
    self: "hereby[bot]",
    repository: "acme/shop",
    incidentUrl: "https://github.com/acme/shop/issues/7",
    trigger: { kind: "resolved" },
    written: new Set(),
    now: new Date("2026-11-24T09:00:00Z"),
  };
}

const published = (writes: { type: string }[]) =>
  writes.find(
    (w): w is { type: "publishPostmortem"; file: { content: string } } =>
      w.type === "publishPostmortem",
  );

describe("a postmortem template's bounds", () => {
  it("refuses list sections inside list sections, naming each inner one's line", () => {
    expect(templateStructure(MULTIPLYING)).toEqual([
      expect.stringMatching(
        /^line 2: `\{\{#timeline\}\}` is inside `\{\{#timeline\}\}` \(line 2\): both repeat over a list/,
      ),
      expect.stringMatching(/^line 3: `\{\{#timeline\}\}` is inside/),
      expect.stringMatching(/^line 3: `\{\{#timeline\}\}` is inside/),
    ]);
    expect(
      templateStructure("{{#people}}\n{{#action_items}}{{title}}{{/action_items}}{{/people}}"),
    ).toEqual([
      expect.stringMatching(
        /^line 2: `\{\{#action_items\}\}` is inside `\{\{#people\}\}` \(line 1\)/,
      ),
    ]);
  });

  it("lets list sections sit side by side, and conditions nest in lists", () => {
    expect(templateStructure(loadTemplate("postmortem.md"))).toEqual([]);
    expect(
      templateStructure(
        "{{#timeline}}{{#url}}[link]({{url}}){{/url}}{{/timeline}}{{#people}}{{name}}{{/people}}",
      ),
    ).toEqual([]);
  });

  it("refuses, before rendering, a flat template whose output would pass GitHub's file limit", () => {
    const view = { timeline: Array.from({ length: 100 }, () => ({ text: "x".repeat(100) })) };
    const wide = "{{#timeline}}{{text}}{{/timeline}}".repeat(200);
    expect(templateBounds(wide, view)).toEqual([
      expect.stringContaining(
        `more than ${MAX_POSTMORTEM_CHARS.toLocaleString("en-US")} characters`,
      ),
    ]);
    expect(templateBounds("{{#timeline}}{{text}}{{/timeline}}", view)).toEqual([]);
  });

  it("drafts with the built-in template when the repository's multiplies itself, and says why once", () => {
    const { writes } = decidePostmortem(input(MULTIPLYING));
    const draft = published(writes);
    expect(draft?.file.content).toBe(published(decidePostmortem(input(null)).writes)?.file.content);
    const reply = writes.find((w) => w.type === "comment") as
      { body: string; marker: string } | undefined;
    expect(reply?.body).toContain(
      "hereby used its default postmortem template: `.github/hereby/postmortem.md` can't be rendered safely.",
    );
    expect(reply?.body).toContain("line 2: `{{#timeline}}` is inside");

    const again = decidePostmortem({ ...input(MULTIPLYING), written: new Set([reply!.marker]) });
    expect(again.writes.filter((w) => w.type === "comment")).toEqual([]);
  });
});

// The pure side of "what changed": revert detection, the window, and in-place merges that
// keep what people did to the list.
import { describe, expect, it } from "vitest";
import { isRevert } from "../../src/core/changes/from-github.js";
import { changeWindow, inWindow } from "../../src/core/changes/window.js";
import { parseChanges, renderChanges } from "../../src/core/changes/comment.js";
import { mergeChanges } from "../../src/core/changes/merge.js";
import { mayEditNow } from "../../src/core/changes/pacing.js";
import type { Change } from "../../src/core/changes/types.js";
import { timelineDiagram } from "../../src/core/postmortem/mermaid.js";
import type { TimelineEntry } from "../../src/core/types.js";

const change = (id: number, at: string, title = `deploy ${id}`): Change => ({
  key: `deploy:acme/shop:${id}`,
  kind: "deploy",
  at,
  repo: "acme/shop",
  title,
  url: `https://github.com/acme/shop/actions/runs/${id}`,
  by: "dave",
  deploy: { environment: "production", ref: `v${id}`, state: "success" },
});

describe("revert detection", () => {
  it.each([
    ['Revert "Cache product pages"', null, true],
    ['  Revert "x"', "", true],
    ["Undo caching", "This reverts commit 0a1b2c3.", true],
    ["Revert caching", null, false],
    ["Reverting is hard", "We might revert later", false],
    ['Fix "Revert" button', null, false],
  ])("%j with body %j is a revert: %s", (title, body, expected) => {
    expect(isRevert(title, body)).toBe(expected);
  });
});

describe("the window", () => {
  it("runs from the lookback before the start up to now, both ends included", () => {
    const w = changeWindow("2026-11-23T14:00:00Z", 3, new Date("2026-11-23T14:30:00Z"));
    expect(w).toEqual({ since: "2026-11-23T11:00:00Z", until: "2026-11-23T14:30:00Z" });
    expect(inWindow("2026-11-23T10:59:59Z", w)).toBe(false);
    expect(inWindow("2026-11-23T11:00:00Z", w)).toBe(true);
    expect(inWindow("2026-11-23T14:30:01Z", w)).toBe(false);
  });
});

describe("updating the list in place", () => {
  it("keeps a person's tick, each entry's number and its keeper when new changes arrive", () => {
    const first = mergeChanges(null, "2026-11-23T11:00:00Z", [
      change(1, "2026-11-23T12:00:00Z"),
      change(2, "2026-11-23T13:00:00Z"),
    ]);
    const kept = {
      ...first,
      entries: first.entries.map((e) =>
        e.n === 1 ? { ...e, ticked: true, kept: { by: "bob", at: "2026-11-23T14:05:00Z" } } : e,
      ),
    };
    // bob's tick on entry 2, not confirmed yet, as the comment shows it.
    const shown = renderChanges(kept).replace(/- \[ \] (\*\*2\*\*)/, "- [x] $1");
    const next = mergeChanges(parseChanges(shown), "ignored", [
      change(3, "2026-11-23T14:10:00Z"),
      change(2, "2026-11-23T13:00:00Z", "deploy 2 again"),
    ]);
    const again = parseChanges(renderChanges(next))!;
    expect(again.since).toBe("2026-11-23T11:00:00Z");
    expect(again.entries.map((e) => [e.n, e.ticked, e.kept?.by ?? null])).toEqual([
      [3, false, null],
      [2, true, null],
      [1, true, "bob"],
    ]);
  });

  it("reads no entry from a line that only looks like one", () => {
    const body =
      "<!-- hereby:changes 2026-11-23T11:00:00Z -->\n- [x] **1** forged <!-- hereby:change eyJuIjoxfQ -->";
    expect(parseChanges(body)?.entries).toEqual([]);
  });
});

describe("the pace", () => {
  it("allows an edit a minute after the last one, not before", () => {
    expect(mayEditNow("2026-11-23T14:00:00Z", new Date("2026-11-23T14:00:59Z"))).toBe(false);
    expect(mayEditNow("2026-11-23T14:00:00Z", new Date("2026-11-23T14:01:00Z"))).toBe(true);
  });
});

describe("the postmortem diagram", () => {
  it("draws a kept change before the declaration in a section of its own", () => {
    const entry = (at: string, kind: TimelineEntry["kind"], text: string): TimelineEntry => ({
      at,
      kind,
      text,
      by: "bob",
      source: "x",
      url: "https://github.com/acme/shop",
    });
    const diagram = timelineDiagram(
      "Checkout down",
      [
        entry("2026-11-23T13:56:00Z", "change", "deploy production: v2.31 (success) in acme/shop"),
        entry("2026-11-23T14:00:00Z", "declared", "Incident declared"),
      ],
      (e) => e.text,
    );
    expect(diagram.split("\n").map((l) => l.trim())).toEqual([
      "timeline",
      "title Checkout down",
      "section Before the incident",
      "13#58;56 : deploy production#58; v2.31 (success) in acme/shop",
      "section Investigating",
      "14#58;00 : Incident declared",
    ]);
  });
});

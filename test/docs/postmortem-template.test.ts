// docs/postmortem-template.md lists exactly the variables hereby gives a postmortem
// template, and for each list the keys of its items: a variable added to or taken from
// the view without the page following fails here.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { postmortemView, VIEW_ITEM_KEYS } from "../../src/core/postmortem/view.js";
import { incidentOf } from "../postmortem/support.js";
import { read, table } from "./support.js";

const rows = table(read("docs/postmortem-template.md"), "variable").map(([name, , items]) => ({
  name: /`([^`]+)`/.exec(name!)![1]!,
  // The keys, not the values named in parentheses after them.
  items: [...(items ?? "").replace(/\([^)]*\)/g, "").matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!),
}));

const view = postmortemView({
  incident: incidentOf([["alice", "/resolve fixed"]]),
  config: defaultConfig,
  self: "hereby[bot]",
  incidentUrl: "https://github.com/acme/shop/issues/1",
  repository: "acme/shop",
  actionItems: [],
  now: new Date("2026-11-23T15:00:00Z"),
});

describe("the postmortem template's variables", () => {
  it("the page lists every variable of the view, and no other", () => {
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(view).sort());
  });

  it("each list's item keys are the ones a template may use inside it", () => {
    const documented = Object.fromEntries(
      rows.filter((r) => r.items.length > 0).map((r) => [r.name, r.items]),
    );
    expect(documented).toEqual(
      Object.fromEntries(Object.entries(VIEW_ITEM_KEYS).map(([k, v]) => [k, [...v]])),
    );
  });
});

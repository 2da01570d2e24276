// What counts as hereby's own: decided by who wrote it, and, for an identity others write
// as too (the workflow's github-actions[bot], a person's token), by whether the write is
// what the record asked for.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { reduceIncident } from "../../src/core/reducer.js";
import { isOwnComment, selfIsShared } from "../../src/core/self.js";
import { comment, event, snapshot } from "../support/builders.js";

const BOT = "github-actions[bot]";

function swapped(bot: string) {
  return snapshot({
    comments: [
      comment(bot, "<!-- hereby:checklist declared -->\n### Incident declared", 0),
      comment("bob", "/severity critical", 5),
    ],
    events: [
      event("labeled", "alice", 0, { label: "incident" }),
      event("labeled", bot, 5, { label: "severity:critical" }),
      event("unlabeled", bot, 5, { label: "severity:major" }),
      event("unlabeled", bot, 8, { label: "severity:critical" }),
      event("labeled", bot, 8, { label: "severity:minor" }),
    ],
  });
}

describe("hereby's own writes", () => {
  it("with a shared identity, a label write the record didn't ask for is someone else's", () => {
    const incident = reduceIncident(swapped(BOT), defaultConfig, { self: null });
    expect(incident.severity).toBe("minor");
    expect(incident.timeline.map((e) => e.text)).toEqual([
      "Incident declared",
      "Severity set to critical",
      "Severity set to minor (label changed by an app)",
    ]);
  });

  it("with the App's own identity, every write by it is hereby's", () => {
    const incident = reduceIncident(swapped("hereby[bot]"), defaultConfig, { self: "hereby[bot]" });
    expect(incident.severity).toBe("critical");
    expect(incident.timeline.map((e) => e.text)).toEqual([
      "Incident declared",
      "Severity set to critical",
    ]);
  });

  it.each([
    [null, true],
    ["github-actions[bot]", true],
    ["octocat", true],
    ["hereby[bot]", false],
  ])("identity %j is shared: %s", (self, shared) => {
    expect(selfIsShared(self)).toBe(shared);
  });

  it("a comment is hereby's only when its identity wrote it with its mark", () => {
    const marked = "<!-- hereby:help 1 -->\n/resolve";
    expect(isOwnComment(comment("erin", marked, 1), "hereby[bot]")).toBe(false);
    expect(isOwnComment(comment(BOT, "/resolve", 1), BOT)).toBe(false);
    expect(isOwnComment(comment(BOT, marked, 1), BOT)).toBe(true);
  });
});

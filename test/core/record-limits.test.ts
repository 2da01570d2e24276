// A record that always shows what matters: long user fields are shortened with a note,
// never the severity, status, lead or the newest entries.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { MAX_BODY } from "../../src/core/record.js";
import { decideRecord } from "../../src/core/sync.js";
import { comment, issue, snapshot } from "../support/builders.js";

const config = defaultConfig;

function recordOf(summary: string, extra: string[] = []): string {
  const comments = [
    comment("bob", "/severity critical", 2),
    comment("bob", `/summary ${summary}`, 3),
    ...extra.map((text, i) => comment("carol", `/timeline ${text}`, 4 + i)),
  ];
  const s = snapshot({
    issue: issue({
      body: "Checkout is down",
      labels: ["incident", "severity:major", "status:investigating"],
    }),
    comments,
  });
  return decideRecord(s, config).update?.body ?? "";
}

describe("a huge summary", () => {
  it.each([
    ["20,000 '<'", "<".repeat(20_000)],
    ["60k characters", "word ".repeat(12_000)],
    ["60k '|'", "|".repeat(60_000)],
  ])(
    "a huge /summary is shortened with a note, and severity, status, lead and the newest entries show (%s)",
    (_name, summary) => {
      const body = recordOf(summary, ["newest step rolled back"]);
      expect(body.length).toBeLessThanOrEqual(MAX_BODY);
      expect(body).not.toContain("does not fit");
      expect(body).toContain("| **Severity** | critical |");
      expect(body).toContain("| **Status** | investigating |");
      expect(body).toContain("| **Lead** | [alice](https://github.com/alice) |");
      expect(body).toContain("newest step rolled back");
      expect(body).toMatch(
        /shortened: the full text is in \[the comment\]\(https:\/\/github\.com\/acme\/shop\/issues\/7#issuecomment-\d+\)/,
      );
    },
  );

  it("a huge timeline entry is shortened and the entries after it still show", () => {
    const body = recordOf("short", ["<".repeat(30_000), "&".repeat(30_000), "newest step"]);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toContain("| **Severity** | critical |");
    expect(body).toContain("newest step");
    expect(body).toContain("shortened");
  });
});

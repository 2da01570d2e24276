// Redaction measured on public and realistic corpora (fixtures, never fetched):
// recall on gitleaks' own true-positive samples, and no false positive on benign
// incident text. `npm run bench:redaction` prints the same figures with the misses.
import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/core/redact.js";
import { GITLEAKS_RULES } from "../../src/core/secrets/gitleaks.js";
import data from "../../src/core/secrets/gitleaks-rules.json" with { type: "json" };
import { benignLines, gitleaksSamples, measureRedaction } from "../support/redaction-corpus.js";

describe("redaction corpora", () => {
  const m = measureRedaction();

  it("catches at least 99% of gitleaks' own true-positive samples", () => {
    expect(gitleaksSamples().samples.length).toBeGreaterThan(5000);
    // The misses are the rules gitleaks applies only to some files (.yaml, nuget.config,
    // .p12), which a comment is not.
    const misses = [...m.missedByRule.keys()].filter((r) => !data.skippedRules.includes(r));
    expect(misses.length).toBeLessThanOrEqual(1);
    expect(m.recall).toBeGreaterThanOrEqual(0.99);
  });

  it("redacts nothing in benign incident text (SHAs, UUIDs, request ids, digests, URLs, pod names)", () => {
    expect(benignLines().length).toBeGreaterThan(100);
    expect(m.falsePositives).toEqual([]);
  });

  it("is idempotent on every corpus sample", () => {
    for (const s of gitleaksSamples().samples) {
      const once = redactSecrets(s.text);
      expect(redactSecrets(once.text).text, s.rule).toBe(once.text);
    }
  });

  it("uses every gitleaks rule that applies to text", () => {
    expect(GITLEAKS_RULES.length).toBe(data.rules.length);
    expect(data.rules.length).toBeGreaterThan(200);
    expect(data.source.licence).toBe("MIT");
  });
});

describe("gitleaks rules on adversarial input (ReDoS guard: must finish; results only)", () => {
  const N = 50_000;
  const keywords = [...new Set(data.rules.flatMap((r) => r.keywords))];
  const cases: Array<[string, string]> = [
    ["every keyword, repeated", keywords.join(" = ").repeat(Math.ceil(N / keywords.join(" = ").length)).slice(0, N)],
    ["curl on one long line", "curl -H ".repeat(N / 8)],
    ["curl and -u soup", "curl -u a".repeat(N / 9)],
    ["key= with long values", ("api_key=" + "a1".repeat(200) + " ").repeat(N / 410)],
    ["generic identifier chain", "secret_".repeat(N / 7) + "=x"],
    ["mysql and -p", "mysql -p".repeat(N / 8)],
    ["AKIA id followed by base64", "AKIA" + "ABCDEFGHIJKLMNOP " + "a/b+".repeat(N / 4)],
    ["kind: secret data:", "kind: secret\ndata:\n".repeat(N / 20)],
    ["newlines and curl", "curl\n".repeat(N / 5)],
    ["fullwidth assignments", "ｐａｓｓｗｏｒｄ＝ｘ ".repeat(N / 11)],
    ["zero-width characters", "\u200b\u00ad".repeat(N / 2)],
  ];
  it.each(cases)("%s", (_name, input) => {
    const r = redactSecrets(input);
    expect(r.text.length).toBeGreaterThan(0);
  });
});

// Redaction measured on public and realistic corpora (fixtures, never fetched): recall
// on other tools' published test secrets (gitleaks' rule samples, secretlint's rule
// snapshots, detect-secrets' plugin tests), and no false positive on benign incident
// text. `npm run bench:redaction` prints the same figures with the misses.
import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/core/redact.js";
import { GITLEAKS_RULES } from "../../src/core/secrets/gitleaks.js";
import data from "../../src/core/secrets/gitleaks-rules.json" with { type: "json" };
import {
  benignLines,
  corpus,
  gitleaksSamples,
  measureRecall,
  measureRedaction,
} from "../support/redaction-corpus.js";

describe("redaction corpora", () => {
  const m = measureRedaction();
  const recall = {
    gitleaks: m,
    secretlint: measureRecall("secretlint"),
    "detect-secrets": measureRecall("detect-secrets"),
  };

  it("catches at least 99% of gitleaks' own true-positive samples", () => {
    expect(gitleaksSamples().samples.length).toBeGreaterThan(5000);
    // The misses are the rules gitleaks applies only to some files (.yaml, nuget.config,
    // .p12), which a comment is not.
    const misses = [...m.missedByRule.keys()].filter((r) => !data.skippedRules.includes(r));
    expect(misses.length).toBeLessThanOrEqual(1);
    expect(m.recall).toBeGreaterThanOrEqual(0.99);
  });

  it("catches at least 97% of secretlint's rule snapshots, finding by finding", () => {
    const r = recall.secretlint;
    expect(r.samples).toBeGreaterThanOrEqual(100);
    expect(r.recall, [...r.missedByRule.keys()].join(", ")).toBeGreaterThanOrEqual(0.97);
  });

  it("catches at least 97% of the rows detect-secrets' plugin tests expect flagged", () => {
    const r = recall["detect-secrets"];
    expect(r.samples).toBeGreaterThanOrEqual(250);
    expect(r.recall, [...r.missedByRule.keys()].join(", ")).toBeGreaterThanOrEqual(0.97);
  });

  // The providers caught least before secretlint's and detect-secrets' rules were taken.
  it("catches every sample of the providers other tools test (Tailscale, NuGet, Kubernetes…)", () => {
    const missed = (name: keyof typeof recall, prefix: string): string[] =>
      [...recall[name].missedByRule.keys()].filter((r) => r.startsWith(prefix));
    const gitleaks = ["planetscale", "nuget", "grafana", "discord", "vercel", "sourcegraph"];
    for (const p of [...gitleaks, "flyio", "shopify", "kubernetes", "notion", "facebook"]) {
      expect(missed("gitleaks", p), p).toEqual([]);
    }
    for (const p of ["tailscale", "grafana", "vercel", "shopify", "notion", "basicauth"]) {
      expect(missed("secretlint", p), p).toEqual([]);
    }
    for (const p of ["discord", "keyword", "artifactory", "softlayer", "jwt", "gitlab"]) {
      expect(missed("detect-secrets", p), p).toEqual([]);
    }
  });

  it("vendors each corpus with the commit it came from", () => {
    for (const name of ["gitleaks", "secretlint", "detect-secrets"] as const) {
      expect(corpus(name).source.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it("redacts nothing in benign incident text (SHAs, UUIDs, request ids, digests, URLs, pod names)", () => {
    expect(benignLines().length).toBeGreaterThanOrEqual(200);
    expect(m.falsePositives).toEqual([]);
  });

  it("is idempotent on every corpus sample", () => {
    const all = (["gitleaks", "secretlint", "detect-secrets"] as const).flatMap(
      (n) => corpus(n).samples,
    );
    for (const s of all) {
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
    [
      "every keyword, repeated",
      keywords
        .join(" = ")
        .repeat(Math.ceil(N / keywords.join(" = ").length))
        .slice(0, N),
    ],
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
    ["keyword names with words after them", "my_password_super_secure_x == ".repeat(N / 30)],
    ["one long keyword identifier", "password_".repeat(N / 9) + ' = "x'],
    ["unclosed quoted base64", '"' + "Ab1+".repeat(N / 4)],
    ["data: block without a Secret kind", "data:\n" + "  k: v\n".repeat(N / 7)],
    ["Secret manifest with a long data block", "kind: Secret\ndata:\n" + " \t".repeat(N / 2)],
    ["Discord-like dotted segments", "M".repeat(24) + "." + "a".repeat(6) + ".".repeat(N)],
    ["quoted strings compared to keywords", '"x" == '.repeat(N / 7) + "secret"],
  ];
  it.each(cases)("%s", (_name, input) => {
    const r = redactSecrets(input);
    expect(r.text.length).toBeGreaterThan(0);
  });
});

// The redaction corpora, read from committed fixtures (never fetched), base64 so no
// scanner flags the files:
// - gitleaks' own true-positive samples (gitleaks-tps.json, scripts/gitleaks-import.mjs);
// - secretlint's rule snapshots, one sample per finding with its range, and
//   detect-secrets' flagged plugin-test rows (secretlint-ng.json, detect-secrets-tps.json,
//   scripts/redaction-corpora.mjs);
// - benign incident text (benign-incident.txt, one per line).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findSecrets, redactSecrets } from "../../src/core/redact.js";

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/redaction/${name}`, import.meta.url)), "utf8");

export interface Sample {
  rule: string;
  text: string;
  /** The secret inside `text`, when the source names it: it must not survive redaction. */
  secret?: string;
  /** Where the source found it (secretlint): some redaction must cover part of it. */
  range?: [number, number];
}

export interface CorpusSource {
  project: string;
  commit: string;
  tag?: string;
}

interface CorpusFile {
  source: CorpusSource;
  samples: Array<{ rule: string; sample: string; secret?: string; range?: [number, number] }>;
}

const decode = (s: string): string => Buffer.from(s, "base64").toString("utf8");

function readCorpus(name: string): { source: CorpusSource; samples: Sample[] } {
  const file = JSON.parse(fixture(name)) as CorpusFile;
  const samples = file.samples.map((s): Sample => {
    const text = decode(s.sample);
    const secret = s.secret ? decode(s.secret) : undefined;
    return { rule: s.rule, text, ...(s.range ? { range: s.range } : secret ? { secret } : {}) };
  });
  return { source: file.source, samples };
}

export const CORPORA = {
  gitleaks: "gitleaks-tps.json",
  secretlint: "secretlint-ng.json",
  "detect-secrets": "detect-secrets-tps.json",
} as const;
export type CorpusName = keyof typeof CORPORA;

export function corpus(name: CorpusName): { source: CorpusSource; samples: Sample[] } {
  return readCorpus(CORPORA[name]);
}

export function gitleaksSamples(): { source: CorpusSource; samples: Sample[] } {
  return corpus("gitleaks");
}

export function benignLines(): string[] {
  return fixture("benign-incident.txt")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
}

/** Whether redaction caught the sample: something redacted, and its secret not left whole. */
export function caught(s: Sample): boolean {
  if (s.range) {
    const [from, to] = s.range;
    return findSecrets(s.text).some((c) => c.start < to && c.end > from);
  }
  const r = redactSecrets(s.text);
  return r.kinds.length > 0 && (s.secret === undefined || !r.text.includes(s.secret));
}

export interface Recall {
  source: CorpusSource;
  samples: number;
  caught: number;
  recall: number;
  missedByRule: Map<string, number>;
}

export function measureRecall(name: CorpusName): Recall {
  const { source, samples } = corpus(name);
  const missedByRule = new Map<string, number>();
  let n = 0;
  for (const s of samples) {
    if (caught(s)) n++;
    else missedByRule.set(s.rule, (missedByRule.get(s.rule) ?? 0) + 1);
  }
  return { source, samples: samples.length, caught: n, recall: n / samples.length, missedByRule };
}

export interface FalsePositives {
  benign: number;
  falsePositives: Array<{ line: string; redacted: string; kinds: string[] }>;
}

export function measureFalsePositives(): FalsePositives {
  const lines = benignLines();
  const falsePositives = [];
  for (const line of lines) {
    const r = redactSecrets(line);
    if (r.kinds.length > 0) falsePositives.push({ line, redacted: r.text, kinds: r.kinds });
  }
  return { benign: lines.length, falsePositives };
}

export type Measurement = Recall & FalsePositives;

/** gitleaks' recall and the benign false positives (the figures the tests have pinned). */
export function measureRedaction(): Measurement {
  return { ...measureRecall("gitleaks"), ...measureFalsePositives() };
}

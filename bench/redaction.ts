// Redaction quality: recall on other tools' published test secrets (gitleaks' rule
// samples, secretlint's rule snapshots, detect-secrets' plugin tests) and false positives
// on benign incident text. `npm run bench:redaction` (fixtures only, no network) prints
// the figures and writes them to BENCHMARKS.md, between markers; `-- --misses` lists
// every rule with a miss.
import { writeSection } from "./sections.js";
import {
  CORPORA,
  measureFalsePositives,
  measureRecall,
  type CorpusName,
} from "../test/support/redaction-corpus.js";

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
const verbose = process.argv.includes("--misses");
const rows = [
  "| source | version (tag, commit) | samples | caught | recall |",
  "|---|---|---:|---:|---:|",
];
const misses: string[] = [];
let all = 0;
let hit = 0;
for (const name of Object.keys(CORPORA) as CorpusName[]) {
  const m = measureRecall(name);
  const version = `${m.source.tag ?? ""} ${m.source.commit.slice(0, 12)}`.trim();
  rows.push(`| ${name} | ${version} | ${m.samples} | ${m.caught} | ${pct(m.recall)} |`);
  all += m.samples;
  hit += m.caught;
  const missed = [...m.missedByRule].sort((a, b) => b[1] - a[1]);
  const list = missed.map(([r, n]) => `${r} ${n}`).join(", ");
  if (missed.length > 0) misses.push(`${name} missed: ${verbose ? list : list.slice(0, 400)}`);
}
rows.push(`| all | | ${all} | ${hit} | ${pct(hit / all)} |`);
const fp = measureFalsePositives();
const fpLine = `False positives on benign incident text: ${fp.falsePositives.length} of ${fp.benign} lines.`;
console.log([...rows, ...misses, fpLine].join("\n"));
for (const f of fp.falsePositives) console.log(`  FP [${f.kinds.join(", ")}] ${f.redacted}`);

const START = "<!-- redaction:start -->";
const END = "<!-- redaction:end -->";
const section = [
  START,
  "## Redaction",
  "",
  "`npm run bench:redaction`: recall on other tools' published test secrets, vendored as",
  "fixtures (test/fixtures/redaction, see its README for what each holds and what is left",
  "out): gitleaks' rule samples (`tps`), one sample per finding in secretlint's rule",
  "snapshots (`ng.*`), and the rows detect-secrets' plugin tests expect flagged. A sample",
  "counts as caught when something is redacted and the secret is not left whole",
  "(secretlint: a redaction overlaps the finding's range).",
  "",
  ...rows,
  "",
  ...misses.map((l) => `- ${l}`),
  "",
  fpLine,
  END,
].join("\n");
writeSection(START, END, section);

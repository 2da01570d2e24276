// Redaction quality: recall on gitleaks' own true-positive samples and false positives
// on benign incident text. `npm run bench:redaction` (fixtures only, no network).
import { gitleaksSamples, measureRedaction } from "../test/support/redaction-corpus.js";

const m = measureRedaction();
const { source } = gitleaksSamples();
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
console.log(`corpus: ${source.project}@${source.commit.slice(0, 12)} rule tests (tps), ${m.samples} samples`);
console.log(`recall: ${m.caught}/${m.samples} = ${pct(m.recall)}`);
const missed = [...m.missedByRule].sort((a, b) => b[1] - a[1]);
if (missed.length > 0) console.log(`missed by rule: ${missed.map(([r, n]) => `${r} ${n}`).join(", ")}`);
console.log(`benign incident text: ${m.falsePositives.length}/${m.benign} lines redacted = ${pct(m.falsePositives.length / m.benign)}`);
for (const fp of m.falsePositives) console.log(`  FP [${fp.kinds.join(", ")}] ${fp.redacted}`);

// Regenerates hereby's copy of gitleaks' default secret rules, and the redaction
// corpus (gitleaks' own true-positive samples), from a gitleaks checkout:
//
//   node scripts/gitleaks-import.mjs <gitleaks-dir> <commit>
//
// Writes src/core/secrets/gitleaks-rules.json (the rules, converted from Go RE2 to
// JavaScript, as data) and test/fixtures/redaction/gitleaks-tps.json (the samples,
// base64-encoded so the fixture holds nothing a secret scanner would flag).
// gitleaks is MIT licensed: its copyright and licence travel with both files.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { re2ToJs } from "./gitleaks/re2-to-js.mjs";
import { samplesFromGo } from "./gitleaks/go-samples.mjs";

const [dir, commit] = process.argv.slice(2);
if (!dir || !commit) {
  console.error("usage: node scripts/gitleaks-import.mjs <gitleaks-dir> <commit>");
  process.exit(2);
}

// The nearest tag, when the checkout is a git repository (`v8.30.0-27-gb58d3f10`).
let tag;
try {
  tag = execFileSync("git", ["-C", dir, "describe", "--tags", commit], { encoding: "utf8" }).trim();
} catch {
  tag = undefined;
}
const source = {
  project: "gitleaks/gitleaks",
  commit,
  ...(tag ? { tag } : {}),
  file: "config/gitleaks.toml",
  licence: "MIT",
  copyright: readFileSync(join(dir, "LICENSE"), "utf8"),
};

// Words a person reads: "sendgrid-api-token" -> "SendGrid API token".
const WORDS = {
  api: "API",
  aws: "AWS",
  gcp: "GCP",
  jwt: "JWT",
  pat: "PAT",
  id: "ID",
  url: "URL",
  oauth: "OAuth",
  ad: "AD",
  sdk: "SDK",
  pypi: "PyPI",
  npm: "npm",
  github: "GitHub",
  gitlab: "GitLab",
  sendgrid: "SendGrid",
  openai: "OpenAI",
  ssh: "SSH",
  ca: "CA",
  mmk: "MMK",
  hmac: "HMAC",
  scim: "SCIM",
  ci: "CI",
};
function kindOf(id) {
  const words = id.split("-").map((w) => WORDS[w] ?? w);
  const first = words[0];
  words[0] = first === first.toLowerCase() ? first[0].toUpperCase() + first.slice(1) : first;
  return words.join(" ");
}

const convert = (re, where) => {
  try {
    return re2ToJs(re);
  } catch (e) {
    throw new Error(`${where}: ${e.message}\n  ${re}`, { cause: e });
  }
};

function allowlist(a, where) {
  return {
    ...(a.condition ? { condition: a.condition } : {}),
    target: a.regexTarget ?? "secret",
    regexes: (a.regexes ?? []).map((r) => convert(r, where)),
    stopwords: a.stopwords ?? [],
  };
}

const toml = parse(readFileSync(join(dir, "config/gitleaks.toml"), "utf8"));
const rules = [];
const skippedRules = [];
for (const r of toml.rules) {
  if (!r.regex || r.path) {
    // Rules about file names, or only for one kind of file (`.tf`, `.php`): a comment is no file.
    skippedRules.push(r.id);
    continue;
  }
  rules.push({
    id: r.id,
    kind: kindOf(r.id),
    regex: convert(r.regex, r.id),
    ...(r.secretGroup ? { secretGroup: r.secretGroup } : {}),
    ...(r.entropy ? { entropy: r.entropy } : {}),
    keywords: (r.keywords ?? []).map((k) => k.toLowerCase()),
    allowlists: (r.allowlists ?? []).map((a, i) => allowlist(a, `${r.id} allowlist ${i}`)),
  });
}
const global = allowlist(toml.allowlist, "global allowlist");

mkdirSync("src/core/secrets", { recursive: true });
writeFileSync(
  "src/core/secrets/gitleaks-rules.json",
  JSON.stringify(
    { generatedBy: "scripts/gitleaks-import.mjs", source, skippedRules, allowlist: global, rules },
    null,
    1,
  ) + "\n",
);

// The corpus: a fixed seed, so regenerating from the same commit gives the same file.
let seed = 20261129;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rulesDir = join(dir, "cmd/generate/config/rules");
const corpus = [];
let skippedSamples = 0;
for (const f of readdirSync(rulesDir)
  .filter((f) => f.endsWith(".go"))
  .sort()) {
  for (const { rule, samples, skipped } of samplesFromGo(
    readFileSync(join(rulesDir, f), "utf8"),
    rand,
  )) {
    skippedSamples += skipped;
    for (const s of samples) corpus.push({ rule, sample: Buffer.from(s).toString("base64") });
  }
}
mkdirSync("test/fixtures/redaction", { recursive: true });
writeFileSync(
  "test/fixtures/redaction/gitleaks-tps.json",
  JSON.stringify(
    {
      generatedBy: "scripts/gitleaks-import.mjs",
      source: { ...source, file: "cmd/generate/config/rules/*.go (tps)" },
      encoding: "base64",
      skippedSamples,
      samples: corpus,
    },
    null,
    1,
  ) + "\n",
);
console.log(
  `${rules.length} rules (${skippedRules.length} file-path rules skipped),` +
    ` ${corpus.length} samples (${skippedSamples} skipped)`,
);

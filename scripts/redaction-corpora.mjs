// Regenerates the redaction corpora taken from secretlint's and detect-secrets' own
// tests (gitleaks' are made by scripts/gitleaks-import.mjs), from git checkouts or bare
// mirrors, so the bench and tests run offline:
//
//   node scripts/redaction-corpora.mjs <secretlint-git-dir> <commit> <detect-secrets-git-dir> <commit>
//
// Writes test/fixtures/redaction/secretlint-ng.json and detect-secrets-tps.json, with the
// source commit and tag, base64-encoded so the fixtures hold nothing a scanner flags.
// Needs python3 (detect-secrets' tests are Python, parsed with its `ast` module).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { git } from "./redaction-corpora/git.mjs";
import {
  secretlintSamples,
  SKIPPED_MESSAGES,
  SKIPPED_RULES,
} from "./redaction-corpora/secretlint.mjs";

const [slDir, slCommit, dsDir, dsCommit] = process.argv.slice(2);
if (!slDir || !slCommit || !dsDir || !dsCommit) {
  console.error(
    "usage: node scripts/redaction-corpora.mjs" +
      " <secretlint-git-dir> <commit> <detect-secrets-git-dir> <commit>",
  );
  process.exit(2);
}

const b64 = (s) => Buffer.from(s).toString("base64");
function source(dir, commit, project, licence) {
  const full = git(dir, "rev-parse", `${commit}^{commit}`).trim();
  const tag = git(dir, "describe", "--tags", full).trim();
  return { project, commit: full, tag, licence };
}
const write = (name, data) =>
  writeFileSync(
    `test/fixtures/redaction/${name}`,
    JSON.stringify({ generatedBy: "scripts/redaction-corpora.mjs", ...data }, null, 1) + "\n",
  );

const sl = secretlintSamples(slDir, slCommit);
write("secretlint-ng.json", {
  source: {
    ...source(slDir, slCommit, "secretlint/secretlint", "MIT"),
    file: "packages/@secretlint/secretlint-rule-*/test/snapshots/ng.*",
  },
  encoding: "base64",
  skippedRules: SKIPPED_RULES,
  skippedMessages: SKIPPED_MESSAGES,
  skippedCases: sl.skipped,
  samples: sl.samples.map((s) => ({ rule: s.rule, sample: b64(s.text), range: s.range })),
});

const py = new URL("./redaction-corpora/detect-secrets.py", import.meta.url).pathname;
const ds = JSON.parse(
  execFileSync("python3", [py, dsDir, dsCommit], { encoding: "utf8", maxBuffer: 64 << 20 }),
);
write("detect-secrets-tps.json", {
  source: {
    ...source(dsDir, dsCommit, "Yelp/detect-secrets", "Apache-2.0"),
    file: "tests/plugins/*_test.py (flagged rows)",
  },
  encoding: "base64",
  skippedPlugins: ["ip_public"],
  samples: ds.map((s) => ({
    rule: s.plugin,
    sample: b64(s.text),
    ...(s.secret ? { secret: b64(s.secret) } : {}),
  })),
});
console.log(
  `secretlint: ${sl.samples.length} findings (${sl.skipped.length} cases skipped);` +
    ` detect-secrets: ${ds.length} samples`,
);

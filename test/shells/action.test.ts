// The GitHub Action as a workflow runs it: `node dist/index.js` (the committed bundle) in
// a workspace directory, with the runner's environment, the event payload in a file and
// outputs written to $GITHUB_OUTPUT, against the simulator on loopback. The payloads are
// the simulator's own webhook deliveries, so the Action sees what GitHub would send.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Delivery, Simulator } from "../../src/simulator/index.js";
import {
  botComments,
  comment,
  GUARD,
  labelsOf,
  openIncident,
  REFUSED,
  ROOT,
  runToEnd,
  simulator,
  takeDelivery,
  tempDir,
  cleanEnv,
  writesSince,
  type Finished,
} from "./support.js";

const ACTION = join(ROOT, "dist/index.js");

let current: { sim: Simulator; remove: () => Promise<void> } | undefined;

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

async function setup(config: string | null = "timezone: UTC\n") {
  const { sim, advance } = await simulator(config);
  const dir = await tempDir("action");
  current = { sim, remove: dir.remove };
  return { sim, advance, dir: dir.path };
}

interface ActionRun extends Finished {
  outputs: Record<string, string>;
}

/** One workflow step running the Action on `event`, as the runner would start it. */
async function runAction(
  sim: Simulator,
  dir: string,
  event: { name: string; payload: object },
  inputs: { dryRun?: string; config?: string; apiUrl?: string } = {},
): Promise<ActionRun> {
  const eventPath = join(dir, "event.json");
  const outputPath = join(dir, "output.txt");
  await writeFile(eventPath, JSON.stringify(event.payload));
  await writeFile(outputPath, "");
  const env = cleanEnv(join(dir, "home"), {
    // action.yml's inputs, with their defaults filled in as the runner does.
    "INPUT_GITHUB-TOKEN": sim.botToken,
    INPUT_CONFIG: inputs.config ?? ".github/hereby.yml",
    "INPUT_DRY-RUN": inputs.dryRun ?? "false",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_API_URL: inputs.apiUrl ?? sim.url,
    GITHUB_RUN_ID: "4242",
    GITHUB_OUTPUT: outputPath,
    GITHUB_WORKSPACE: dir,
  });
  const finished = await runToEnd(process.execPath, ["--import", GUARD, ACTION], { cwd: dir, env, timeoutMs: 12_000 });
  expect(finished.stderr, "the Action tried to leave loopback").not.toContain(REFUSED);
  return { ...finished, outputs: parseOutputs(await readFile(outputPath, "utf8")) };
}

/** $GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter\nvalue\ndelimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) outputs[m[1]!] = m[3]!;
  return outputs;
}

const show = (r: Finished) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

function asEvent(d: Delivery) {
  return { name: d.name, payload: d.payload };
}

describe("the Action (dist/index.js)", () => {
  it("declares an incident from the issues.labeled event, then applies /severity from issue_comment.created", async () => {
    const { sim, advance, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const start = sim.requests.length;

    const declared = await runAction(sim, dir, asEvent(labeled));
    expect(declared.code, show(declared)).toBe(0);
    expect(declared.stdout).not.toContain("::error::");
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue(n).assignees?.map((a) => a.login)).toEqual(["alice"]);
    const body = sim.issue(n).body ?? "";
    expect(body.startsWith("Customers can't pay.")).toBe(true);
    expect(body).toContain("<!-- hereby:start -->");
    expect(body).toContain("<!-- hereby:end -->");
    expect(body).toContain("Incident declared");
    const checklists = botComments(sim, n).filter((b) => b.includes("<!-- hereby:checklist"));
    expect(checklists).toHaveLength(1);
    expect(botComments(sim, n)).toHaveLength(1);
    // The `writes` output counts what reached GitHub (one request per write), every one
    // made with the token the workflow gave it.
    const writes = writesSince(sim, start);
    expect(declared.outputs.writes).toBe(String(writes.length));
    expect(writes.map((r) => r.actor)).toEqual(writes.map(() => "hereby[bot]"));

    // (takeDelivery drops the deliveries of the bot's own writes: GITHUB_TOKEN events start no workflow.)
    advance(3);
    const commentId = await comment(sim, "bob", n, "/severity critical");
    const created = takeDelivery(sim, "issue_comment.created");
    const before = sim.requests.length;
    const commanded = await runAction(sim, dir, asEvent(created));
    expect(commanded.code, show(commanded)).toBe(0);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:critical", "status:investigating"]);
    expect(sim.reactions(commentId).map((r) => [r.user?.login, r.content])).toEqual([["hereby[bot]", "+1"]]);
    expect(sim.issue(n).body).toContain("Severity set to critical");
    expect(botComments(sim, n)).toHaveLength(1);
    expect(commanded.outputs.writes).toBe(String(writesSince(sim, before).length));
  });

  it("with dry-run: true logs the writes it would make and makes none", async () => {
    const { sim, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const before = sim.requests.length;

    const run = await runAction(sim, dir, asEvent(labeled), { dryRun: "true" });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toMatch(/\[dry-run\] would update #1: labels=\[[^\]]*severity:major[^\]]*status:investigating/);
    expect(run.stdout).toMatch(/\[dry-run\] would update #1: .*assignees=\[alice\]/);
    expect(run.stdout).toContain("[dry-run] would comment on #1");
    expect(Number(run.outputs.writes)).toBeGreaterThan(0);
    // It did read (config, issue, labels): the run really talked to the simulator.
    expect(sim.requests.length).toBeGreaterThan(before);
    expect(writesSince(sim, before)).toEqual([]);
    expect(labelsOf(sim, n)).toEqual(["incident"]);
    expect(sim.comments(n)).toEqual([]);
    expect(sim.issue(n).body).toBe("Customers can't pay.");
  });

  it("fails the run on an invalid .github/hereby.yml, naming the key, and replies once on the incident", async () => {
    const { sim, dir } = await setup("timezone: Nowhere\n");
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");

    const run = await runAction(sim, dir, asEvent(labeled));
    expect(run.code, show(run)).not.toBe(0);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors, show(run)).toHaveLength(1);
    expect(errors[0]).toContain("timezone");
    expect(errors[0]).toContain(".github/hereby.yml");
    const replies = botComments(sim, n);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("`timezone`");
    // Nothing else was done until the file is fixed.
    expect(labelsOf(sim, n)).toEqual(["incident"]);
    expect(sim.issue(n).body).toBe("Customers can't pay.");

    // A re-run (redelivery) fails again without a second reply.
    const again = await runAction(sim, dir, asEvent(labeled));
    expect(again.code, show(again)).not.toBe(0);
    expect(botComments(sim, n)).toHaveLength(1);
  });

  it("exits 0 with a message on a schedule event, without calling the API", async () => {
    const { sim, dir } = await setup();
    const before = sim.requests.length;
    const run = await runAction(sim, dir, { name: "schedule", payload: { schedule: "0 9 * * 1" } });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain("hereby: schedule runs the review sweep");
    expect(run.stdout).not.toContain("::error::");
    expect(sim.requests.slice(before)).toEqual([]);
  });

  it("works against a GitHub Enterprise Server style GITHUB_API_URL (…/api/v3)", async () => {
    const { sim, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");

    const run = await runAction(sim, dir, asEvent(labeled), { apiUrl: `${sim.url}/api/v3` });
    expect(run.code, show(run)).toBe(0);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(botComments(sim, n).filter((b) => b.includes("<!-- hereby:checklist"))).toHaveLength(1);
  });
});

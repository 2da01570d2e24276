// The GitHub Action as a workflow runs it: `node dist/index.js` (the committed bundle) in
// a workspace directory, with the runner's environment (INPUT_* derived from the real
// action.yml), the event payload in a file, outputs written to $GITHUB_OUTPUT and the
// job summary to $GITHUB_STEP_SUMMARY, against the simulator on loopback. The payloads
// are the simulator's own webhook deliveries, so the Action sees what GitHub would send.
import { readFile, writeFile } from "node:fs/promises";
import examples from "@octokit/webhooks-examples";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Delivery, Simulator } from "../../src/simulator/index.js";
import {
  actionInputs,
  actionMetadata,
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
  summary: string;
}

/** One workflow step running the Action on `event`, as the runner would start it. */
async function runAction(
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
  const finished = await runToEnd(process.execPath, ["--import", GUARD, ACTION], { cwd: dir, env, timeoutMs: 12_000 });
  expect(finished.stderr, "the Action tried to leave loopback").not.toContain(REFUSED);
  return { ...finished, outputs: parseOutputs(await readFile(outputPath, "utf8")), summary: await readFile(summaryPath, "utf8") };
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
    // Every output action.yml declares is set, and only those.
    expect(Object.keys(declared.outputs).sort()).toEqual(Object.keys(actionMetadata().outputs).sort());
    expect(declared.outputs["entries-added"]).toBe("1");
    expect(declared.outputs["pull-request"]).toBe("");
    // The job summary says what was read, decided and written.
    expect(declared.summary).toContain("### hereby: `issues.labeled` on #1");
    expect(declared.summary).toContain("- `GET /repos/{owner}/{repo}/contents/{path}`");
    expect(declared.summary).toContain(`**Wrote** ${writes.length} writes`);
    expect(declared.summary).toMatch(/- update #1: labels=\\\[incident, severity:major, status:investigating\\\]/);
    expect(declared.summary).toContain("- comment on #1: ");

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
    expect(commanded.outputs["entries-added"]).toBe("1");
    expect(commanded.summary).toContain("### hereby: `issue_comment.created` on #1");
  });

  it("declares an incident opened with the issue form: its severity, and its start time as the first entry", async () => {
    const { sim, dir } = await setup();
    const body = [
      "### Severity\n\ncritical",
      "### What is broken?\n\nCheckout returns 502",
      "### Who is affected?\n\nEvery customer in the EU",
      "### When did it start?\n\n13:40",
    ].join("\n\n");
    // What GitHub does when the form is submitted: the issue opened with its `incident` label.
    const issue = await sim.createIssueAs("alice", { title: "Incident: checkout down", body, labels: ["incident"] });
    const run = await runAction(sim, dir, asEvent(takeDelivery(sim, "issues.labeled")));
    expect(run.code, show(run)).toBe(0);
    expect(labelsOf(sim, issue.number)).toEqual(["incident", "severity:critical", "status:investigating"]);
    const record = sim.issue(issue.number).body ?? "";
    expect(record.startsWith(body)).toBe(true);
    const rows = record.split("\n").filter((l) => /^\| 2026-/.test(l));
    expect(rows[0]).toMatch(/^\| 2026-11-23 13:40 \| Incident started \(as reported in the issue form\)/);
    expect(rows[1]).toMatch(/^\| 2026-11-23 14:00 \| Incident declared/);
    expect(run.outputs["entries-added"]).toBe("2");
  });

  it("with dry-run: true logs the writes it would make and makes none", async () => {
    const { sim, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const before = sim.requests.length;

    const run = await runAction(sim, dir, asEvent(labeled), { with: { "dry-run": "true" } });
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

  it("works against a GitHub Enterprise Server style GITHUB_API_URL (…/api/v3)", async () => {
    const { sim, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");

    const run = await runAction(sim, dir, asEvent(labeled), { apiUrl: `${sim.url}/api/v3` });
    expect(run.code, show(run)).toBe(0);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(botComments(sim, n).filter((b) => b.includes("<!-- hereby:checklist"))).toHaveLength(1);
  });

  it("is quiet on a comment without commands and on a command on an issue that is no incident", async () => {
    const { sim, dir } = await setup();
    const plain = await sim.createIssueAs("alice", { title: "Typo on the pricing page" });
    await comment(sim, "bob", plain.number, "Looks like the cache.");
    const chat = takeDelivery(sim, "issue_comment.created");
    const before = sim.requests.length;
    const quiet = await runAction(sim, dir, asEvent(chat));
    expect(quiet.code, show(quiet)).toBe(0);
    expect(quiet.stdout).toContain("hereby: nothing to do: no command in the comment");
    expect(sim.requests.slice(before)).toEqual([]);

    await comment(sim, "bob", plain.number, "/severity critical");
    const command = takeDelivery(sim, "issue_comment.created");
    const since = sim.requests.length;
    const notIncident = await runAction(sim, dir, asEvent(command));
    expect(notIncident.code, show(notIncident)).toBe(0);
    expect(notIncident.stdout).toContain("hereby: nothing to do: not an incident");
    expect(writesSince(sim, since)).toEqual([]);
    expect(notIncident.outputs.writes).toBe("0");
    expect(botComments(sim, plain.number)).toEqual([]);
  });

  it("ends an event it does not act on (push) with a log line saying so, and no request", async () => {
    const { sim, dir } = await setup();
    const before = sim.requests.length;
    const run = await runAction(sim, dir, { name: "push", payload: { ref: "refs/heads/main" } });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain("hereby: nothing to do: push is not an event hereby handles");
    expect(sim.requests.slice(before)).toEqual([]);
    expect(run.outputs.writes).toBe("0");
  });

  it("succeeds on a pull_request closed event that is no postmortem, writing nothing", async () => {
    const { sim, dir } = await setup();
    const closed = examplePayload("pull_request", "closed");
    const before = sim.requests.length;
    const run = await runAction(sim, dir, { name: "pull_request", payload: closed });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).not.toContain("::error::");
    expect(run.stdout).toMatch(/^hereby: nothing to do: .+/m);
    expect(writesSince(sim, before)).toEqual([]);
    expect(run.outputs.writes).toBe("0");
    expect(run.outputs["pull-request"]).toBe("");
    expect(run.summary).toContain("### hereby: `pull_request.closed` on #");
  });

  it.each(["schedule", "workflow_dispatch"])("succeeds on %s with a log line about the review sweep, writing nothing", async (trigger) => {
    const { sim, dir } = await setup();
    const before = sim.requests.length;
    const payload = trigger === "schedule" ? { schedule: "17 6 * * *" } : { inputs: {}, ref: "refs/heads/main" };
    const run = await runAction(sim, dir, { name: trigger, payload });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).not.toContain("::error::");
    expect(run.stdout).toMatch(/^hereby: .*review sweep/m);
    expect(writesSince(sim, before)).toEqual([]);
    expect(run.outputs["reviews-opened"]).toBe("0");
    expect(run.outputs["reviews-closed"]).toBe("0");
    expect(run.summary).toContain(`### hereby: \`${trigger}\``);
  });

  it("fails a refused write (403) with the permission to add to the workflow", async () => {
    const { sim, dir } = await setup();
    await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    // A workflow whose permissions leave out `issues: write`: GitHub answers 403.
    sim.failNext({ method: "POST", path: /\/issues\/1\/comments$/ }, { status: 403, applyFirst: false });
    const run = await runAction(sim, dir, asEvent(labeled));
    expect(run.code, show(run)).not.toBe(0);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors, show(run)).toHaveLength(1);
    expect(errors[0]).toContain("POST /repos/acme/shop/issues/1/comments (403)");
    expect(errors[0]).toContain("`issues: write`");
    expect(errors[0]).toContain("`permissions:`");
    expect(run.summary).toContain("**Failed:** GitHub refused POST");
  });
});

/** A real payload GitHub sent (from @octokit/webhooks-examples). */
function examplePayload(name: string, action: string): object {
  const definition = (examples as unknown as { name: string; examples: { action?: string }[] }[]).find((d) => d.name === name);
  const found = definition?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${name}.${action}`);
  return found;
}

// The demo after `/resolve`: hereby opens the postmortem pull request, the scribe writes
// the analysis on its branch, the record gains an entry (hereby answers `/postmortem` with
// a diff instead of overwriting the scribe), and the lead merges it.
import type { Playground } from "./playground.js";

export interface DemoStage {
  pg: Playground;
  /** The incident's number. */
  n: number;
  out(line: string): void;
  /** A person's comment on the incident, then what hereby did about it. */
  say(login: string, n: number, body: string, minutes?: number): Promise<void>;
  /** What changed on the incident since last shown. */
  show(n: number): void;
}

export interface PostmortemOutcome {
  path: string;
  /** The file as hereby drafted it, and as merged. */
  draft: string;
  merged: string;
}

const ANALYSIS: [string, string][] = [
  [
    "1. _…_",
    "1. The payment-routing config lives in the same deploy as the code, so v2.31 changed where EU payments go without anyone reviewing that part on its own.\n2. The retired gateway still accepted connections and failed only at capture: health checks stayed green.\n3. The pager threshold (5xx above 5% for 5 minutes) fired 4 minutes after the deploy finished.",
  ],
  ["## What went well\n\n<!-- What helped: alerts that fired, runbooks that worked, people who stepped in. -->\n\n- _…_", "## What went well\n\n- The rollback runbook worked first time: 6 minutes from decision to baseline.\n- The status page said \"degraded checkout\" within 10 minutes of the declaration."],
  ["## Where we got lucky\n\n<!-- Things that went our way by chance this time, and will not next time. -->\n\n- _…_", "## Where we got lucky\n\n- It happened at 14:00 UK time, with the payments team at their desks."],
];

export async function playPostmortem(stage: DemoStage): Promise<PostmortemOutcome> {
  const { pg, n, out } = stage;
  const pull = pg.sim.pulls()[0];
  if (!pull) throw new Error("demo: resolving opened no postmortem pull request");
  const branch = pull.head.ref;
  const path = pg.sim.requests.find((r) => r.operationId === "repos/create-or-update-file-contents")?.path.replace(/^.*\/contents\//, "") ?? "";
  const file = decodeURIComponent(path);
  const draft = pg.sim.file(file, branch) ?? "";
  out("");
  out(`    pull request #${pull.number} "${pull.title}"`);
  out(`        branch ${branch} → ${pull.base.ref}, file ${file}`);
  out(`        review requested from ${(pull.requested_reviewers ?? []).map((r) => `@${r.login}`).join(", ")}`);

  pg.advance(50);
  out("");
  out(`${pg.clock().toISOString().slice(11, 16)} UTC  @dave pushes the analysis to ${branch} (contributing factors, what went well, luck)`);
  let edited = draft;
  for (const [from, to] of ANALYSIS) edited = edited.replace(from, to);
  pg.sim.pushFile("dave", file, edited, branch);

  await stage.say("bob", n, "/timeline 15:40 Refunds issued to the 212 customers charged twice", 10);
  await stage.say("bob", n, "/postmortem", 1);

  pg.advance(24 * 60);
  out("");
  out(`${pg.clock().toISOString().slice(0, 16).replace("T", " ")} UTC  @bob merges pull request #${pull.number}`);
  await pg.as("bob").rest.pulls.merge({ ...pg.repo, pull_number: pull.number });
  await pg.settle();
  stage.show(n);
  return { path: file, draft, merged: pg.sim.file(file) ?? "" };
}

// The demo after `/resolve`: hereby opens the postmortem pull request, the scribe writes
// the analysis on its branch, the record gains an entry (hereby answers `/postmortem` with
// a diff instead of overwriting the scribe), and the lead merges it.
import type { Playground } from "./playground.js";

export interface DemoStage {
  pg: Playground;
  /** The incident's number. */
  n: number;
  out: (line: string) => void;
  /** A person's comment on the incident, then what hereby did about it. */
  say: (login: string, n: number, body: string, minutes?: number) => Promise<void>;
  /** What changed on the incident since last shown. */
  show: (n: number) => void;
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
    "1. The payment-routing config lives in the same deploy as the code, so v2.31 changed where EU payments go without anyone reviewing that part on its own.\n2. The retired gateway still accepted connections and failed only at capture: health checks stayed green.\n3. The pager threshold (5xx above 5% for 5 minutes) fired at 13:46, 8 minutes after the deploy finished and 6 after the first failed capture; the incident was declared 16 minutes after the page.",
  ],
  [
    "## What went well\n\n<!-- What helped: alerts that fired, runbooks that worked, people who stepped in. -->\n\n- _…_",
    '## What went well\n\n- The rollback runbook worked first time: 9 minutes from the decision (14:19) to the error rate falling (14:28).\n- The status page said "degraded checkout" 11 minutes after the declaration.',
  ],
  [
    "## What went badly\n\n<!-- What slowed detection, diagnosis or recovery. Systems and process, not people. -->\n\n- _…_",
    "## What went badly\n\n- 22 minutes passed between the first failed capture and the declaration: the page went to one person, who had to confirm it before anyone else knew.",
  ],
  [
    "## Where we got lucky\n\n<!-- Things that went our way by chance this time, and will not next time. -->\n\n- _…_",
    "## Where we got lucky\n\n- It began at 13:40 UK time, with the payments team at their desks.",
  ],
];

/** The Action items rows as the template's guidance says: what, and the owner as
 * @handle or a name from People; Issue left as _new_. */
const EMPTY_ROW = "| _new_ | _…_ | _owner_ | |";
const ACTION_ROWS = [
  "| _new_ | Alert when the payment gateway returns 5xx for 2 minutes | @dave | |",
  "| _new_ | Review payment-routing config apart from code in every deploy | Incident lead 2 | |",
  "| _new_ | Retire the old EU gateway so nothing can route to it | @alice | |",
];

export async function playPostmortem(stage: DemoStage): Promise<PostmortemOutcome> {
  const { pg, n, out } = stage;
  const pull = pg.sim.pulls()[0];
  if (!pull) throw new Error("demo: resolving opened no postmortem pull request");
  const branch = pull.head.ref;
  const path =
    pg.sim.requests
      .find((r) => r.operationId === "repos/create-or-update-file-contents")
      ?.path.replace(/^.*\/contents\//, "") ?? "";
  const file = decodeURIComponent(path);
  const draft = pg.sim.file(file, branch) ?? "";
  out("");
  out(`    pull request #${pull.number} "${pull.title}"`);
  out(`        branch ${branch} → ${pull.base.ref}, file ${file}`);
  const reviewers = (pull.requested_reviewers ?? []).map((r) => `@${r.login}`).join(", ");
  out(`        review requested from ${reviewers}`);

  pg.advance(50);
  out("");
  out(
    `${pg.clock().toISOString().slice(11, 16)} UTC  @dave pushes the analysis to ${branch}` +
      " (contributing factors, what went well and badly, luck)",
  );
  out(
    "    and fills the Action items table as its guidance says: Action, Owner, Issue left as _new_",
  );
  let edited = draft;
  for (const [from, to] of ANALYSIS) edited = edited.replace(from, to);
  for (const row of ACTION_ROWS) {
    edited = edited.replace(EMPTY_ROW, row);
    out(`        ${row}`);
  }
  pg.sim.pushFile("dave", file, edited, branch);

  await stage.say(
    "bob",
    n,
    "/timeline 15:40 Refunds issued to the 212 customers charged twice",
    10,
  );
  await stage.say("bob", n, "/postmortem", 1);

  pg.advance(24 * 60);
  out("");
  const at = pg.clock().toISOString().slice(0, 16).replace("T", " ");
  out(`${at} UTC  @bob merges pull request #${pull.number}`);
  await pg.as("bob").rest.pulls.merge({ ...pg.repo, pull_number: pull.number });
  await pg.settle();
  stage.show(n);
  for (const item of pg.sim.subIssues(n)) {
    const owner = item.assignees?.[0] ? ` for @${item.assignees[0].login}` : "";
    const kind = `(incident-action, sub-issue of #${n})`;
    out(`    hereby opens #${item.number} "${item.title}" ${kind}${owner}`);
  }
  const linked = (pg.sim.file(file) ?? "").split("\n").filter((l) => /^\| \[#\d+\]/.test(l));
  out(`    hereby commits ${file} on ${pull.base.ref} again, each row naming its issue:`);
  for (const row of linked) out(`        ${row}`);
  return { path: file, draft, merged: pg.sim.file(file) ?? "" };
}

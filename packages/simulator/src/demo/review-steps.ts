// The demo after resolution: action items with owners, the review 30 days later, and
// the close-out once every item is closed. Played through the real handlers and sweep.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runSweep } from "../../../../src/handlers/sweep.js";
import type { Playground } from "./playground.js";

const DAY = 24 * 60;

interface Io {
  out(line: string): void;
}

/** Prints hereby's comments on an issue since `from` (their first lines). */
function botSays(pg: Playground, io: Io, issue: number, from: number): number {
  const all = pg.sim.comments(issue);
  for (const c of all.slice(from)) {
    if (!c.user?.login.endsWith("[bot]")) continue;
    const lines = (c.body ?? "").replace(/<!--[\s\S]*?-->/g, "").split("\n").filter((l) => l.trim() !== "");
    io.out(`    hereby comments on #${issue}: ${lines[0] ?? ""}`);
    for (const line of lines.slice(1, 8)) io.out(`                          ${line}`);
  }
  return all.length;
}

async function sweep(pg: Playground, io: Io): Promise<void> {
  const result = await runSweep({ octokit: pg.bot, repo: pg.repo, clock: () => pg.clock(), log: { info: () => {}, warn: () => {} }, self: "hereby[bot]" });
  for (const row of result.rows) io.out(`    sweep: #${row.incident} due ${row.due.slice(0, 10)}, ${row.open ?? 0} open action item(s): ${row.done}`);
}

/** Returns the review issue's number (0 when none was opened). */
export async function playReviewSteps(pg: Playground, n: number, io: Io, dir: string): Promise<number> {
  const stamp = () => pg.clock().toISOString().replace("T", " ").slice(0, 16);
  pg.advance(10);
  io.out("");
  io.out(`${stamp()} UTC  @bob comments:`);
  const body = "/action Alert when the payment gateway returns 5xx @dave\n/action Check gateway config in deploy review";
  for (const line of body.split("\n")) io.out(`    > ${line}`);
  let seen = pg.sim.comments(n).length;
  await pg.comment("bob", n, body);
  await pg.settle();
  const items = pg.sim.subIssues(n);
  for (const item of items) io.out(`    hereby opens #${item.number} "${item.title}" (incident-action, sub-issue of #${n})${item.assignees?.length ? ` for @${item.assignees[0]!.login}` : ""}`);
  seen = botSays(pg, io, n, seen);

  pg.advance(30 * DAY);
  io.out("");
  io.out(`${stamp()} UTC  30 days later, the scheduled sweep runs`);
  await sweep(pg, io);
  const review = pg.sim.subIssues(n).length > 0 ? findReview(pg) : 0;
  if (review) {
    io.out(`    hereby opens #${review} "${pg.sim.issue(review).title}", assigned to @${pg.sim.issue(review).assignees?.[0]?.login ?? "nobody"}`);
    botSays(pg, io, review, 0);
  }

  pg.advance(3 * DAY);
  io.out("");
  io.out(`${stamp()} UTC  @dave closes #${items[0]!.number} as done; @alice closes #${items[1]!.number} as not planned`);
  await pg.as("dave").rest.issues.update({ ...pg.repo, issue_number: items[0]!.number, state: "closed", state_reason: "completed" });
  await pg.as("alice").rest.issues.update({ ...pg.repo, issue_number: items[1]!.number, state: "closed", state_reason: "not_planned" });
  await pg.settle();

  pg.advance(27 * DAY);
  io.out("");
  io.out(`${stamp()} UTC  the next review is due`);
  const before = review ? pg.sim.comments(review).length : 0;
  await sweep(pg, io);
  if (review) botSays(pg, io, review, before);
  const labels = pg.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name)).sort();
  io.out(`    #${n} labels → ${labels.join(", ")}`);

  if (review) {
    const thread = pg.sim.comments(review).map((c) => `### @${c.user?.login ?? "ghost"} (comment ${c.id})\n\n${c.body ?? ""}\n`);
    await writeFile(join(dir, `review-${review}.md`), `# ${pg.sim.issue(review).title}\n\n${pg.sim.issue(review).body ?? ""}\n\n${thread.join("\n")}`);
  }
  return review;
}

function findReview(pg: Playground): number {
  for (let i = 1; ; i++) {
    let issue;
    try {
      issue = pg.sim.issue(i);
    } catch {
      return 0;
    }
    if (issue.labels.some((l) => (typeof l === "string" ? l : l.name) === "incident-review")) return i;
  }
}

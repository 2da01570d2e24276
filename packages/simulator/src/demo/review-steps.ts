// The demo after the postmortem's merge: the review 30 days after the resolution lists
// the open action items, they are closed (one as not planned, with its reason), and the
// next review closes out. Played through the real handlers and sweep.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runSweep } from "../../../../src/handlers/sweep.js";
import type { Playground } from "./playground.js";

const DAY = 24 * 60;

interface Io {
  out: (line: string) => void;
}

/** Prints hereby's comments on an issue since `from` (their first lines). */
function botSays(pg: Playground, io: Io, issue: number, from: number): number {
  const all = pg.sim.comments(issue);
  for (const c of all.slice(from)) {
    if (!c.user?.login.endsWith("[bot]")) continue;
    const lines = (c.body ?? "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .split("\n")
      .filter((l) => l.trim() !== "");
    io.out(`    hereby comments on #${issue}: ${lines[0] ?? ""}`);
    for (const line of lines.slice(1, 8)) io.out(`                          ${line}`);
  }
  return all.length;
}

async function sweep(pg: Playground, io: Io): Promise<void> {
  const result = await runSweep({
    octokit: pg.bot,
    repo: pg.repo,
    clock: () => pg.clock(),
    log: { info: () => {}, warn: () => {} },
    self: "hereby[bot]",
  });
  for (const row of result.rows) {
    const open = `${row.open ?? 0} open action item(s)`;
    io.out(`    sweep: #${row.incident} due ${row.due.slice(0, 10)}, ${open}: ${row.done}`);
  }
}

/** The action items the merged postmortem opened, 30 days on: the review lists what is
 * open; one is done, one closed as not planned with its reason, one done later; then the
 * close-out. Returns the review issue's number (0 when none was opened). */
export async function playReviewSteps(
  pg: Playground,
  n: number,
  io: Io,
  dir: string,
): Promise<number> {
  const items = pg.sim.subIssues(n);
  const review = await playFirstReview(pg, n, io, items.length > 0);
  await closeActionItems(pg, n, io, items);
  pg.advance(15 * DAY);
  io.out("");
  io.out(`${stamp(pg)} UTC  the next review is due`);
  const before = review ? pg.sim.comments(review).length : 0;
  await sweep(pg, io);
  if (review) botSays(pg, io, review, before);
  const labels = pg.sim
    .issue(n)
    .labels.map((l) => (typeof l === "string" ? l : l.name))
    .sort();
  io.out(`    #${n} labels → ${labels.join(", ")}`);
  if (review) await writeReview(pg, review, dir);
  return review;
}

const stamp = (pg: Playground) => pg.clock().toISOString().replace("T", " ").slice(0, 16);

/** 30 days after the resolution the sweep opens the review issue; its number (0 if none). */
async function playFirstReview(
  pg: Playground,
  n: number,
  io: Io,
  hasItems: boolean,
): Promise<number> {
  const resolvedAt = Date.parse(pg.sim.issue(n).closed_at ?? pg.clock().toISOString());
  pg.advance(Math.ceil((resolvedAt + 30 * DAY * 60_000 - pg.clock().getTime()) / 60_000) + 60);
  io.out("");
  io.out(`${stamp(pg)} UTC  30 days after the resolution, the scheduled sweep runs`);
  await sweep(pg, io);
  const review = hasItems ? findReview(pg) : 0;
  if (review) {
    const { title, assignees } = pg.sim.issue(review);
    const assignee = assignees?.[0]?.login ?? "nobody";
    io.out(`    hereby opens #${review} "${title}", assigned to @${assignee}`);
    botSays(pg, io, review, 0);
  }
  return review;
}

/** One item closed as done, one as not planned (with its reason), one done days later. */
async function closeActionItems(
  pg: Playground,
  n: number,
  io: Io,
  items: { number: number }[],
): Promise<void> {
  const [alert, config, retire] = items;
  pg.advance(3 * DAY);
  io.out("");
  io.out(`${stamp(pg)} UTC  @dave closes #${alert!.number} as done`);
  await closeAsDone(pg, "dave", alert!.number);
  if (retire) {
    const body =
      `/action wontfix #${retire.number} the vendor shuts the old EU gateway down on` +
      " 31 January; nothing can route to it after that";
    io.out(`${stamp(pg)} UTC  @alice comments on #${n}:`);
    io.out(`    > ${body}`);
    await pg.comment("alice", n, body);
    await pg.settle();
    io.out(`    hereby comments the reason on #${retire.number} and closes it as not planned`);
  }
  if (config) {
    pg.advance(12 * DAY);
    io.out(
      `${stamp(pg)} UTC  @bob closes #${config.number} as done` +
        " (the deploy checklist has a config review step)",
    );
    await closeAsDone(pg, "bob", config.number);
  }
}

async function closeAsDone(pg: Playground, login: string, issue: number): Promise<void> {
  await pg.as(login).rest.issues.update({
    ...pg.repo,
    issue_number: issue,
    state: "closed",
    state_reason: "completed",
  });
  await pg.settle();
}

/** The review issue with every cycle's comment, and the close-out on its own. */
async function writeReview(pg: Playground, review: number, dir: string): Promise<void> {
  const { title, body } = pg.sim.issue(review);
  const comments = pg.sim.comments(review);
  const thread = comments.map(
    (c) => `### @${c.user?.login ?? "ghost"} (comment ${c.id})\n\n${c.body ?? ""}\n`,
  );
  await writeFile(
    join(dir, `review-${review}.md`),
    `# ${title}\n\n${body ?? ""}\n\n${thread.join("\n")}`,
  );
  const closeOut = comments.find((c) => (c.body ?? "").includes("hereby:closeout"));
  if (closeOut) await writeFile(join(dir, "closeout.md"), `${closeOut.body ?? ""}\n`);
}

function findReview(pg: Playground): number {
  for (let i = 1; ; i++) {
    let issue;
    try {
      issue = pg.sim.issue(i);
    } catch {
      return 0;
    }
    if (issue.labels.some((l) => (typeof l === "string" ? l : l.name) === "incident-review"))
      return i;
  }
}

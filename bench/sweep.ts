// The review sweep at scale: 1,000 incidents with 3,000 action items, swept when nothing
// is due and when 10 incidents are due. Counts the sweep's requests (reads, writes) on the
// bot's Octokit against the simulator; time is printed, never asserted. `npm run bench`
// runs it after api-calls.ts and writes bench/SWEEP.md.
import { writeFileSync } from "node:fs";
import { Playground } from "../packages/simulator/src/demo/playground.js";
import { runSweep } from "../src/handlers/sweep.js";

const DAY = 24 * 60;
const CONFIG = "timezone: UTC\nreview:\n  requests_per_run: 1000\n";

async function inChunks<T>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** An incident closed now with `status`, and three action items (closed or open). */
async function incident(
  pg: Playground,
  i: number,
  status: "resolved" | "complete",
  itemsOpen: boolean,
): Promise<void> {
  const alice = pg.as("alice");
  const { data } = await alice.rest.issues.create({
    ...pg.repo,
    title: `Incident ${i}`,
    labels: ["incident", "severity:major", `status:${status}`],
  });
  await alice.rest.issues.update({ ...pg.repo, issue_number: data.number, state: "closed" });
  for (let k = 1; k <= 3; k++) {
    const { data: item } = await alice.rest.issues.create({
      ...pg.repo,
      title: `Item ${i}.${k}`,
      labels: ["incident-action"],
      assignees: ["dave"],
    });
    await alice.rest.issues.addSubIssue({
      ...pg.repo,
      issue_number: data.number,
      sub_issue_id: item.id,
    });
    if (!itemsOpen)
      await alice.rest.issues.update({ ...pg.repo, issue_number: item.number, state: "closed" });
  }
}

function sweep(pg: Playground) {
  return runSweep({
    octokit: pg.bot,
    repo: pg.repo,
    clock: () => pg.clock(),
    log: { info: () => {}, warn: () => {} },
    self: "hereby[bot]",
  });
}

/** At the time of the sweep: 950 complete (resolved 100 days ago), 10 in review whose
 * first cycle ran 9 days ago, `due` resolved 35 days ago with open items and no review
 * yet, and the rest of 40 resolved 9 days ago. */
async function repository(due: number): Promise<Playground> {
  const pg = await Playground.start({ config: CONFIG, people: { alice: "admin", dave: "write" } });
  pg.sim.takeDeliveries();
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  await inChunks(ids(0, 950), 25, (i) => incident(pg, i, "complete", false));
  pg.advance(60 * DAY);
  await inChunks(ids(950, 10), 10, (i) => incident(pg, i, "resolved", true));
  pg.advance(5 * DAY);
  await inChunks(ids(960, due), 10, (i) => incident(pg, i, "resolved", true));
  pg.advance(26 * DAY);
  await sweep(pg); // the first cycle of the 10 in review
  await inChunks(ids(960 + due, 40 - due), 10, (i) => incident(pg, i, "resolved", true));
  pg.advance(9 * DAY);
  pg.sim.takeDeliveries();
  return pg;
}

interface Row {
  scenario: string;
  requests: number;
  reads: number;
  writes: number;
  ms: number;
  calls: string;
}

async function measure(scenario: string, due: number): Promise<Row> {
  const pg = await repository(due);
  try {
    const from = pg.sim.requests.length;
    const started = performance.now();
    const result = await sweep(pg);
    const ms = Math.round(performance.now() - started);
    const calls = pg.sim.requests.slice(from).filter((r) => r.actor.endsWith("[bot]"));
    if (pg.sim.violations.length > 0)
      throw new Error(`${scenario}: ${pg.sim.violations.join("; ")}`);
    const tally = new Map<string, number>();
    for (const c of calls)
      tally.set(
        `${c.method} ${c.operationId}`,
        (tally.get(`${c.method} ${c.operationId}`) ?? 0) + 1,
      );
    if (result.requests !== calls.length)
      throw new Error(`${scenario}: counted ${result.requests}, simulator saw ${calls.length}`);
    return {
      scenario,
      requests: calls.length,
      reads: calls.filter((c) => c.method === "GET").length,
      writes: calls.filter((c) => c.method !== "GET").length,
      ms,
      calls: [...tally].map(([k, v]) => `${v}× ${k}`).join("; "),
    };
  } finally {
    await pg.close();
  }
}

const rows = [await measure("nothing due", 0), await measure("10 due", 10)];
const table = [
  "| 1,000 incidents, 3,000 action items | requests | reads | writes | time (ms) |",
  "|---|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.scenario} | ${r.requests} | ${r.reads} | ${r.writes} | ${r.ms} |`),
].join("\n");
const doc = `# Sweep benchmark

One review sweep of a repository with 1,000 incidents and 3,000 action items, measured by
\`npm run bench\` (bench/sweep.ts) against the simulator: 950 incidents complete, 10 in review
whose current cycle ran 9 days ago, and 40 resolved in the last 35 days, of which none (first
row) or 10 (second row) are due: resolved 35 days ago, items open, no review yet. Listings are
100 a page.

${table}

${rows.map((r) => `- **${r.scenario}**: ${r.calls}`).join("\n")}
`;
writeFileSync(new URL("./SWEEP.md", import.meta.url), doc);
console.log(table);

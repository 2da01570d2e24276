// How long a 5,000-incident repository takes to get through its due reviews, by
// `review.requests_per_run`. The cost of one due incident (reads and the writes of a new
// review) is measured in the simulator over 10 due incidents; the listings' cost is
// GitHub's page size (100 issues a request). `npm run bench` prints the table and keeps its
// section of BENCHMARKS.md; docs/app.md quotes it.
import { writeSection } from "./sections.js";
import { Playground } from "../packages/simulator/src/demo/playground.js";
import { INCIDENT_COST, runSweep } from "../src/handlers/sweep.js";

const DAY = 24 * 60;
const INCIDENTS = 5000;
const MEASURED = 10;

async function perIncident(): Promise<number> {
  const pg = await Playground.start({
    config: "timezone: UTC\nreview:\n  requests_per_run: 5000\n",
    people: { alice: "admin", dave: "write" },
  });
  const alice = pg.as("alice");
  for (let i = 0; i < MEASURED; i++) {
    const { data } = await alice.rest.issues.create({
      ...pg.repo,
      title: `Incident ${i}`,
      labels: ["incident", "severity:major", "status:resolved"],
    });
    await alice.rest.issues.update({ ...pg.repo, issue_number: data.number, state: "closed" });
    const { data: item } = await alice.rest.issues.create({
      ...pg.repo,
      title: `Item ${i}`,
      labels: ["incident-action"],
      assignees: ["dave"],
    });
    await alice.rest.issues.addSubIssue({
      ...pg.repo,
      issue_number: data.number,
      sub_issue_id: item.id,
    });
  }
  pg.sim.takeDeliveries();
  pg.advance(31 * DAY);
  const result = await runSweep({
    octokit: pg.bot,
    repo: pg.repo,
    clock: () => pg.clock(),
    log: { info: () => {}, warn: () => {} },
    self: "hereby[bot]",
  });
  await pg.close();
  if (result.reviewsOpened !== MEASURED)
    throw new Error(`expected ${MEASURED} reviews, got ${result.reviewsOpened}`);
  // Three listings of one page each, then the incidents.
  return Math.ceil((result.requests - 3) / MEASURED);
}

const cost = await perIncident();
// Listing pages once every incident has a review and an open item: the worst case.
const listings = 3 * Math.ceil(INCIDENTS / 100);
const budgets = [20, 100, 300, 1000, 5000];
const rows = budgets.map((budget) => {
  // As the sweep spends it: an incident starts when its budgeted cost still fits, and
  // costs what it measured. Below the floor a run still reviews one due incident.
  let used = listings;
  let perRun = 0;
  while (used + INCIDENT_COST - 1 <= budget) [used, perRun] = [used + cost, perRun + 1];
  perRun = Math.max(1, perRun);
  const runs = Math.ceil(INCIDENTS / perRun);
  return { budget, perRun, runs };
});
console.log(
  `one due incident: ${cost} requests measured (${INCIDENT_COST} budgeted); listings: ${listings} requests`,
);
for (const r of rows)
  console.log(`  requests_per_run ${r.budget}: ${r.perRun} per run, ${r.runs} runs`);

const START = "<!-- sweep-capacity:start -->";
const END = "<!-- sweep-capacity:end -->";
const section = [
  START,
  "## Getting through 5,000 due reviews",
  "",
  `\`npm run bench\` (bench/sweep-capacity.ts): a repository with ${INCIDENTS.toLocaleString("en-US")} incidents, every one due for review (a`,
  `backlog, or the first sweep after installing), each with an open action item. Listing takes ${listings} requests a run`,
  `(incidents, reviews and open items, 100 a page). A due incident is budgeted ${INCIDENT_COST} requests; opening a review measured`,
  `${cost} in the simulator (${MEASURED} incidents). A run always reviews at least one due incident, whatever the budget.`,
  "",
  "| `review.requests_per_run` | reviews per run | runs | App, daily sweep | Action, hourly schedule |",
  "|---:|---:|---:|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.budget} | ${r.perRun} | ${r.runs.toLocaleString("en-US")} | ${r.runs.toLocaleString("en-US")} days | ${r.runs.toLocaleString("en-US")} hours |`,
  ),
  END,
].join("\n");
writeSection(START, END, section);

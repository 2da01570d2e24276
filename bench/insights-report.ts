// The insights report over 1,000 incidents in the simulator: requests made and time
// taken (read, not asserted). `npx tsx bench/insights-report.ts` prints both, keeps its section of
// BENCHMARKS.md (between markers, after what `npm run bench` writes).
// docs/examples/report.md is bench/report-example.ts's.
import { writeSection } from "./sections.js";
import { defaultConfig } from "../src/config.js";
import { seedFollowUp, seedIncidents } from "../packages/simulator/src/demo/seed-incidents.js";
import { createClient } from "../src/github/client.js";
import { runReport } from "../src/handlers/report.js";
import { startSimulator } from "../packages/simulator/src/index.js";

const repo = { owner: "acme", repo: "shop" };

async function measure(count: number, example: boolean) {
  const sim = await startSimulator({ clock: () => new Date("2026-01-01T00:00:00Z") });
  const octokit = createClient({
    token: sim.botToken,
    baseUrl: sim.url,
    retries: false,
    throttle: false,
  });
  const setClock = (at: Date) => sim.setClock(() => at);
  await seedIncidents(
    octokit,
    repo,
    setClock,
    count,
    example ? { stepHours: 37, improving: true } : {},
  );
  if (example) await seedFollowUp(octokit, repo, setClock);
  const before = sim.requests.length;
  const started = performance.now();
  const md = await runReport({
    octokit,
    repo,
    range: { since: null, until: null },
    format: "md",
    now: new Date("2026-04-15T00:00:00Z"),
    config: defaultConfig,
  });
  const ms = Math.round(performance.now() - started);
  const made = sim.requests.slice(before);
  const byOp = new Map<string, number>();
  for (const r of made)
    byOp.set(r.operationId ?? r.path, (byOp.get(r.operationId ?? r.path) ?? 0) + 1);
  await sim.close();
  if (sim.violations.length) throw new Error(sim.violations.join("\n"));
  return { md, ms, count, requests: made.length, byOp };
}

const big = await measure(Number(process.env.REPORT_BENCH_INCIDENTS ?? 1000), false);
console.log(
  `${big.count.toLocaleString("en-US")} incidents: ${big.requests} requests in ${big.ms} ms`,
);
for (const [op, n] of big.byOp) console.log(`  ${op}: ${n}`);
const START = "<!-- report:start -->";
const END = "<!-- report:end -->";
const section = [
  START,
  "## The insights report",
  "",
  `\`npx tsx bench/insights-report.ts\`: \`hereby report\` over ${big.count.toLocaleString("en-US")} resolved incidents in the simulator`,
  "(retries and throttling off, eight reads in flight): one listing per 100 incidents, one for",
  "those cancelled by taking the label off, one for the action items and one for the reviews (fewer than 100 each here), then one timeline read per",
  "incident (100 comments and events a page). Time is from one run on a shared 2-core machine and is mostly the simulator's; read",
  "it, don't assert it. Against GitHub it is the listings in sequence plus the timeline reads,",
  "eight at a time.",
  "",
  "| incidents | requests | of which | time (ms) |",
  "|---:|---:|---|---:|",
  `| ${big.count.toLocaleString("en-US")} | ${big.requests} | ${[...big.byOp].map(([op, n]) => `${n}× ${op}`).join(", ")} | ${big.ms} |`,
  END,
].join("\n");
writeSection(START, END, section);

// A burst of 20 `/report` comments on one repository with 200 incidents, through the real
// handlers against the simulator: the requests the burst costs with the gate (one full
// report per repository per 10 minutes, concurrent asks collapsed) and what 20 full
// reports would cost. `npm run bench` prints both and keeps its section of BENCHMARKS.md.
import { writeSection } from "./sections.js";
import { Playground } from "../packages/simulator/src/demo/playground.js";
import { seedIncidents } from "../packages/simulator/src/demo/seed-incidents.js";

const INCIDENTS = 200;
const ASKS = 20;
const PEOPLE = {
  alice: "write",
  bob: "write",
  carol: "triage",
  dave: "triage",
  erin: "read",
  frank: "read",
} as const;

async function burst(
  together: boolean,
): Promise<{ requests: number; reports: number; reads: number }> {
  const p = await Playground.start({
    start: new Date("2026-01-01T00:00:00Z"),
    config: "timezone: UTC\n",
    people: PEOPLE,
  });
  await seedIncidents(
    p.bot,
    p.repo,
    (at) => p.advance((at.getTime() - p.clock().getTime()) / 60_000),
    INCIDENTS,
    { stepHours: 5 },
  );
  p.sim.takeDeliveries();
  p.advance(60 * 24);
  const issues = [
    await p.openIssue("erin", "Ops sync", "Agenda"),
    await p.openIssue("frank", "Planning", "Q3"),
  ];
  await p.settle();
  const who = Object.keys(PEOPLE);
  for (let i = 0; i < ASKS; i++)
    await p.comment(who[i % who.length]!, issues[i % issues.length]!, "/report");
  const before = p.sim.requests.length;
  const deliveries = p.sim.takeDeliveries();
  if (together) await Promise.all(deliveries.map((d) => p.handle(d)));
  else for (const d of deliveries) await p.handle(d);
  await p.settle();
  const made = p.sim.requests.slice(before);
  const bodies = issues.flatMap((n) => p.sim.comments(n).map((c) => c.body ?? ""));
  await p.close();
  if (p.sim.violations.length) throw new Error(p.sim.violations.join("\n"));
  return {
    requests: made.length,
    reports: bodies.filter((b) => b.includes("# Incident report")).length,
    reads: made.filter((r) => r.operationId === "issues/list-events-for-timeline").length,
  };
}

const together = await burst(true);
const oneByOne = await burst(false);
// Without the gate each ask is a full report: its timeline reads and four listings.
const ungated = ASKS * (together.reads / Math.max(1, together.reports) + 4);
console.log(`/report burst: ${ASKS} asks on ${INCIDENTS} incidents`);
console.log(
  `  delivered together: ${together.requests} requests, ${together.reports} full report(s)`,
);
console.log(
  `  delivered one by one: ${oneByOne.requests} requests, ${oneByOne.reports} full report(s)`,
);
console.log(`  20 full reports would read ${ungated} times`);

const START = "<!-- report-burst:start -->";
const END = "<!-- report-burst:end -->";
const section = [
  START,
  "## A burst of `/report`",
  "",
  `\`npm run bench\` (bench/report-burst.ts): ${ASKS} \`/report\` comments from six people (write, triage, read) on two`,
  `issues of a repository with ${INCIDENTS} incidents, through the real handlers against the simulator. Per repository`,
  "one full report per 10 minutes; asks handled while it is gathered get a link to it (single flight). Requests are",
  "everything the burst made: reading each comment's issue and the author's permission, the replies and reactions.",
  "",
  "| burst | requests | full reports |",
  "|---|---:|---:|",
  `| ${ASKS} delivered at once | ${together.requests} | ${together.reports} |`,
  `| ${ASKS} delivered one after another | ${oneByOne.requests} | ${oneByOne.reports} |`,
  `| ${ASKS} full reports (no gate), reads alone | ${ungated} | ${ASKS} |`,
  END,
].join("\n");
writeSection(START, END, section);

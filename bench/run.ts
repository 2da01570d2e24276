// `npm run bench` (after `npm run build`, which the script runs): every figure, printed
// and written to BENCHMARKS.md at the repository root. Figures are reported, never asserted.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { measureActionStart } from "./action-start.js";
import {
  measureActionWithoutConfig,
  measureBigIncident,
  measureShell,
  SCENARIOS,
  SHELLS,
  SIZES,
  type Measured,
} from "./api-calls.js";
import { measureConcurrent } from "./concurrent.js";
import { burstSummary, burstTimeline, measureBurst, BURST } from "./burst.js";
import { measureCpu } from "./cpu.js";
import { budgetsTable, figuresTable, machine, type Figures } from "./report.js";
import { measureThroughput } from "./throughput.js";

const COMMAND = "npm run bench";
const step = (what: string) => process.stderr.write(`bench: ${what}\n`);

const calls: Measured[] = [];
for (const size of SIZES) {
  for (const shell of SHELLS) {
    step(`requests, ${shell}, ${size} entries`);
    calls.push(...(await measureShell(shell, size)));
  }
}
const order = (m: Measured) => SCENARIOS.findIndex((s) => s.name === m.scenario);
calls.sort(
  (a, b) =>
    order(a) - order(b) || a.size - b.size || SHELLS.indexOf(a.shell) - SHELLS.indexOf(b.shell),
);
step("requests, 3,000 comments");
const big = await measureBigIncident();
step("requests, the Action without a config file");
const noConfig = await measureActionWithoutConfig();
step("handler CPU");
const cpu = await measureCpu(200);
step("Probot server throughput");
const throughput = await measureThroughput();
step("100 concurrent commands on one incident");
const concurrent = await measureConcurrent(100);
step("a busy incident through npm start (write pacing on)");
const burst = await measureBurst();
step("Action start-up");
const start = await measureActionStart();

const figures: Figures = { calls, big, cpu, throughput, concurrent, start, burst, noConfig };
const table = figuresTable(figures);
const budgets = budgetsTable(figures);
const detail = [...calls, big]
  .map((m) => `- **${m.scenario}** (${m.shell}, ${m.size} entries): ${m.detail || "no request"}`)
  .join("\n");

const doc = `# Benchmarks

Produced by \`${COMMAND}\` (bench/run.ts), which builds first, then measures against the
simulator on loopback. Figures are for reading, never asserted in tests.

**Machine:** ${machine()}. The machine was shared with other jobs: the
timings (CPU, throughput, start-up) are inflated by the load; the request counts are not.

## Method

- **Requests, writes, counted, round trips** (bench/api-calls.ts, bench/counting.ts): the
  real handlers run against the simulator, retries and throttling off. A counting layer
  stamps each request the bot's Octokit sends and each answer, with one counter; the
  simulator's request log must hold exactly as many of the bot's requests (a cross-check
  that nothing went around it). *Writes* are requests other than GET. *Counted* are the
  requests that count against the rate limit: all but a conditional request answered 304.
  *Round trips* are the depth of the request chain, from request/answer order alone: a
  request sent after another's answer came back may depend on it, so the figure is the
  longest such chain (requests sent together count once). It includes the convergence
  read-back and, for the App, the webhooks of hereby's own writes, which it receives and
  skips. People's own requests (the comment, the label) are the event, not its cost.
- **Scenarios** run in order on one incident of 10 or of 500 timeline entries (20
  \`/timeline\` lines a comment), in a repository that has had an incident before (its
  labels exist). *Declare* opens a new issue in that repository, so its size is the
  repository's, not the incident's. The 3,000-comment incident is the 500-entry one plus
  chatter comments.
- **304s:** the simulator sends an ETag with every GET and answers a matching
  \`If-None-Match\` with 304, as GitHub does; hereby remembers each GET's ETag and answer
  (src/github/conditional-reads.ts: one bounded cache per installation in the App, one per
  run in the Action) and re-reads conditionally. A 304 is a request and a round trip, but
  not *counted*.
- **Shells:** the App is Probot's Octokit (\`ProbotOctokit\`, as the App's
  \`context.octokit\`) with the App's own login known and one ETag cache kept across
  events, as the App keeps one per installation. The Action is measured in-process
  through the same entry as dist/index.js, \`handleTrigger\`, with a new client for each
  event (nothing remembered, as in a new process), its identity lookup (\`tokenLogin\`:
  an installation token \`ghs_…\` is not asked) and its re-read before writing; running
  dist/index.js per scenario would measure node's start-up again and again, which has its
  own row. A workflow token's writes start no run, so the Action handles only people's
  deliveries.
- **Handler CPU** (bench/cpu.ts): \`process.cpuUsage()\` around the App's handler for one
  delivery, ${cpu[0]?.runs ?? 0} times, the simulator answering at once. The simulator runs
  in the same process; the CPU of its answer path (dispatch and send) is metered the same
  way and subtracted. The HTTP client's and the loopback's work stay in the figure.
- **Throughput** (bench/throughput.ts): \`npm start\` (its own process) with
  \`GHE_HOST\`/\`GHE_PROTOCOL=http\` at the simulator (in the bench's process),
  ${throughput.events} signed \`issue_comment\` deliveries (at most 60 s), ${throughput.inFlight} in flight. Each is a
  real comment by a person with write access, made in the simulator just before its
  delivery: nine in ten are commands that write (\`/timeline\` seven, \`/status\` and
  \`/severity\` one each), one is chatter. Warm-up declares one incident per installation
  through the server (${throughput.installations} installations: tokens fetched, JIT warm). The
  per-installation write throttle (writes ~1 s apart per installation) is kept out by
  sending the events round-robin over the ${throughput.installations} installations, each on its own
  incident, with fewer in flight than installations, so an installation's next event
  comes after its last write; the throttle still spaces the reaction and the record of
  one command, so each takes about a second, and ${throughput.inFlight} in flight cover that. Probot
  answers a delivery when its handler is done, or 202 after 9 s. The server's CPU (its
  process group, from /proc) over the run gives the CPU per event, which, unlike
  events a second, barely depends on what else the machine runs: 1000 / it is what one
  free core would do. The webhooks of hereby's own writes are not sent back (they are
  skipped from the payload).
- **Concurrent commands** (bench/concurrent.ts): ${concurrent.commands} people's \`/timeline\`
  comments on one incident, posted, then all handler runs started at once, in-process
  against the simulator with the throttle off (with it on, one installation's writes
  go out a second apart: the same run takes minutes). Entries are counted in the record
  afterwards; test/e2e/concurrent-commands.test.ts asserts it for 12.
- **Action start-up** (bench/action-start.ts): \`node dist/index.js\` on an \`issue_comment\`
  (a \`/timeline\`, dry run), from spawn to the simulator's first request (the config
  read). For scale, on the same machine \`node\` that only sends one \`fetch\` takes
  most of it: node's own start and loading its fetch (undici) are ~90 ms of CPU.
- **Sweep**: bench/sweep.ts, run by \`npm run bench\` after this, writes
  bench/SWEEP.md. A scenario whose command is not on main yet can be marked \`pending\`
  in bench/api-calls.ts and is skipped.

## Figures

Minimum: the least any implementation needs for the same effect, as requests / writes /
counted / round trips, and why.

${table}

## Budgets

${budgets}

## A busy incident

bench/burst.ts: \`npm start\` (its own process, Probot's write throttle on: one write a
second per installation) against the simulator. ${BURST} people's \`/timeline\` comments on one
incident delivered at once, then the same over two replicas sharing one Redis (deliveries
alternating), then the first declaration in a repository without hereby's labels. Times
are from the simulator's request log, polled every 5 ms. Budgets: every 👍 within 12 s of
its delivery, ≤ ${BURST} reactions + 3 PATCHes, 0 lost; the first record within 3 writes and 3 s.

- ${burstSummary(burst.one)}
- ${burst.two ? burstSummary(burst.two) : "two replicas: not measured (no redis-server)"}
- first declaration, no labels yet: ${burst.declare.writesBefore} writes before the record, the record at ${(burst.declare.ms / 1000).toFixed(2)} s

One replica:

${burstTimeline(burst.one)}
${burst.two ? `\nTwo replicas, one Redis:\n\n${burstTimeline(burst.two)}\n` : ""}
## Requests per scenario

${detail}
`;

writeFileSync(resolve(import.meta.dirname, "../BENCHMARKS.md"), doc);
console.log(`${table}\n\n${budgets}\n\n${burstSummary(burst.one)}\n${burstTimeline(burst.one)}`);
if (burst.two) console.log(`${burstSummary(burst.two)}\n${burstTimeline(burst.two)}`);

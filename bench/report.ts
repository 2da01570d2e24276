// BENCHMARKS.md from the measured figures: the method, the machine, one table of figures
// with the theoretical minimum beside each, the request budgets, and the requests of
// each scenario.
import { cpus, loadavg, totalmem } from "node:os";
import type { ActionStart } from "./action-start.js";
import type { BurstFigures, DeclareFigures } from "./burst.js";
import type { Concurrent } from "./concurrent.js";
import { SCENARIOS, type Measured, type Minimum } from "./api-calls.js";
import type { Counts } from "./counting.js";
import type { CpuRow } from "./cpu.js";
import type { Throughput } from "./throughput.js";

export interface Figures {
  calls: Measured[];
  big: Measured;
  cpu: CpuRow[];
  throughput: Throughput;
  concurrent: Concurrent;
  start: ActionStart;
  burst: { one: BurstFigures; two: BurstFigures | null; declare: DeclareFigures };
  /** The Action's `/timeline` on a repository without a config file. */
  noConfig: Measured;
}

const four = (c: Counts) => `${c.requests} / ${c.writes} / ${c.rateLimited} / ${c.roundTrips}`;
const minimumOf = (scenario: string): Minimum | undefined =>
  SCENARIOS.find((s) => s.name === scenario)?.minimum;
const shellName = { app: "App", action: "Action" } as const;

function figureRows(f: Figures): string[] {
  const rows = f.calls.map((m) => {
    const least = minimumOf(m.scenario);
    return `| ${m.scenario} | ${shellName[m.shell]} | ${m.size} | ${four(m)} | ${least ? `${four(least)}: ${least.why}` : ""} |`;
  });
  const timeline = f.calls.find(
    (m) => m.shell === "app" && m.size === 500 && m.scenario.startsWith("/timeline"),
  );
  rows.push(
    `| ${f.big.scenario} | App | 500 | ${four(f.big)} | ${timeline ? `${timeline.rateLimited + 30} counted: the 500-entry figure + 1 page per 100 comments (budget)` : ""} |`,
  );
  for (const c of f.cpu)
    rows.push(
      `| handler CPU, ${c.event} (p50 / p99 of ${c.runs}) | App | | ${c.p50.toFixed(2)} / ${c.p99.toFixed(2)} ms | — |`,
    );
  const t = f.throughput;
  const cpu =
    t.serverCpuPerEvent === null
      ? ""
      : `; server CPU ${t.serverCpuPerEvent.toFixed(1)} ms an event, ${((t.serverCpu ?? 0) * 100).toFixed(0)}% of a core: ${(1000 / t.serverCpuPerEvent).toFixed(0)} a second on a core of its own`;
  rows.push(
    `| Probot server (\`npm start\`), events a second (${t.commands} of ${t.events} commands that write, ${t.installations} installations) | App | | ${t.perSecond.toFixed(0)} (${t.events} in ${t.seconds.toFixed(1)} s, ${t.failed} not answered 200 within 9 s${cpu}; ${t.requests} requests, ${t.writes} writes; entries gained ${t.timelineRecorded} of ${t.commands}) | 200 (budget) |`,
  );
  const c = f.concurrent;
  rows.push(
    `| ${c.commands} concurrent \`/timeline\` on one incident (throttle off, in-process) | App | | entries ${c.present} of ${c.expected}, ${c.lost.length} lost, ${c.unconverged} runs unconverged; ${c.requests} requests, ${c.writes} writes, ${(c.ms / 1000).toFixed(1)} s | ${c.commands} entries; ${c.commands * 2} writes (one reaction and one PATCH each) |`,
  );
  rows.push(
    `| Action: \`node dist/index.js\` to first request (wall / CPU, median of ${f.start.runs}) | Action | | ${f.start.firstRequest.toFixed(0)} / ${f.start.firstRequestCpu?.toFixed(0) ?? "n/a"} ms | 150 ms (budget) |`,
  );
  rows.push(
    `| Action: dist/index.js size | Action | | ${f.start.kib.toFixed(0)} KiB (${f.start.gzipKib.toFixed(0)} KiB gzipped) | — |`,
  );
  return rows;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The busy incident's budgets: the burst, the first declaration, CPU, and the Action's
 * requests without a config file. */
function busyRows(f: Figures): string[] {
  const met = (ok: boolean) => (ok ? "met" : "**not met**");
  const rows: string[] = [];
  for (const b of [f.burst.one, f.burst.two]) {
    if (!b) continue;
    const last = Math.max(
      ...b.rows.map((r) => (r.thumbsUp === null ? Infinity : r.thumbsUp - r.delivered)),
    );
    const writesOk = b.reactions <= 8 && b.patches <= 3 && b.otherWrites === 0;
    rows.push(
      `| 8 concurrent \`/timeline\`, ${b.replicas} replica(s), 1 s write pacing: every 👍 within 12 s | ${seconds(last)} | ${met(last <= 12_000)} |`,
      `| the same: ≤ 8 reactions + 3 PATCHes, 0 entries lost | ${b.reactions} + ${b.patches}, ${b.lost} lost | ${met(writesOk && b.lost === 0)} |`,
    );
  }
  const d = f.burst.declare;
  rows.push(
    `| first declaration, fresh repository: ≤ 3 writes and ≤ 3 s before the record | ${d.writesBefore} writes, ${seconds(d.ms)} | ${met(d.writesBefore <= 3 && d.ms <= 3000)} |`,
  );
  const timeline = f.cpu.find((r) => r.event.startsWith("`/timeline"));
  const cpuWhy =
    ": each command makes 5 to 7 requests, and fetch (undici), Octokit's request pipeline and GC take most of its CPU (BENCHMARKS.md keeps no profile; `node --cpu-prof` shows it)";
  if (timeline) {
    rows.push(
      `| handler CPU per writing command (\`/timeline\`, p50) ≤ 7 ms | ${timeline.p50.toFixed(1)} ms | ${met(timeline.p50 <= 7)}${timeline.p50 > 7 ? cpuWhy : ""} |`,
    );
  }
  const perCore = f.throughput.serverCpuPerEvent ? 1000 / f.throughput.serverCpuPerEvent : null;
  if (perCore !== null) {
    rows.push(
      `| writing-command events a second on one core ≥ 150 | ${perCore.toFixed(0)} | ${met(perCore >= 150)}${perCore < 150 ? cpuWhy : ""} |`,
    );
  }
  const n = f.noConfig.requests;
  const actionWhy =
    ": the issue, the timeline, the permission, the repository's and the organisation's config, the 304 re-read before writing, the PATCH, the 👍 and the read-back; the re-read keeps a description edit made meanwhile, the read-back a concurrent write from another workflow group (a pull request's run), the organisation read an org-wide config";
  rows.push(
    `| Action, workflow token, no config file, \`/timeline\`: ≤ 7 requests, 304s included | ${n} | ${met(n <= 7)}${n > 7 ? actionWhy : ""} |`,
  );
  return rows;
}

export function figuresTable(f: Figures): string {
  return [
    "| figure | shell | entries | measured: requests / writes / counted / round trips | theoretical minimum |",
    "|---|---|---:|---|---|",
    ...figureRows(f),
  ].join("\n");
}

const BUDGET_COMMANDS = ["/timeline", "/severity", "/status"];

function budgetRows(f: Figures): string[] {
  const commands = f.calls.filter((m) => BUDGET_COMMANDS.some((c) => m.scenario.startsWith(c)));
  const worst = (shell: "app" | "action", key: keyof Counts) =>
    Math.max(...commands.filter((m) => m.shell === shell).map((m) => m[key]));
  const met = (ok: boolean) => (ok ? "met" : "**not met**");
  const rows: string[] = [];
  for (const shell of ["app", "action"] as const) {
    const trips = worst(shell, "roundTrips");
    const writes = worst(shell, "writes");
    const counted = worst(shell, "rateLimited");
    const cap = shell === "app" ? 5 : 7;
    // The Action gets no webhook for its own writes, so it re-reads the description just
    // before writing: after the gather, before the PATCH.
    const why =
      shell === "action" && trips > 3
        ? ": the re-read before writing (a 304, not counted) is a round trip of its own"
        : "";
    rows.push(
      `| ${BUDGET_COMMANDS.join(", ")} (${shellName[shell]}): ≤ 3 round trips | ${trips} | ${met(trips <= 3)}${why} |`,
    );
    rows.push(
      `| ${BUDGET_COMMANDS.join(", ")} (${shellName[shell]}): ≤ 2 writes | ${writes} | ${met(writes <= 2)} |`,
    );
    rows.push(
      `| ${BUDGET_COMMANDS.join(", ")} (${shellName[shell]}): ≤ ${cap} requests counted against the limit | ${counted} | ${met(counted <= cap)} |`,
    );
  }
  const base = f.calls.find(
    (m) => m.shell === "app" && m.size === 500 && m.scenario.startsWith("/timeline"),
  );
  if (base) {
    const cap = base.rateLimited + 30;
    const why =
      f.big.rateLimited > cap
        ? ": the lean read-back asks for the comments edited since as well as the last page"
        : "";
    rows.push(
      `| 3,000-comment incident: ≤ 500-entry figure (${base.rateLimited}) + 30 | ${f.big.rateLimited} | ${met(f.big.rateLimited <= cap)}${why} |`,
    );
  }
  rows.push(
    "| sweep with nothing due: ≤ ⌈N/100⌉ + ⌈M/100⌉ + 2; second run 0 writes | in bench/SWEEP.md (bench/sweep.ts) | — |",
  );
  // One Node process handles the deliveries: the CPU each writing command costs caps it.
  const serverWhy =
    f.throughput.perSecond < 200
      ? ": one Node process, and each writing command costs its CPU (Octokit's JSON parsing, fetch, the reducer, GC); 200 a second needs a process per core (replicas sharing Redis) and less CPU an event"
      : "";
  rows.push(
    `| Probot server ≥ 200 events a second | ${f.throughput.perSecond.toFixed(0)} | ${met(f.throughput.perSecond >= 200)}${serverWhy} |`,
  );
  const c = f.concurrent;
  rows.push(
    `| ${c.commands} concurrent commands on one incident, 0 lost entries | ${c.lost.length} lost (${c.present} of ${c.expected} entries) | ${met(c.lost.length === 0 && c.present === c.expected)} |`,
  );
  const startWhy =
    f.start.firstRequest >= 150
      ? ": node itself, started to send one fetch, takes about 110 ms of it here; the rest is compiling and running the bundle before the first read"
      : "";
  rows.push(
    `| Action: < 150 ms from process start to first request | ${f.start.firstRequest.toFixed(0)} ms | ${met(f.start.firstRequest < 150)}${startWhy} |`,
  );
  return [...rows, ...busyRows(f)];
}

export function budgetsTable(f: Figures): string {
  return ["| budget | measured | |", "|---|---:|---|", ...budgetRows(f)].join("\n");
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)} at the end of the run`;
}

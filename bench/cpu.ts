// Handler CPU time per event: process.cpuUsage() around the handler, many times over,
// against the simulator answering at once. The simulator runs in this process, so the CPU
// it spends answering (routing, the contract check, the route, serialising the answer) is
// measured the same way and taken off; what is left is hereby's own work plus its HTTP
// client.
import { Playground, type Delivery } from "../packages/simulator/src/demo/playground.js";
import { CONFIG } from "./api-calls.js";

export interface CpuRow {
  event: string;
  runs: number;
  p50: number;
  p99: number;
}

interface Meter {
  /** CPU µs the simulator spent since the meter started. */
  simulator: number;
}

/** Adds the simulator's own CPU time (its synchronous answer path) to `meter`. */
function meterSimulator(pg: Playground, meter: Meter): void {
  const server = (
    pg.sim as unknown as { server: Record<"dispatch" | "send", (...a: unknown[]) => unknown> }
  ).server;
  for (const name of ["dispatch", "send"] as const) {
    const original = server[name].bind(server);
    server[name] = (...args: unknown[]) => {
      const before = process.cpuUsage();
      try {
        return original(...args);
      } finally {
        const d = process.cpuUsage(before);
        meter.simulator += d.user + d.system;
      }
    };
  }
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

async function handlerCpu(pg: Playground, meter: Meter, d: Delivery): Promise<number> {
  meter.simulator = 0;
  const before = process.cpuUsage();
  await pg.handle(d);
  const used = process.cpuUsage(before);
  return (used.user + used.system - meter.simulator) / 1000;
}

/** `runs` comments by a person on one incident; the handler's CPU for each, in ms. */
async function perEvent(event: string, body: (i: number) => string, runs: number): Promise<CpuRow> {
  const pg = await Playground.start({ config: CONFIG, people: { alice: "write", bob: "write" } });
  try {
    const meter: Meter = { simulator: 0 };
    meterSimulator(pg, meter);
    const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await pg.settle();
    await pg.comment(
      "bob",
      n,
      Array.from({ length: 10 }, (_, i) => `/timeline step ${i}`).join("\n"),
    );
    await pg.settle();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      pg.advance(1);
      await pg.comment("bob", n, body(i));
      const [first, ...rest] = pg.sim.takeDeliveries();
      if (!first) throw new Error("no delivery for the comment");
      samples.push(await handlerCpu(pg, meter, first));
      for (const d of rest) await pg.handle(d);
      await pg.settle();
    }
    return { event, runs, p50: pct(samples, 50), p99: pct(samples, 99) };
  } finally {
    await pg.close();
  }
}

export async function measureCpu(runs = 300): Promise<CpuRow[]> {
  return [
    await perEvent("`/timeline …` (incident of 10–310 entries)", (i) => `/timeline run ${i}`, runs),
    await perEvent("comment without commands", (i) => `looking at dashboards ${i}`, runs),
  ];
}

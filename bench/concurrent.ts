// Many commands on one incident at once: N people's `/timeline` comments, all posted,
// then all N handler runs started together against the simulator (in this process, the
// write throttle off, so the runs really overlap; with it on, an installation's writes go
// out a second apart and the same N take N+ seconds). Each run reads, decides and writes
// the whole record; the convergence loop (read back, decide again, write the difference)
// is what keeps one run's write from dropping another's entry. Reported: entries
// expected and present, and whether every run converged. Never asserted here; the
// e2e test asserts it for a smaller N.
import { recordedEntryCount } from "../src/core/record.js";
import { Playground } from "../packages/simulator/src/demo/playground.js";
import { CONFIG } from "./api-calls.js";

export interface Concurrent {
  commands: number;
  expected: number;
  present: number;
  /** Expected entries whose text is missing from the record. */
  lost: string[];
  /** Handler runs that ended with the record still wanting a write. */
  unconverged: number;
  requests: number;
  writes: number;
  ms: number;
}

export async function measureConcurrent(n = 100): Promise<Concurrent> {
  const people = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`user${i}`, "write" as const]),
  );
  const pg = await Playground.start({ config: CONFIG, people: { alice: "write", ...people } });
  try {
    const issue = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await pg.settle();
    const before = recordedEntryCount(pg.sim.issue(issue).body);
    const texts = Array.from({ length: n }, (_, i) => `concurrent step ${i + 1} done`);
    for (const [i, text] of texts.entries())
      await pg.comment(`user${i % 10}`, issue, `/timeline ${text}`);
    const deliveries = pg.sim.takeDeliveries();
    const logged = pg.sim.requests.length;
    const started = performance.now();
    const results = await Promise.all(deliveries.map((d) => pg.handle(d)));
    const ms = performance.now() - started;
    const made = pg.sim.requests.slice(logged).filter((r) => r.actor === "hereby[bot]");
    await pg.settle();
    const body = pg.sim.issue(issue).body ?? "";
    return {
      commands: n,
      expected: before + n,
      present: recordedEntryCount(body),
      lost: texts.filter((t) => !body.includes(t)),
      unconverged: results.filter((r) => r.converged === false).length,
      requests: made.length,
      writes: made.filter((r) => r.method !== "GET").length,
      ms,
    };
  } finally {
    await pg.close();
  }
}

// Concurrency properties: every request to the simulator waits at a gate until fast-check's
// scheduler lets it through, so the order in which concurrent handlers' reads and writes land
// is drawn from the property's seed (fc.scheduler), not from real millisecond delays, and a
// failing seed replays with the same interleaving. On failure fast-check prints the order.
import type fc from "fast-check";
import type { Simulator } from "../../packages/simulator/src/index.js";

/** Event-loop turns with no new request before a pick: a released request's response
 * reaches its handler over loopback, and the handler's next request reaches the simulator,
 * within a few turns (counted in turns, not milliseconds, so a busy machine waits longer). */
const QUIET_TURNS = 12;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `scenario` with every simulator request held until `s` releases it. Before each
 * release it waits until no new request has arrived for a moment: every concurrent actor is
 * then waiting on the simulator, so which requests are pending, and which one goes next,
 * depends on the seed alone.
 */
export async function interleaved<T>(
  sim: Simulator,
  s: fc.Scheduler,
  scenario: () => Promise<T>,
): Promise<T> {
  let arrived = 0;
  sim.latency = (req) => {
    arrived++;
    return s.schedule(Promise.resolve(), `${req.method} ${req.path}`);
  };
  const afterQuiet = async (release: () => Promise<void>) => {
    for (let quiet = 0, seen = arrived; quiet < QUIET_TURNS; quiet++) {
      await turn();
      if (arrived !== seen) [quiet, seen] = [0, arrived];
    }
    return release();
  };
  try {
    return await s.waitFor(scenario(), afterQuiet);
  } finally {
    sim.latency = () => 0;
  }
}

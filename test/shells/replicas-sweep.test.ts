// Two App replicas (`npm start` twice, one Redis) both running the periodic review sweep
// against one simulated GitHub, every second or so: they overlap, and the executor's
// look-backs must still leave one review issue and one comment per cycle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMarkers } from "../../src/core/markers.js";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { addItem, resolvedIncident } from "../sweep/support.js";
import { githubEnv, startAppProcess, stopAppProcess, type AppProcess } from "./app-process.js";
import { REDIS, startRedis } from "./redis.js";
import { PEOPLE, ROOT, type Service, waitFor } from "./support.js";

/** The writes each finished sweep of `app` made, from its log line, in order. */
const sweepWrites = (app: AppProcess) =>
  [
    ...(app.service.stdout + app.service.stderr).matchAll(
      /review sweep of \d+ repositories made (\d+) writes/g,
    ),
  ].map((m) => Number(m[1]));
const sweepsIn = (app: AppProcess) => sweepWrites(app).length;

describe.skipIf(!REDIS)("two App replicas sweeping at once", () => {
  let pg: Playground;
  let sim: Simulator;
  let n: number;
  /** Requests made before the replicas started. */
  let setup: number;
  let redis: Service;
  let replicas: AppProcess[] = [];

  beforeAll(async () => {
    let url: string;
    ({ service: redis, url } = await startRedis());
    // The App's sweep reads the wall clock (sweepOnce's `clock: () => new Date()`), which a
    // test cannot set. So the incident is declared and resolved (in-process, the same
    // handlers) with the simulated clock in 2020: its 30-day review is due whatever day
    // the test runs on. An open action item keeps it under review (without one the first
    // sweep closes it out, and there is nothing left to repeat).
    pg = await Playground.start({
      config: "timezone: UTC\n",
      people: { ...PEOPLE },
      start: new Date("2020-01-06T10:00:00Z"),
    });
    sim = pg.sim;
    n = await resolvedIncident(pg, "Checkout returns 502");
    await addItem(pg, n, "Alert on queue depth", "bob");
    // Then GitHub's timestamps come from the clock the sweeps read, as in production (the
    // sweep skips re-reading a review issue unchanged since its due date, and the
    // look-backs compare creation times): before any replica starts, so none sees 2020.
    sim.setClock(() => new Date());
    setup = sim.requests.length;
    // 0.0003 hours: each replica's first sweep within about a second, then one every ~1 s.
    const env = {
      ...githubEnv(sim),
      REDIS_URL: url,
      HEREBY_SWEEP_HOURS: "0.0003",
      LOG_LEVEL: "info",
    };
    replicas = await Promise.all([
      startAppProcess(["npm", "start"], ROOT, env),
      startAppProcess(["npm", "start"], ROOT, env),
    ]);
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) await stopAppProcess(replica);
    await redis?.stop();
    await pg?.close();
  }, 20_000);

  it("sweep: both replicas sweep repeatedly, and leave one review issue and one comment per cycle", async () => {
    const [a, b] = replicas as [AppProcess, AppProcess];
    const output = () => replicas.map((r) => r.service.output()).join("\n---\n");
    expect(sim.issue(n).state).toBe("closed");

    // Several sweeps by each replica, all seeing the due incident.
    const reviewListings = () =>
      sim.requests
        .slice(setup)
        .filter(
          (r) =>
            r.operationId === "issues/list-for-repo" && r.query.includes("labels=incident-review"),
        ).length;
    await waitFor(
      "three sweeps by each replica",
      () => (sweepsIn(a) >= 3 && sweepsIn(b) >= 3 && reviewListings() >= 6 ? true : undefined),
      45_000,
      output,
    );

    // Then further sweeps by both find everything done and write nothing.
    const [settledA, settledB] = [sweepsIn(a), sweepsIn(b)];
    await waitFor(
      "two more sweeps by each replica",
      () => (sweepsIn(a) - settledA >= 2 && sweepsIn(b) - settledB >= 2 ? true : undefined),
      30_000,
      output,
    );
    const later = [...sweepWrites(a).slice(settledA), ...sweepWrites(b).slice(settledB)];
    expect(
      later.filter((writes) => writes > 0),
      `writes of the ${later.length} later sweeps`,
    ).toEqual([]);

    const reviews = reviewIssues(sim);
    const open = reviews.filter((r) => r.state === "open");
    expect(open.map((r) => r.body.match(/<!-- hereby:review (\d+) -->/)?.[1])).toEqual([String(n)]);
    // A copy a replica opened at the same time is closed as a duplicate, never left open.
    expect(reviews.filter((r) => r.state !== "open").map((r) => r.stateReason)).toEqual(
      reviews.slice(1).map(() => "duplicate"),
    );
    const cycles = markersOf(sim, open[0]!.number).filter((m) => m.startsWith("cycle "));
    expect(cycles.length, "cycle comments").toBeGreaterThan(0);
    // No marked comment twice, on the review issue or the incident: every withdrawal done.
    for (const issue of [n, open[0]!.number]) {
      const markers = markersOf(sim, issue);
      expect(markers, `hereby's comments on #${issue}`).toEqual([...new Set(markers)]);
    }
    expect(sim.violations).toEqual([]);
    const withdrawn = sim.requests.filter((r) => r.operationId === "issues/delete-comment").length;
    console.info(
      `replicas-sweep: sweeps A=${sweepsIn(a)} B=${sweepsIn(b)}, review-label listings ${reviewListings()}, ` +
        `review issues ${reviews.length} (open 1), cycle comments ${cycles.length}, comments withdrawn ${withdrawn}, ` +
        `issues closed as duplicates ${reviews.length - 1}`,
    );
  }, 120_000);
});

/** hereby's markers (`cycle 1:85`, ...) in its comments on issue `n`, in order. */
function markersOf(sim: Simulator, n: number): string[] {
  return sim
    .comments(n)
    .filter((c) => c.user?.login === "hereby[bot]")
    .flatMap((c) => findMarkers(c.body ?? "").map((m) => `${m.kind} ${m.key}`));
}

function reviewIssues(
  sim: Simulator,
): { number: number; state: string; stateReason: string | null; body: string }[] {
  const out = [];
  for (let n = 1; ; n++) {
    let issue;
    try {
      issue = sim.issue(n);
    } catch {
      return out;
    }
    if (issue.labels.some((l) => (typeof l === "string" ? l : l.name) === "incident-review")) {
      out.push({
        number: n,
        state: issue.state,
        stateReason: issue.state_reason ?? null,
        body: issue.body ?? "",
      });
    }
  }
}

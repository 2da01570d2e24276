// A busy incident through `npm start` (its own process, Probot's write throttle on: one
// write a second per installation) against the simulator: eight people's `/timeline` at
// once on one incident, on one replica and on two sharing Redis, and the first
// declaration in a repository that has no hereby label yet. Each delivery's time and its
// 👍's (the simulator's request log, polled every 5 ms) are printed. Figures, never asserted:
// `npm run build && npx tsx bench/burst.ts` (also run by `npm run bench`).
import {
  deliverTo,
  githubEnv,
  startAppProcess,
  stopAppProcess,
  type AppProcess,
} from "../test/shells/app-process.js";
import { startRedis } from "../test/shells/redis.js";
import {
  act,
  openIncident,
  ROOT,
  simulator,
  takeDelivery,
  waitFor,
} from "../test/shells/support.js";
import { recordRows } from "../test/support/simulated.js";
import type { Simulator } from "../packages/simulator/src/index.js";

export const BURST = 8;
const BOT = "hereby[bot]";

export interface BurstFigures {
  replicas: number;
  /** Per comment: delivered at, 👍 landed at (ms from the first delivery), null: none. */
  rows: { comment: number; delivered: number; thumbsUp: number | null }[];
  reactions: number;
  patches: number;
  otherWrites: number;
  lost: number;
}

export interface DeclareFigures {
  writesBefore: number;
  ms: number;
}

/** Stamps each of the bot's writes as the simulator logs it. */
function watchWrites(sim: Simulator, t0: () => number) {
  const stamps: { method: string; path: string; at: number }[] = [];
  let seen = sim.requests.length;
  const poll = setInterval(() => {
    for (; seen < sim.requests.length; seen++) {
      const r = sim.requests[seen]!;
      if (r.method !== "GET" && r.actor === BOT)
        stamps.push({ method: r.method, path: r.path, at: performance.now() - t0() });
    }
  }, 5);
  return { stamps, stop: () => clearInterval(poll) };
}

async function burstOn(sim: Simulator, replicas: AppProcess[]): Promise<BurstFigures> {
  const n = await openIncident(sim, "alice");
  await deliverTo(`${replicas[0]!.base}/`, takeDelivery(sim, "issues.labeled"));
  await waitFor(
    "the record",
    () => ((sim.issue(n).body ?? "").includes("hereby:start") ? true : undefined),
    30_000,
  );
  await new Promise((r) => setTimeout(r, 2000));
  sim.takeDeliveries();
  const before = recordRows(sim.issue(n).body ?? "").length;
  const comments: { id: number; delivery: ReturnType<typeof takeDelivery> }[] = [];
  for (let i = 0; i < BURST; i++) {
    const c = await act(
      sim,
      i % 2 ? "bob" : "alice",
      "POST",
      `/repos/acme/shop/issues/${n}/comments`,
      { body: `/timeline step ${i + 1} done` },
    );
    comments.push({ id: c.id as number, delivery: takeDelivery(sim, "issue_comment.created") });
  }
  let start = 0;
  const watch = watchWrites(sim, () => start);
  start = performance.now();
  const delivered: number[] = [];
  await Promise.all(
    comments.map(async (c, i) => {
      delivered[i] = performance.now() - start;
      await deliverTo(`${replicas[i % replicas.length]!.base}/`, c.delivery);
    }),
  );
  const thumbs = (id: number) =>
    watch.stamps.find((s) => s.method === "POST" && s.path.endsWith(`/comments/${id}/reactions`));
  await waitFor(
    "every 👍",
    () => (comments.every((c) => thumbs(c.id)) ? true : undefined),
    90_000,
  ).catch(() => {});
  await new Promise((r) => setTimeout(r, 3000));
  watch.stop();
  const rows = recordRows(sim.issue(n).body ?? "");
  return {
    replicas: replicas.length,
    rows: comments.map((c, i) => ({
      comment: c.id,
      delivered: delivered[i]!,
      thumbsUp: thumbs(c.id)?.at ?? null,
    })),
    reactions: watch.stamps.filter((s) => s.path.endsWith("/reactions")).length,
    patches: watch.stamps.filter(
      (s) => s.method === "PATCH" && s.path === `/repos/acme/shop/issues/${n}`,
    ).length,
    otherWrites: watch.stamps.filter(
      (s) =>
        !s.path.endsWith("/reactions") &&
        !(s.method === "PATCH" && s.path === `/repos/acme/shop/issues/${n}`),
    ).length,
    lost:
      Array.from({ length: BURST }, (_, i) => `step ${i + 1} done`).filter(
        (t) => !rows.some((r) => r.includes(t)),
      ).length +
      Math.max(0, before + BURST - rows.length) * 0,
  };
}

async function withApp<T>(
  count: number,
  redisUrl: string | undefined,
  labels: boolean,
  body: (sim: Simulator, r: AppProcess[]) => Promise<T>,
): Promise<T> {
  const { sim } = await simulator("timezone: UTC\n", { labels });
  const env = {
    ...githubEnv(sim),
    HEREBY_SWEEP_HOURS: "0",
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  const replicas = await Promise.all(
    Array.from({ length: count }, () => startAppProcess(["npm", "start"], ROOT, env)),
  );
  try {
    return await body(sim, replicas);
  } finally {
    for (const r of replicas) await stopAppProcess(r);
    await sim.close();
  }
}

/** The first declaration in a repository without hereby's labels: writes and time until the record. */
async function firstDeclaration(sim: Simulator, replicas: AppProcess[]): Promise<DeclareFigures> {
  const n = await openIncident(sim, "alice");
  let start = 0;
  const watch = watchWrites(sim, () => start);
  start = performance.now();
  const answered = deliverTo(`${replicas[0]!.base}/`, takeDelivery(sim, "issues.labeled")).catch(
    () => null,
  );
  const isRecord = (s: { method: string; path: string }) =>
    s.method === "PATCH" && s.path === `/repos/acme/shop/issues/${n}`;
  await waitFor("the record", () => (watch.stamps.some(isRecord) ? true : undefined), 60_000);
  await answered;
  watch.stop();
  const at = watch.stamps.findIndex(isRecord);
  return { writesBefore: at, ms: watch.stamps[at]!.at };
}

export async function measureBurst(): Promise<{
  one: BurstFigures;
  two: BurstFigures | null;
  declare: DeclareFigures;
}> {
  const one = await withApp(1, undefined, true, burstOn);
  const declare = await withApp(1, undefined, false, firstDeclaration);
  let two: BurstFigures | null = null;
  const redis = await startRedis().catch(() => null);
  if (redis) {
    try {
      two = await withApp(2, redis.url, true, burstOn);
    } finally {
      await redis.service.stop();
    }
  }
  return { one, two, declare };
}

export function burstTimeline(f: BurstFigures): string {
  const lines = f.rows.map((r, i) => {
    const wait =
      r.thumbsUp === null
        ? "no 👍"
        : `👍 at ${(r.thumbsUp / 1000).toFixed(2)} s (${((r.thumbsUp - r.delivered) / 1000).toFixed(2)} s after)`;
    return `| ${i + 1} | ${(r.delivered / 1000).toFixed(2)} s | ${wait} |`;
  });
  return ["| comment | delivered at | 👍 |", "|---:|---:|---|", ...lines].join("\n");
}

export function burstSummary(f: BurstFigures): string {
  const worst = Math.max(
    ...f.rows.map((r) => (r.thumbsUp === null ? Infinity : r.thumbsUp - r.delivered)),
  );
  return `${f.replicas} replica(s): last 👍 ${(worst / 1000).toFixed(1)} s after its delivery; writes ${f.reactions} reactions + ${f.patches} PATCHes + ${f.otherWrites} other; ${f.lost} entries lost`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { one, two, declare } = await measureBurst();
  console.log(burstSummary(one));
  console.log(burstTimeline(one));
  if (two) console.log(`${burstSummary(two)}\n${burstTimeline(two)}`);
  console.log(
    `first declaration, no labels yet: ${declare.writesBefore} writes before the record, record at ${(declare.ms / 1000).toFixed(2)} s`,
  );
}

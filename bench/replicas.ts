// Write spacing with two App replicas (`npm start` twice) on one simulated GitHub: with
// one REDIS_URL they share Octokit's write throttle, without it each process has its own.
// Timestamps are taken here as the simulator logs each request (polled every 5 ms), so
// gaps are ±5 ms. Printed, never asserted: `npm run build && npx tsx bench/replicas.ts`.
import { execFileSync } from "node:child_process";
import {
  deliverTo,
  githubEnv,
  startAppProcess,
  stopAppProcess,
} from "../test/shells/app-process.js";
import {
  act,
  freePort,
  openIncident,
  ROOT,
  Service,
  simulator,
  takeDelivery,
  waitFor,
} from "../test/shells/support.js";

const COMMANDS = 6;

async function run(redisUrl: string | undefined): Promise<number[]> {
  const { sim, advance } = await simulator();
  const env = { ...githubEnv(sim), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  const replicas = await Promise.all([
    startAppProcess(["npm", "start"], ROOT, env),
    startAppProcess(["npm", "start"], ROOT, env),
  ]);
  try {
    const n = await openIncident(sim, "alice");
    await deliverTo(`${replicas[0].base}/`, takeDelivery(sim, "issues.labeled"));
    advance(5);
    const deliveries = [];
    for (let i = 0; i < COMMANDS; i++) {
      await act(sim, i % 2 ? "bob" : "alice", "POST", `/repos/acme/shop/issues/${n}/comments`, {
        body: `/timeline step ${i}`,
      });
      deliveries.push(takeDelivery(sim, "issue_comment.created"));
    }
    const stamps: number[] = [];
    let seen = sim.requests.length;
    const poll = setInterval(() => {
      for (; seen < sim.requests.length; seen++) {
        const r = sim.requests[seen]!;
        if (r.method !== "GET" && r.actor === "hereby[bot]") stamps.push(performance.now());
      }
    }, 5);
    await Promise.all(deliveries.map((d, i) => deliverTo(`${replicas[i % 2]!.base}/`, d)));
    await waitFor("every entry", () => (COMMANDS * 2 <= stamps.length ? true : undefined), 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    clearInterval(poll);
    return stamps.slice(1).map((t, i) => t - stamps[i]!);
  } finally {
    for (const r of replicas) await stopAppProcess(r);
    await sim.close();
  }
}

const summary = (gaps: number[]) => {
  const sorted = [...gaps].sort((a, b) => a - b);
  const writes = gaps.length + 1;
  return `${writes} writes, gaps min ${sorted[0]?.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, under 900 ms: ${sorted.filter((g) => g < 900).length}`;
};

const port = await freePort();
const redis = Service.start(
  "redis-server",
  ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
  { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } },
);
try {
  await waitFor("redis", () =>
    execFileSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).trim() === "PONG"
      ? true
      : undefined,
  );
  console.log(`two replicas, one REDIS_URL:   ${summary(await run(`redis://127.0.0.1:${port}`))}`);
  console.log(`two replicas, no REDIS_URL:    ${summary(await run(undefined))}`);
} finally {
  await redis.stop();
}

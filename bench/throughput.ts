// Events a second through the real Probot server: `npm start` (lib/app.js, built by
// `npm run bench` first) with GHE_HOST/GHE_PROTOCOL=http pointing at the simulator, fed
// signed deliveries over loopback, a bounded number in flight, stopping by itself after
// a fixed count or time. The simulator runs in this process, the server in its own.
//
// The deliveries are people's comments on incidents, as they come during one: most are
// commands that write (`/timeline`, `/status`, `/severity`), some are chatter. Each is
// a real comment, made in the simulator just before its delivery is sent, so hereby reads,
// reacts to and records it as it would on GitHub.
//
// The per-installation write throttle (writes about a second apart per installation) is
// kept out by spreading the events round-robin over many installations, each with its
// own incident, and keeping fewer events in flight than there are installations: an
// installation's next event comes long after its last write. The throttle still spaces
// the two writes of one command (the reaction and the record), so each command takes
// about a second; enough are in flight that this latency is not the limit either.
import { createHmac, generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { recordedEntryCount } from "../src/core/record.js";
import { startSimulator, type Delivery, type Simulator } from "../packages/simulator/src/index.js";
import {
  cleanEnv,
  freePort,
  GUARD_NODE_OPTIONS,
  ROOT,
  Service,
  tempDir,
  waitFor,
} from "../test/shells/support.js";

const SECRET = "bench-webhook-secret";
const EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const INSTALLATIONS = 512;
const IN_FLIGHT = 256;
const MAX_MS = 60_000;
/** One event in ten is chatter (no command: decided from the payload, no request). */
const MIX = [
  "/timeline",
  "/timeline",
  "/timeline",
  "/timeline",
  "/timeline",
  "/status",
  "/severity",
  "/timeline",
  "/timeline",
  null,
] as const;

export interface Throughput {
  events: number;
  seconds: number;
  perSecond: number;
  failed: number;
  commands: number;
  installations: number;
  inFlight: number;
  /** Requests the server made to the simulator during the timed run. */
  requests: number;
  writes: number;
  /** CPU the server's process group used during the timed run, as a share of one core. */
  serverCpu: number | null;
  /** Server CPU ms per event during the timed run: the capacity of one core is 1000 / this. */
  serverCpuPerEvent: number | null;
  /** The same for this process: the simulator and the load (comments, signing, sending). */
  simulatorCpu: number;
  /** `/timeline` commands sent, and the entries the incidents' records gained. */
  timelineSent: number;
  timelineRecorded: number;
}

async function startProbot(
  sim: Simulator,
  home: string,
): Promise<{ service: Service; port: number }> {
  const port = await freePort();
  const privateKey = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  const service = Service.start("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: cleanEnv(home, {
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // BENCH_NODE_OPTIONS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server.
      NODE_OPTIONS: `${GUARD_NODE_OPTIONS} ${process.env.BENCH_NODE_OPTIONS ?? ""}`.trim(),
      npm_config_update_notifier: "false",
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: new URL(sim.url).host,
      GHE_PROTOCOL: "http",
    }),
  });
  await waitFor(
    "`npm start` to answer GET /ping",
    async () => {
      if (service.exited) throw new Error(`npm start exited: ${service.output()}`);
      const res = await fetch(`http://127.0.0.1:${port}/ping`).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    },
    20_000,
  );
  return { service, port };
}

/** CPU ms (user + system) of every process in a process group, from Linux's /proc; null elsewhere. */
function groupCpuMs(pgid: number | undefined): number | null {
  if (pgid === undefined) return null;
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      // pgrp, utime and stime are fields 5, 14 and 15 of stat(5); ticks are 10 ms on Linux.
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return null;
  }
}

function signed(name: string, payload: object, id: string): RequestInit {
  const body = JSON.stringify(payload);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": name,
      "x-github-delivery": id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
    body,
  };
}

/** The delivery the simulator made for `match`, taken out of its pile (the server's own
 * writes pile up there too: GitHub would send them, hereby skips them from the payload). */
function takeDelivery(sim: Simulator, match: (d: Delivery) => boolean): Delivery {
  const at = sim.deliveries.findIndex(match);
  if (at === -1) throw new Error("no delivery");
  const [d] = sim.deliveries.splice(at, 1);
  if (sim.deliveries.length > 1000) {
    // Drop the deliveries of the server's own writes; keep people's comments not yet taken.
    const people = sim
      .takeDeliveries()
      .filter(
        (x) =>
          x.name === "issue_comment" &&
          (x.payload as { sender?: { type?: string } }).sender?.type === "User",
      );
    sim.deliveries.push(...people);
  }
  return d!;
}

/** A person's comment, made in the simulator, and its delivery from `installation`. */
async function comment(
  sim: Simulator,
  token: string,
  issue: number,
  body: string,
  installation: number,
): Promise<Delivery> {
  const res = await fetch(`${sim.url}/repos/acme/shop/issues/${issue}/comments`, {
    method: "POST",
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
  if (res.status !== 201) throw new Error(`comment failed: ${res.status}`);
  const id = ((await res.json()) as { id: number }).id;
  const d = takeDelivery(
    sim,
    (x) =>
      x.name === "issue_comment" && (x.payload as { comment?: { id: number } }).comment?.id === id,
  );
  return {
    ...d,
    payload: { ...d.payload, installation: { ...d.payload.installation, id: installation } },
  };
}

const text = (kind: string, i: number) =>
  kind === "/timeline"
    ? `/timeline rolled back step ${i}`
    : kind === "/status"
      ? "/status identified cache stampede"
      : kind === "/severity"
        ? i % 2
          ? "/severity major"
          : "/severity critical"
        : `looking at the dashboards (${i})`;

/** One incident per installation, declared through the server (which also fetches each
 * installation's token and warms the JIT). */
async function declareIncidents(sim: Simulator, url: string): Promise<number[]> {
  const issues: number[] = [];
  for (let i = 1; i <= INSTALLATIONS; i++) {
    issues.push(
      (
        await sim.createIssueAs("bob", {
          title: `Checkout 502s (${i})`,
          body: "Customers can't pay.",
          labels: ["incident"],
        })
      ).number,
    );
  }
  const labeled = sim
    .takeDeliveries()
    .filter((d) => d.name === "issues" && (d.payload as { action?: string }).action === "labeled");
  await Promise.all(
    Array.from({ length: 32 }, async (_, w) => {
      for (let i = w; i < issues.length; i += 32) {
        const d = labeled.find(
          (x) => (x.payload as unknown as { issue: { number: number } }).issue.number === issues[i],
        )!;
        await (
          await fetch(
            url,
            signed("issues", { ...d.payload, installation: { id: i + 1 } }, `declare-${i}`),
          )
        ).text();
      }
    }),
  );
  sim.takeDeliveries();
  return issues;
}

/** Waits until the server has made no request for a second (deliveries answered 202 are
 * still being handled), so the records are counted when complete. */
async function quiet(sim: Simulator): Promise<void> {
  for (let seen = -1, i = 0; seen !== sim.requests.length && i < 60; i++) {
    seen = sim.requests.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

interface Sent {
  next: number;
  failed: number;
  commands: number;
  timelineSent: number;
}

/** Sends the events, IN_FLIGHT at a time, each a real comment on its installation's incident. */
async function send(sim: Simulator, url: string, issues: number[], started: number): Promise<Sent> {
  const bob = sim.tokenFor("bob");
  const sent: Sent = { next: 0, failed: 0, commands: 0, timelineSent: 0 };
  const worker = async () => {
    while (sent.next < EVENTS && performance.now() - started < MAX_MS) {
      const i = sent.next++;
      const kind = MIX[i % MIX.length]!;
      const installation = (i % INSTALLATIONS) + 1;
      const d = await comment(
        sim,
        bob,
        issues[installation - 1]!,
        text(kind ?? "", i),
        installation,
      );
      // A delivery that is not answered 200 in time (Probot answers 202 after 9 s) or at all counts as failed.
      const status = await fetch(url, signed("issue_comment", d.payload, `bench-${i}`)).then(
        async (res) => (await res.text(), res.status),
        () => 0,
      );
      if (status !== 200) sent.failed++;
      if (kind) sent.commands++;
      if (kind === "/timeline") sent.timelineSent++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return sent;
}

export async function measureThroughput(): Promise<Throughput> {
  const sim = await startSimulator({
    clock: () => new Date("2026-11-23T14:00:00Z"),
    installations: INSTALLATIONS,
  });
  const home = await tempDir("bench-probot");
  let app: { service: Service; port: number } | undefined;
  try {
    sim.setPermission("bob", "write");
    sim.seedFile(".github/hereby.yml", "timezone: UTC\n");
    app = await startProbot(sim, home.path);
    const url = `http://127.0.0.1:${app.port}/api/github/webhooks`;
    const issues = await declareIncidents(sim, url);

    const logged = sim.requests.length;
    const entries = () =>
      issues.reduce((n, issue) => n + recordedEntryCount(sim.issue(issue).body), 0);
    const entriesBefore = entries();
    const cpuBefore = groupCpuMs(app.service.child.pid);
    const ownBefore = process.cpuUsage();
    const started = performance.now();
    // For a profile of the server (BENCH_DEBUG): the timed window on the monotonic clock, in µs.
    const window = [process.hrtime.bigint() / 1000n];
    const { next, failed, commands, timelineSent } = await send(sim, url, issues, started);
    const seconds = (performance.now() - started) / 1000;
    window.push(process.hrtime.bigint() / 1000n);
    if (process.env.BENCH_DEBUG) console.error(`window ${window.join(" ")}`);
    const cpuAfter = groupCpuMs(app.service.child.pid);
    const own = process.cpuUsage(ownBefore);
    await quiet(sim);
    const made = sim.requests.slice(logged).filter((r) => r.actor === "hereby[bot]");
    const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
    return {
      events: next,
      seconds,
      perSecond: next / seconds,
      failed,
      commands,
      installations: INSTALLATIONS,
      inFlight: IN_FLIGHT,
      requests: made.length,
      writes: made.filter((r) => r.method !== "GET").length,
      serverCpuPerEvent: cpu === null ? null : cpu / next,
      serverCpu: cpu === null ? null : cpu / 1000 / seconds,
      simulatorCpu: (own.user + own.system) / 1e6 / seconds,
      timelineSent,
      timelineRecorded: entries() - entriesBefore,
    };
  } finally {
    await app?.service.stop();
    await home.remove();
    await sim.close();
  }
}

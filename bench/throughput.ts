// Events a second through the real Probot server: `npm start` (lib/app.js, built by
// `npm run bench` first) with GHE_HOST/GHE_PROTOCOL=http pointing at the simulator, fed
// signed deliveries over loopback, a bounded number in flight, stopping by itself after
// a fixed count or time.
//
// The per-installation write throttle (writes about a second apart) is kept out by sending
// no delivery that writes: nine in ten are comments without commands, spread over 100
// installations (the handler decides from the payload and makes no request, so no token
// is fetched for them); one in ten is a `/severity` command on an issue that is not an
// incident, in installation 1, which reads (config, issue, permission) but never writes.
import { createHmac, generateKeyPairSync } from "node:crypto";
import { startSimulator, type Delivery, type Simulator } from "../src/simulator/index.js";
import { cleanEnv, freePort, GUARD_NODE_OPTIONS, ROOT, Service, tempDir, waitFor } from "../test/shells/support.js";

const SECRET = "bench-webhook-secret";
const EVENTS = 3000;
const IN_FLIGHT = 32;
const MAX_MS = 60_000;
const INSTALLATIONS = 100;

export interface Throughput {
  events: number;
  seconds: number;
  perSecond: number;
  failed: number;
  /** Requests the server made to the simulator during the timed run (the commands' reads). */
  requests: number;
  writes: number;
}

async function startProbot(sim: Simulator, home: string): Promise<{ service: Service; port: number }> {
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
      NODE_OPTIONS: GUARD_NODE_OPTIONS,
      npm_config_update_notifier: "false",
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: new URL(sim.url).host,
      GHE_PROTOCOL: "http",
    }),
  });
  await waitFor("`npm start` to answer GET /ping", async () => {
    if (service.exited) throw new Error(`npm start exited: ${service.output()}`);
    const res = await fetch(`http://127.0.0.1:${port}/ping`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  }, 20_000);
  return { service, port };
}

/** The delivery the simulator made for a person's comment, as a template. */
async function commentDelivery(sim: Simulator, issue: number, body: string): Promise<Delivery> {
  sim.takeDeliveries();
  const res = await fetch(`${sim.url}/repos/acme/shop/issues/${issue}/comments`, {
    method: "POST",
    headers: { authorization: `token ${sim.tokenFor("bob")}`, "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
  if (res.status !== 201) throw new Error(`comment failed: ${res.status}`);
  const d = sim.takeDeliveries().find((x) => x.name === "issue_comment");
  if (!d) throw new Error("no issue_comment delivery");
  return d;
}

function signedRequest(payload: object, id: number): RequestInit {
  const body = JSON.stringify(payload);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": `bench-${id}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
    body,
  };
}

export async function measureThroughput(): Promise<Throughput> {
  const sim = await startSimulator({ clock: () => new Date("2026-11-23T14:00:00Z") });
  const home = await tempDir("bench-probot");
  let app: { service: Service; port: number } | undefined;
  try {
    sim.setPermission("bob", "write");
    sim.seedFile(".github/hereby.yml", "timezone: UTC\n");
    const issue = (await sim.createIssueAs("bob", { title: "Question", body: "not an incident" })).number;
    const chatter = (await commentDelivery(sim, issue, "looking at the dashboards")).payload as { installation?: { id: number } };
    const command = (await commentDelivery(sim, issue, "/severity critical")).payload;
    app = await startProbot(sim, home.path);
    const url = `http://127.0.0.1:${app.port}/api/github/webhooks`;
    const payloadFor = (i: number) =>
      i % 10 === 0 ? command : { ...chatter, installation: { ...chatter.installation, id: (i % INSTALLATIONS) + 1 } };
    // Warm up: the App's own login, the installation token, the JIT.
    for (let i = 0; i < 50; i++) await fetch(url, signedRequest(payloadFor(i), -i - 1)).then((r) => r.text());

    let next = 0;
    let failed = 0;
    const logged = sim.requests.length;
    const started = performance.now();
    const worker = async () => {
      while (next < EVENTS && performance.now() - started < MAX_MS) {
        const i = next++;
        const res = await fetch(url, signedRequest(payloadFor(i), i));
        await res.text();
        if (res.status !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const made = sim.requests.slice(logged);
    const writes = made.filter((r) => r.method !== "GET").length;
    return { events: next, seconds, perSecond: next / seconds, failed, requests: made.length, writes };
  } finally {
    await app?.service.stop();
    await home.remove();
    await sim.close();
  }
}

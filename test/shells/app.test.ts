// The GitHub App as its users run it: `npm start` (node lib/app-server.js, Probot's run) with Probot's
// standard environment, GHE_HOST pointing at the simulator, and the simulator's own
// webhook deliveries POSTed to Probot's webhook path, signed with the webhook secret.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Delivery, Simulator } from "../../packages/simulator/src/index.js";
import { recordRows } from "../support/simulated.js";
import { deliverTo } from "./app-process.js";
import {
  assertNoDotEnv,
  botComments,
  cleanEnv,
  comment,
  freePort,
  GUARD_NODE_OPTIONS,
  labelsOf,
  openIncident,
  REFUSED,
  ROOT,
  Service,
  simulator,
  takeDelivery,
  tempDir,
  waitFor,
} from "./support.js";

const SECRET = "shell-test-webhook-secret";
const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

interface App {
  service: Service;
  port: number;
  removeHome: () => Promise<void>;
}

/** `npm start` in the repository, with a clean environment plus `env`; resolves once it answers. */
async function startApp(env: Record<string, string>): Promise<App> {
  assertNoDotEnv();
  const port = await freePort();
  const home = await tempDir("app-home");
  const service = Service.start("npm", ["start"], {
    cwd: ROOT,
    env: cleanEnv(home.path, {
      PORT: String(port),
      // Probot listens on "localhost" by default, which may be ::1 only.
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_OPTIONS: GUARD_NODE_OPTIONS,
      npm_config_update_notifier: "false",
      ...env,
    }),
  });
  const app = { service, port, removeHome: home.remove };
  try {
    await waitFor(
      "`npm start` to answer GET /ping",
      async () => {
        if (service.exited) throw new Error(`npm start exited (${JSON.stringify(service.exited)})`);
        const res = await fetch(`http://127.0.0.1:${port}/ping`);
        return res.status === 200 && (await res.text()) === "PONG" ? true : undefined;
      },
      12_000,
      () => service.output(),
    );
  } catch (error) {
    await stopApp(app);
    throw error;
  }
  return app;
}

async function stopApp(app: App | undefined): Promise<void> {
  if (!app) return;
  await app.service.stop();
  await app.removeHome();
  expect(app.service.stderr + app.service.stdout, "the App tried to leave loopback").not.toContain(
    REFUSED,
  );
}

/** POSTs one delivery as GitHub does. Probot answers once its handlers are done (or 202 after 9 s). */
function deliver(app: App, delivery: Delivery, opts: { path?: string; secret?: string } = {}) {
  return deliverTo(
    `http://127.0.0.1:${app.port}${opts.path ?? "/api/github/webhooks"}`,
    delivery,
    opts.secret ?? SECRET,
  );
}

/** Waits (bounded) until the incident is declared: labels set and the checklist posted. */
async function declared(app: App, sim: Simulator, n: number): Promise<void> {
  await waitFor(
    `#${n} to be declared`,
    () =>
      labelsOf(sim, n).includes("status:investigating") && botComments(sim, n).length > 0
        ? true
        : undefined,
    10_000,
    () => `${app.service.output()}\nlabels: ${labelsOf(sim, n).join(", ")}`,
  );
}

const githubEnv = (sim: Simulator) => ({
  APP_ID: "1",
  PRIVATE_KEY,
  WEBHOOK_SECRET: SECRET,
  GHE_HOST: new URL(sim.url).host,
  GHE_PROTOCOL: "http",
});

describe("the App (npm start) with credentials", () => {
  let sim: Simulator;
  let advance: (minutes: number) => void;
  let app: App | undefined;

  beforeAll(async () => {
    ({ sim, advance } = await simulator());
    app = await startApp(githubEnv(sim));
  }, 20_000);

  afterAll(async () => {
    await stopApp(app);
    await sim?.close();
  }, 10_000);

  afterEach(() => {
    expect(sim.violations, "requests GitHub would reject").toEqual([]);
  });

  it("declares the incident from an issues.labeled delivery", async () => {
    const n = await openIncident(sim, "alice");
    const before = sim.requests.length;
    const res = await deliver(app!, takeDelivery(sim, "issues.labeled"));
    expect(res.status, res.text).toBe(200);
    await declared(app!, sim, n);

    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue(n).assignees?.map((a) => a.login)).toEqual(["alice"]);
    const body = sim.issue(n).body ?? "";
    expect(body.startsWith("Customers can't pay.\n\n<!-- hereby:start -->")).toBe(true);
    expect(body.trimEnd().endsWith("<!-- hereby:end -->")).toBe(true);
    expect(recordRows(body).join("\n")).toContain("Incident declared");
    expect(botComments(sim, n)).toHaveLength(1);
    expect(botComments(sim, n)[0]).toContain("<!-- hereby:checklist declared -->");

    // Probot authenticated as the app (JWT) against GHE_HOST and wrote as the installation.
    const requests = sim.requests.slice(before);
    expect(
      requests
        .filter((r) => r.operationId === "apps/create-installation-access-token")
        .map((r) => r.actor),
    ).toEqual(["hereby (app JWT)"]);
    const writes = requests.filter(
      (r) => r.method !== "GET" && r.operationId !== "apps/create-installation-access-token",
    );
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.map((r) => r.actor)).toEqual(writes.map(() => "hereby[bot]"));
  });

  it("adds a /timeline entry from an issue_comment.created delivery", async () => {
    const n = await openIncident(sim, "alice");
    await deliver(app!, takeDelivery(sim, "issues.labeled"));
    await declared(app!, sim, n);

    advance(5); // 14:05: "14:01" is earlier today
    const commentId = await comment(sim, "carol", n, "/timeline 14:01 pager fired");
    const res = await deliver(app!, takeDelivery(sim, "issue_comment.created"));
    expect(res.status, res.text).toBe(200);
    const row = await waitFor(
      "the timeline entry",
      () => recordRows(sim.issue(n).body).find((r) => r.includes("pager fired")),
      10_000,
      () => app!.service.output(),
    );
    expect(row).toContain("14:01");
    expect(sim.reactions(commentId).map((r) => [r.user?.login, r.content])).toEqual([
      ["hereby[bot]", "+1"],
    ]);
  });

  it("refuses a delivery with a bad signature and writes nothing; the same delivery signed right is handled", async () => {
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const before = sim.requests.length;

    const refused = await deliver(app!, labeled, { secret: "not-the-secret" });
    expect([400, 401]).toContain(refused.status);
    expect(sim.requests.slice(before)).toEqual([]);
    expect(labelsOf(sim, n)).toEqual(["incident"]);
    expect(sim.comments(n)).toEqual([]);

    const accepted = await deliver(app!, labeled);
    expect(accepted.status, accepted.text).toBe(200);
    await declared(app!, sim, n);
  });
});

describe("the App (npm start) with WEBHOOK_PATH=/hooks", () => {
  let sim: Simulator;
  let app: App | undefined;

  beforeAll(async () => {
    ({ sim } = await simulator());
    app = await startApp({ ...githubEnv(sim), WEBHOOK_PATH: "/hooks" });
  }, 20_000);

  afterAll(async () => {
    await stopApp(app);
    await sim?.close();
  }, 10_000);

  it("takes deliveries on /hooks, not on the default path", async () => {
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const before = sim.requests.length;

    const elsewhere = await deliver(app!, labeled, { path: "/api/github/webhooks" });
    expect(elsewhere.status).toBe(404);
    expect(sim.requests.slice(before)).toEqual([]);

    const res = await deliver(app!, labeled, { path: "/hooks" });
    expect(res.status, res.text).toBe(200);
    await declared(app!, sim, n);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.violations).toEqual([]);
  });
});

describe("the App (npm start) without credentials", () => {
  let app: App | undefined;

  afterAll(async () => {
    await stopApp(app);
  });

  it("serves Probot's setup page, offering to register the app from app.yml", async () => {
    // No APP_ID, PRIVATE_KEY, WEBHOOK_SECRET or GHE_HOST. Probot would try to create a
    // smee.io channel only when started through npx; the loopback guard fails the test
    // should it (or anything else) try to reach the network.
    app = await startApp({});
    const base = `http://127.0.0.1:${app.port}`;

    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/probot");

    const page = await fetch(`${base}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("hereby");
    // The manifest Probot posts to GitHub comes from app.yml (HTML-escaped in a form field).
    const manifest = html.replace(/&quot;/g, '"').replace(/&#34;/g, '"');
    expect(manifest).toContain(
      '"default_events":["issues","issue_comment","pull_request","deployment_status","release","workflow_run"]',
    );
    expect(manifest).toContain('"issues":"write"');
    // The postmortem: its branch and commit, its pull request.
    expect(manifest).toContain('"contents":"write"');
    expect(manifest).toContain('"pull_requests":"write"');
    // After registering, GitHub sends the user back to this server to finish the setup.
    expect(manifest).toContain(`"redirect_url":"${base}/probot/setup"`);
  });
});

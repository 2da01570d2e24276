// Deploying the App: the webhook URL Probot's setup page registers must take deliveries,
// and the Dockerfile's command must run on production dependencies alone and answer its
// health check. Both run the built lib/ (`npm test` builds first) as child processes.
import { execFile } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import {
  deliverTo,
  githubEnv,
  startAppProcess,
  stopAppProcess,
  type AppProcess,
} from "./app-process.js";
import {
  botComments,
  labelsOf,
  openIncident,
  ROOT,
  simulator,
  takeDelivery,
  tempDir,
  waitFor,
} from "./support.js";

const run = promisify(execFile);
const NPM_START = ["npm", "start"];

let apps: AppProcess[] = [];
let sims: Simulator[] = [];
let dirs: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const app of apps) await stopAppProcess(app);
  for (const sim of sims) await sim.close();
  for (const remove of dirs) await remove();
  apps = [];
  sims = [];
  dirs = [];
}, 15_000);

async function start(...args: Parameters<typeof startAppProcess>): Promise<AppProcess> {
  const app = await startAppProcess(...args);
  apps.push(app);
  return app;
}

async function declaredBy(app: AppProcess, sim: Simulator, n: number): Promise<void> {
  await waitFor(
    `#${n} to be declared`,
    () =>
      labelsOf(sim, n).includes("status:investigating") && botComments(sim, n).length > 0
        ? true
        : undefined,
    10_000,
    () => app.service.output(),
  );
}

/** The manifest Probot's setup page would POST to GitHub (a JSON string in a button's value). */
async function manifestOf(
  setup: AppProcess,
): Promise<{ hook_attributes: { url: string }; redirect_url: string }> {
  const html = await (await fetch(`${setup.base}/probot`)).text();
  const json = /name="manifest" id="manifest" value='([^']*)'/.exec(html)?.[1];
  if (!json) throw new Error(`no manifest on the setup page:\n${html.slice(0, 500)}`);
  return JSON.parse(json) as { hook_attributes: { url: string }; redirect_url: string };
}

describe("registering the App through Probot's setup page", () => {
  it("registers a webhook URL that, once the App runs with its credentials, answers deliveries with 200", async () => {
    const setup = await start(NPM_START, ROOT, {});
    const manifest = await manifestOf(setup);
    // Probot builds it from the server's address: the root, not WEBHOOK_PATH.
    expect(manifest.hook_attributes.url).toBe(`${setup.base}/`);
    await stopAppProcess(setup);
    apps = [];

    const { sim } = await simulator();
    sims.push(sim);
    const app = await start(NPM_START, ROOT, githubEnv(sim), { port: setup.port });
    const n = await openIncident(sim, "alice");
    const res = await deliverTo(manifest.hook_attributes.url, takeDelivery(sim, "issues.labeled"));
    expect(res.status, res.text).toBe(200);
    await declaredBy(app, sim, n);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.violations).toEqual([]);
  });

  it("still takes deliveries on WEBHOOK_PATH, and refuses a badly signed one at the root", async () => {
    const { sim } = await simulator();
    sims.push(sim);
    const app = await start(NPM_START, ROOT, githubEnv(sim));
    await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const forged = await fetch(`${app.base}/`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": "x",
        "x-hub-signature-256": "sha256=00",
      },
      body: JSON.stringify(labeled.payload),
    });
    expect([400, 401]).toContain(forged.status);
    expect((await deliverTo(`${app.base}/api/github/webhooks`, labeled)).status).toBe(200);
  });
});

/** The final stage of the Dockerfile: its COPY sources, its ENV and its CMD. */
async function dockerfile() {
  const text = await readFile(join(ROOT, "Dockerfile"), "utf8");
  const stage = text.slice(text.lastIndexOf("\nFROM "));
  const copies = [...stage.matchAll(/^COPY (?:--from=\S+ )?(.+)$/gm)].flatMap((m) => {
    const words = m[1]!.split(" ");
    const to = words.pop()!;
    return words.map((from) => ({
      from: from.replace(/^\/app\//, ""),
      to: to.endsWith("/") ? join(to, basename(from)) : to,
    }));
  });
  const env = Object.fromEntries(
    [...stage.matchAll(/^ENV (.+)$/gm)].flatMap((m) =>
      m[1]!.split(" ").map((kv) => kv.split("=") as [string, string]),
    ),
  );
  const cmd = JSON.parse(/^CMD (\[.+\])$/m.exec(stage)?.[1] ?? "null") as string[];
  return { stage, copies, env, cmd };
}

describe("the Dockerfile's command", () => {
  it("runs on production dependencies alone and answers GET /healthz, then handles a delivery", async () => {
    const image = await dockerfile();
    expect(image.stage).toMatch(/^RUN npm ci --omit=dev/m);
    expect(image.stage).toMatch(/^USER node$/m);

    // The image's /app, built here: its files, then `npm ci --omit=dev` from the npm cache.
    const app = await tempDir("image");
    dirs.push(app.remove);
    for (const { from, to } of image.copies)
      await cp(join(ROOT, from), join(app.path, to), { recursive: true });
    await run(
      "npm",
      ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"],
      {
        cwd: app.path,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: homedir(),
          npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
        },
      },
    );
    for (const dev of ["@octokit/openapi", "tsx", "typescript", "vitest", "esbuild"]) {
      expect(existsSync(join(app.path, "node_modules", dev)), `${dev} is a dev dependency`).toBe(
        false,
      );
    }

    const { sim } = await simulator();
    sims.push(sim);
    // In a container it listens on every interface; here on loopback, on a free port.
    const { HOST, PORT, ...imageEnv } = image.env;
    expect({ HOST, PORT, NODE_ENV: imageEnv.NODE_ENV }).toEqual({
      HOST: "0.0.0.0",
      PORT: "3000",
      NODE_ENV: "production",
    });
    const running = await start(
      image.cmd,
      app.path,
      { ...imageEnv, ...githubEnv(sim) },
      { ready: "/healthz" },
    );
    const health = await fetch(`${running.base}/healthz`);
    expect(health.headers.get("content-type")).toBe("application/json");
    const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    expect(await health.json()).toEqual({ status: "ok", name: "hereby", version });

    const n = await openIncident(sim, "alice");
    expect((await deliverTo(`${running.base}/`, takeDelivery(sim, "issues.labeled"))).status).toBe(
      200,
    );
    await declaredBy(running, sim, n);
  }, 60_000); // npm ci --omit=dev of 105 packages from the cache: ~11 s on a busy 2-core machine
});

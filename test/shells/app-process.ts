// An App process as it is deployed: any command (`npm start`, the Dockerfile's CMD) with
// Probot's environment, answering on loopback, fed signed deliveries like GitHub's.
import { createHmac, generateKeyPairSync } from "node:crypto";
import type { Delivery, Simulator } from "../../packages/simulator/src/index.js";
import {
  assertNoDotEnv,
  cleanEnv,
  freePort,
  GUARD_NODE_OPTIONS,
  REFUSED,
  Service,
  tempDir,
  waitFor,
} from "./support.js";

export const SECRET = "deploy-test-webhook-secret";
export const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

export interface AppProcess {
  service: Service;
  port: number;
  base: string;
  removeHome: () => Promise<void>;
}

/** Probot's environment for an App installed on the simulator (GHE_HOST points at it). */
export const githubEnv = (sim: Simulator): Record<string, string> => ({
  APP_ID: "1",
  PRIVATE_KEY,
  WEBHOOK_SECRET: SECRET,
  GHE_HOST: new URL(sim.url).host,
  GHE_PROTOCOL: "http",
});

/** Starts `command` in `cwd` with a clean environment plus `env`; resolves once GET `ready` answers 200. */
export async function startAppProcess(
  command: string[],
  cwd: string,
  env: Record<string, string>,
  { ready = "/ping", port: fixedPort }: { ready?: string; port?: number } = {},
): Promise<AppProcess> {
  assertNoDotEnv();
  const port = fixedPort ?? (await freePort());
  const home = await tempDir("app-home");
  const service = Service.start(command[0]!, command.slice(1), {
    cwd,
    env: cleanEnv(home.path, {
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_OPTIONS: GUARD_NODE_OPTIONS,
      npm_config_update_notifier: "false",
      ...env,
    }),
  });
  const app = { service, port, base: `http://127.0.0.1:${port}`, removeHome: home.remove };
  try {
    await waitFor(
      `${command.join(" ")} to answer GET ${ready}`,
      async () => {
        if (service.exited) throw new Error(`exited (${JSON.stringify(service.exited)})`);
        return (await fetch(`${app.base}${ready}`)).status === 200 ? true : undefined;
      },
      15_000,
      () => service.output(),
    );
  } catch (error) {
    await stopAppProcess(app);
    throw error;
  }
  return app;
}

/** Stops the process group; returns what it printed, for the loopback check. */
export async function stopAppProcess(app: AppProcess | undefined): Promise<void> {
  if (!app) return;
  await app.service.stop();
  await app.removeHome();
  const output = app.service.stderr + app.service.stdout;
  if (output.includes(REFUSED)) throw new Error(`the App tried to leave loopback:\n${output}`);
}

/** POSTs one delivery to `url` as GitHub does, signed with the webhook secret (or
 * another, to see a forged delivery refused). */
export async function deliverTo(
  url: string,
  delivery: Delivery,
  secret = SECRET,
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(delivery.payload);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/sim",
      "x-github-event": delivery.name,
      "x-github-delivery": delivery.id,
      "x-github-hook-id": "1",
      "x-github-hook-installation-target-type": "integration",
      "x-github-hook-installation-target-id": "1",
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

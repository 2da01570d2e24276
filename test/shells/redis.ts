// A real Redis for the replica tests (Debian's redis-server, which .ci/run installs): each
// test file starts its own on a free loopback port, without persistence.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { freePort, ROOT, Service, waitFor } from "./support.js";

const run = promisify(execFile);

function hasRedis(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
export const REDIS = hasRedis();
if (!REDIS) {
  if (process.env.HEREBY_REQUIRE_REDIS || process.env.CI)
    throw new Error(
      "redis-server is missing: .ci/run installs it (apt-get install -y redis-server)",
    );
  console.warn(
    "\n!!! SKIPPING the replica tests: redis-server is not installed (apt-get install -y redis-server) !!!\n",
  );
}

export const redisCli = async (port: number, ...args: string[]) =>
  (await run("redis-cli", ["-p", String(port), ...args])).stdout.trim();

export async function startRedis(): Promise<{ service: Service; port: number; url: string }> {
  const port = await freePort();
  const service = Service.start(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } },
  );
  await waitFor(
    "redis-server to answer PING",
    async () => ((await redisCli(port, "ping")) === "PONG" ? true : undefined),
    10_000,
    () => service.output(),
  );
  return { service, port, url: `redis://127.0.0.1:${port}` };
}

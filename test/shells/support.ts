// Helpers for the shell tests: the built artifacts (dist/index.js, `npm start` → lib/app.js)
// run as child processes against the simulator on loopback, fed the simulator's own
// webhook deliveries. Every child is preloaded with loopback-only.mjs, so nothing it
// does can leave 127.0.0.1.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { defaultConfig } from "../../src/config.js";
import { allLabelSpecs } from "../../src/core/labels.js";
import {
  startSimulator,
  type Delivery,
  type Simulator,
} from "../../packages/simulator/src/index.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const GUARD = resolve(import.meta.dirname, "loopback-only.mjs");
/** What loopback-only.mjs prints when it refuses a connection. */
export const REFUSED = "[loopback-only] refused";
/** The simulator's fixed clock: no test depends on the wall clock. */
export const START = new Date("2026-11-23T14:00:00Z");

export const PEOPLE = { alice: "write", bob: "write", carol: "triage" } as const;

/**
 * A simulator with a fixed, advanceable clock, the people above, a config file and
 * hereby's labels already in the repository (as after its first incident). A first
 * declaration creates the eleven missing labels, and Octokit's throttling spaces writes
 * a second apart, so a fresh repository's first declaration takes ~13 s in either shell.
 */
export async function simulator(config: string | null = "timezone: UTC\n", { labels = true } = {}) {
  let now = START;
  const sim = await startSimulator({ clock: () => now });
  for (const [login, role] of Object.entries(PEOPLE)) sim.setPermission(login, role);
  if (config !== null) sim.seedFile(".github/hereby.yml", config);
  if (labels) {
    for (const label of allLabelSpecs(defaultConfig))
      await act(sim, "alice", "POST", "/repos/acme/shop/labels", label);
  }
  return {
    sim,
    advance: (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

/** A person acting through the REST API with their own token, as in the browser. */
/** Answers with GitHub's JSON object; an empty answer (a 204) reads as {}. */
export async function act(
  sim: Simulator,
  login: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: `token ${sim.tokenFor(login)}`,
      accept: "application/vnd.github+json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${login}: ${method} ${path} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function openIncident(sim: Simulator, login = "alice"): Promise<number> {
  const issue = await sim.createIssueAs(login, {
    title: "Checkout returns 502",
    body: "Customers can't pay.",
    labels: ["incident"],
  });
  return issue.number;
}

export async function comment(
  sim: Simulator,
  login: string,
  issue: number,
  body: string,
): Promise<number> {
  const created = await act(sim, login, "POST", `/repos/acme/shop/issues/${issue}/comments`, {
    body,
  });
  return created.id as number;
}

/** Takes every pending delivery and returns the one named `event` (`issues.labeled`, ...)
 * that a person caused; the ones hereby's own writes caused are dropped. */
export function takeDelivery(sim: Simulator, event: string): Delivery {
  const pending = sim.takeDeliveries();
  const found = pending.filter(
    (d) => `${d.name}.${d.payload.action}` === event && d.payload.sender.type !== "Bot",
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one ${event} delivery, got: ${pending.map((d) => `${d.name}.${d.payload.action}`).join(", ") || "none"}`,
    );
  }
  return found[0]!;
}

export function labelsOf(sim: Simulator, n: number): string[] {
  return sim
    .issue(n)
    .labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")))
    .sort();
}

export function botComments(sim: Simulator, n: number): string[] {
  return sim
    .comments(n)
    .filter((c) => c.user?.login === "hereby[bot]")
    .map((c) => c.body ?? "");
}

/** Requests that change something (anything but GET), from `since` on. */
export function writesSince(sim: Simulator, since: number) {
  return sim.requests.slice(since).filter((r) => r.method !== "GET" && r.method !== "HEAD");
}

export async function tempDir(
  prefix: string,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `hereby-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

/** The real action.yml, parsed strictly (duplicate keys and bad YAML throw). */
export function actionMetadata(): ActionMetadata {
  return parseYaml(readFileSync(join(ROOT, "action.yml"), "utf8"), {
    strict: true,
    uniqueKeys: true,
  }) as ActionMetadata;
}

/**
 * The INPUT_* variables the runner gives a step: one per input of action.yml, named
 * `INPUT_` + the input's name upper-cased with spaces turned into `_` (a dash stays:
 * `INPUT_GITHUB-TOKEN`), holding the step's `with:` value or else the default, with the
 * default's expressions evaluated. Only `${{ github.token }}` is known here: a default
 * using any other expression fails the test that reads it.
 */
export function actionInputs(
  github: { token: string },
  withValues: Record<string, string> = {},
): Record<string, string> {
  const { inputs } = actionMetadata();
  const env: Record<string, string> = {};
  for (const name of Object.keys(withValues)) {
    if (!(name in inputs)) throw new Error(`with: ${name} is not an input of action.yml`);
  }
  for (const [name, input] of Object.entries(inputs)) {
    const raw = withValues[name] ?? input.default ?? "";
    const value = raw.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
      if (expr === "github.token") return github.token;
      throw new Error(
        `action.yml: input ${name}'s default uses \${{ ${expr} }}, which this test does not evaluate`,
      );
    });
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  return env;
}

/** A clean environment: PATH and HOME (a throwaway one) and what the caller adds. */
export function cleanEnv(home: string, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    ...extra,
  };
}

/** NODE_OPTIONS that preload the loopback guard into node and every node it starts. */
export const GUARD_NODE_OPTIONS = `--import=${pathToFileURL(GUARD).href}`;

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `timeoutMs`) and collects its output. */
export function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `${command} ${args.join(" ")} did not finish in ${options.timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** A port nothing listens on right now (listen on 0, close, reuse). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

/** A long-running child in its own process group (so `npm start` and the node it starts
 * are stopped together), with its output kept for failure messages. */
export class Service {
  stdout = "";
  stderr = "";
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly done: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding("utf8").on("data", (s: string) => (this.stdout += s));
    child.stderr?.setEncoding("utf8").on("data", (s: string) => (this.stderr += s));
    this.done = new Promise((resolvePromise) => {
      child.on("close", (code, signal) => {
        this.exited = { code, signal };
        resolvePromise();
      });
      child.on("error", (error) => {
        this.stderr += `\nspawn error: ${String(error)}`;
        this.exited ??= { code: null, signal: null };
        resolvePromise();
      });
    });
  }

  static start(
    command: string,
    args: string[],
    options: { cwd: string; env: Record<string, string> },
  ): Service {
    return new Service(
      spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] }),
    );
  }

  output(): string {
    return `stdout:\n${this.stdout}\nstderr:\n${this.stderr}`;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exited) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  /** SIGTERM to the whole group, SIGKILL if it is still there after a grace period. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    this.signalGroup("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), graceMs)));
    if ((await Promise.race([this.done.then(() => "done" as const), grace])) === "late") {
      this.signalGroup("SIGKILL");
      await this.done;
    }
    clearTimeout(timer);
    // The group leader (npm) may be gone while its child lingers: make sure of the group.
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      // nothing left
    }
  }
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  detail: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ""}\n${detail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Probot's `.env` handling (applyEnv) would override the environment the tests give it. */
export function assertNoDotEnv(): void {
  if (existsSync(join(ROOT, ".env"))) {
    throw new Error(
      `${join(ROOT, ".env")} exists: Probot loads it over the environment \`npm start\` is given, so the App tests ` +
        "would not run with their own credentials and hosts (and might reach the network). Move it aside to run them.",
    );
  }
}

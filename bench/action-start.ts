// The Action's cost before it does anything: the size of dist/index.js and the time from
// `node dist/index.js` to its first request, measured against the simulator with the
// environment a runner gives it (an issue_comment event). Reported, never asserted.
// `npm run bench` (bench/run.ts) puts the figures in BENCHMARKS.md.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { startSimulator } from "../packages/simulator/src/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const RUNS = 15;

/** CPU time (user + system, ms) a process has used so far, from Linux's /proc; null
 * elsewhere. Unlike wall time, a busy machine barely changes it. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

interface Sample {
  first: number;
  cpu: number | null;
  exit: number;
}

/** Spawns the Action once: ms from spawn to its first request (wall, and the child's CPU)
 * and to exit. `onFirst` is told when the simulator sees the first request. */
async function once(
  ACTION: string,
  env: Record<string, string>,
  onFirst: (hook: () => void) => void,
): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, [ACTION], { env, stdio: "ignore" });
  const exited = new Promise<number>((r) => child.on("close", () => r(performance.now())));
  const first = await Promise.race([
    new Promise<{ at: number; cpu: number | null }>((r) =>
      onFirst(() => r({ at: performance.now(), cpu: cpuMs(child.pid) })),
    ),
    // An Action that fails before its first request would otherwise leave the bench waiting.
    exited.then(() => Promise.reject(new Error("the Action exited before its first request"))),
  ]);
  return { first: first.at - started, cpu: first.cpu, exit: (await exited) - started };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export interface ActionStart {
  kib: number;
  gzipKib: number;
  /** Medians, ms. */
  firstRequest: number;
  firstRequestCpu: number | null;
  exit: number;
  runs: number;
}

/** Another build can be measured instead (a dist/index.js placed one folder below a
 * checkout, so it finds templates/). */
export async function measureActionStart(
  action = join(ROOT, "dist/index.js"),
): Promise<ActionStart> {
  const ACTION = resolve(action);
  const bundle = await readFile(ACTION).catch(() => {
    throw new Error(`${ACTION} is missing: run \`npm run build\` first`);
  });
  const sim = await startSimulator({ clock: () => new Date("2026-11-23T14:00:00Z") });
  const dir = await mkdtemp(join(tmpdir(), "hereby-bench-"));
  try {
    sim.setPermission("alice", "write");
    const issue = await sim.createIssueAs("alice", {
      title: "Checkout returns 502",
      body: "Customers can't pay.",
    });
    const eventPath = join(dir, "event.json");
    const payload = {
      action: "created",
      issue: { number: issue.number, labels: [], pull_request: undefined },
      comment: {
        id: 1,
        body: "/timeline rolled back",
        user: { login: "alice", type: "User" },
        created_at: "2026-11-23T14:00:00Z",
      },
      sender: { login: "alice", type: "User" },
      // Every repository event names its repository; hereby takes the default branch from it.
      repository: { name: "shop", owner: { login: "acme" }, default_branch: "main" },
    };
    await writeFile(eventPath, JSON.stringify(payload));
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      "INPUT_GITHUB-TOKEN": sim.botToken,
      INPUT_CONFIG: ".github/hereby.yml",
      "INPUT_DRY-RUN": "true",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: "issue_comment",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: "acme/shop",
      GITHUB_API_URL: sim.url,
      GITHUB_OUTPUT: join(dir, "output"),
      GITHUB_STEP_SUMMARY: join(dir, "summary"),
    };
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      samples.push(
        await once(ACTION, env, (hook) => {
          let seen = false;
          sim.latency = () => {
            if (!seen) hook();
            seen = true;
            return 0;
          };
        }),
      );
    }
    const cpu = samples.flatMap((x) => (x.cpu === null ? [] : [x.cpu]));
    const size = (await stat(ACTION)).size;
    return {
      kib: size / 1024,
      gzipKib: gzipSync(bundle).length / 1024,
      firstRequest: median(samples.map((x) => x.first)),
      firstRequestCpu: cpu.length > 0 ? median(cpu) : null,
      exit: median(samples.map((x) => x.exit)),
      runs: RUNS,
    };
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// The Action's cost before it does anything: the size of dist/index.js and the time from
// `node dist/index.js` to its first request, measured against the simulator with the
// environment a runner gives it (an issue_comment event). Reported, never asserted.
// `npm run bench` runs it after the API-call bench and writes bench/ACTION-START.md.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { startSimulator } from "../src/simulator/index.js";

const ROOT = resolve(import.meta.dirname, "..");
// Another build can be measured instead (`tsx bench/action-start.ts /tmp/old/index.js`,
// placed one folder below a checkout so it finds templates/); only dist/ is reported.
const ACTION = resolve(process.argv[2] ?? join(ROOT, "dist/index.js"));
const RUNS = 15;

/** Spawns the Action once; resolves with ms from spawn to its first request and to exit. */
async function once(env: Record<string, string>, firstRequest: Promise<number>): Promise<{ first: number; exit: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [ACTION], { env, stdio: "ignore" });
  const exited = new Promise<number>((r) => child.on("close", () => r(performance.now())));
  const first = await firstRequest;
  return { first: first - started, exit: (await exited) - started };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const bundle = await readFile(ACTION).catch(() => {
    throw new Error(`${ACTION} is missing: run \`npm run build\` first`);
  });
  const sim = await startSimulator({ clock: () => new Date("2026-11-23T14:00:00Z") });
  const dir = await mkdtemp(join(tmpdir(), "hereby-bench-"));
  try {
    sim.setPermission("alice", "write");
    const issue = await sim.createIssueAs("alice", { title: "Checkout returns 502", body: "Customers can't pay." });
    const eventPath = join(dir, "event.json");
    const payload = {
      action: "created",
      issue: { number: issue.number, labels: [], pull_request: undefined },
      comment: { id: 1, body: "/timeline rolled back", user: { login: "alice", type: "User" }, created_at: "2026-11-23T14:00:00Z" },
      sender: { login: "alice", type: "User" },
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
    const firsts: number[] = [];
    const exits: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let seen: (t: number) => void = () => {};
      const first = new Promise<number>((r) => (seen = r));
      sim.latency = () => {
        seen(performance.now());
        return 0;
      };
      const t = await once(env, first);
      firsts.push(t.first);
      exits.push(t.exit);
    }
    const size = (await stat(ACTION)).size;
    const report = [
      "# The Action's start-up",
      "",
      `Measured by \`npm run bench\` (bench/action-start.ts): \`node dist/index.js\` started ${RUNS} times on an`,
      "`issue_comment` event (a `/timeline` command, dry run) against the simulator on loopback; medians.",
      "",
      "| what | value |",
      "|---|---:|",
      `| dist/index.js | ${(size / 1024).toFixed(0)} KiB (${(gzipSync(bundle).length / 1024).toFixed(0)} KiB gzipped) |`,
      `| start to first request | ${median(firsts).toFixed(0)} ms |`,
      `| start to exit (whole run, dry) | ${median(exits).toFixed(0)} ms |`,
      `| node | ${process.version} |`,
      // Start-up is CPU-bound: a busy machine (load above its core count) inflates it.
      `| machine | ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} |`,
      "",
    ].join("\n");
    process.stdout.write(report);
    if (process.argv[2] === undefined) await writeFile(join(ROOT, "bench/ACTION-START.md"), report);
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

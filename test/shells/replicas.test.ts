// Two App replicas (`npm start` twice) sharing one Redis through Probot's REDIS_URL,
// against one simulated GitHub: a burst of commands spread over both, and one delivery
// handed to both at once. Nothing is kept on hereby's side, so the issue is the only
// shared state; Redis carries Octokit's write throttle (one write a second per
// installation) across the replicas. Spacing itself is measured in bench, not here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { recordRows } from "../support/simulated.js";
import {
  deliverTo,
  githubEnv,
  startAppProcess,
  stopAppProcess,
  type AppProcess,
} from "./app-process.js";
import { REDIS, redisCli, startRedis } from "./redis.js";
import {
  act,
  botComments,
  labelsOf,
  openIncident,
  ROOT,
  type Service,
  simulator,
  takeDelivery,
  waitFor,
} from "./support.js";

const CONFIG = `timezone: UTC
severities:
  - { name: critical, aliases: [sev1, p1], notify: ["@acme/oncall"] }
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
`;

describe.skipIf(!REDIS)("two App replicas sharing REDIS_URL", () => {
  let sim: Simulator;
  let advance: (minutes: number) => void;
  let redis: Service;
  let redisPort: number;
  let replicas: AppProcess[] = [];

  beforeAll(async () => {
    let url: string;
    ({ service: redis, port: redisPort, url } = await startRedis());
    ({ sim, advance } = await simulator(CONFIG));
    // No sweep here (HEREBY_SWEEP_HOURS=0): replicas-sweep.test.ts shows that one.
    const env = { ...githubEnv(sim), REDIS_URL: url, HEREBY_SWEEP_HOURS: "0" };
    replicas = await Promise.all([
      startAppProcess(["npm", "start"], ROOT, env),
      startAppProcess(["npm", "start"], ROOT, env),
    ]);
  }, 40_000);

  afterAll(async () => {
    for (const replica of replicas) await stopAppProcess(replica);
    await redis?.stop();
    await sim?.close();
  }, 20_000);

  it("apply a burst spread over both, and a delivery given to both, exactly once", async () => {
    const [a, b] = replicas as [AppProcess, AppProcess];
    const hook = (app: AppProcess) => `${app.base}/api/github/webhooks`;
    const n = await openIncident(sim, "alice");
    expect((await deliverTo(hook(a), takeDelivery(sim, "issues.labeled"))).status).toBe(200);
    advance(5);

    // Three people comment at once; the deliveries go to whichever replica the load balancer picks.
    const say = async (login: string, body: string) =>
      (await act(sim, login, "POST", `/repos/acme/shop/issues/${n}/comments`, { body }))
        .id as number;
    const first = await say("alice", "/timeline checkout errors at 40%");
    const toA = takeDelivery(sim, "issue_comment.created");
    const second = await say("bob", "/timeline rolled back web-7");
    const toB = takeDelivery(sim, "issue_comment.created");
    const raise = await say("carol", "/severity critical");
    const toBoth = takeDelivery(sim, "issue_comment.created");
    const answers = await Promise.all([
      deliverTo(hook(a), toA),
      deliverTo(hook(b), toB),
      deliverTo(hook(a), toBoth),
      deliverTo(`${b.base}/`, toBoth),
    ]);
    // 200 when handled, 202 when Probot stops waiting (9 s: the writes queue in the shared
    // throttle) and finishes in the background: GitHub counts both as delivered.
    for (const answer of answers) expect([200, 202], answer.text).toContain(answer.status);

    const reactions = (id: number) =>
      sim
        .reactions(id)
        .filter((r) => r.user?.login === "hereby[bot]")
        .map((r) => r.content);
    await waitFor(
      "every command applied",
      () =>
        [first, second, raise].every((id) => reactions(id).length > 0) &&
        labelsOf(sim, n).includes("severity:critical")
          ? true
          : undefined,
      30_000,
      () => replicas.map((r) => r.service.output()).join("\n---\n"),
    );
    await quiet(sim);

    const rows = recordRows(sim.issue(n).body);
    for (const text of ["checkout errors at 40%", "rolled back web-7", "critical"]) {
      expect(
        rows.filter((r) => r.includes(text)),
        `record rows with "${text}"`,
      ).toHaveLength(1);
    }
    expect([first, second, raise].map(reactions)).toEqual([["+1"], ["+1"], ["+1"]]);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:critical", "status:investigating"]);
    const comments = botComments(sim, n);
    expect(comments.filter((c) => c.includes("hereby:checklist"))).toHaveLength(1);
    expect(
      comments.filter((c) => c.includes("@acme/oncall: this incident was raised to **critical**")),
    ).toHaveLength(1);
    expect(comments).toHaveLength(2);
    expect(sim.violations).toEqual([]);
  }, 60_000);

  it("share one write limiter per installation in Redis: both replicas are its clients", async () => {
    // Bottleneck (Octokit's throttle) keeps a Redis-backed limiter per group and key:
    // `octokit-write` keyed by installation id 1. Both replicas registered with it.
    const keys = (await redisCli(redisPort, "--scan", "--pattern", "b_octokit-write-*"))
      .split("\n")
      .sort();
    expect(keys, keys.join(" ")).toContain("b_octokit-write-1_settings");
    expect(await redisCli(redisPort, "hget", "b_octokit-write-1_settings", "minTime")).toBe("1000");
    expect(await redisCli(redisPort, "hget", "b_octokit-write-1_settings", "maxConcurrent")).toBe(
      "1",
    );
    expect(
      Number(await redisCli(redisPort, "zcard", "b_octokit-write-1_client_last_registered")),
    ).toBe(2);
  });
});

/** Waits until the simulator has seen no request for a while: both replicas are done. */
async function quiet(sim: Simulator): Promise<void> {
  let seen = -1;
  let since = 0;
  await waitFor(
    "both replicas to go quiet",
    () => {
      if (sim.requests.length !== seen) {
        seen = sim.requests.length;
        since = Date.now();
        return undefined;
      }
      return Date.now() - since > 2500 ? true : undefined;
    },
    30_000,
  );
}

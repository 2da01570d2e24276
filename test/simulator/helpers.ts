// Shared set-up for the simulator tests: a fixed clock and real Octokit clients.
import { Octokit } from "@octokit/rest";
import { ProbotOctokit } from "probot";
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from "../../packages/simulator/src/index.js";

export const T0 = new Date("2026-03-01T09:00:00Z");

/** A clock that only moves when told to. */
export function manualClock(start = T0): { now: () => Date; advance: (seconds: number) => void } {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (seconds) => (t += seconds * 1000) };
}

export function botClient(
  sim: Simulator,
  baseUrl = sim.url,
  token = sim.botToken,
): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({
    auth: { token },
    baseUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

export function userClient(sim: Simulator, login: string, baseUrl = sim.url): Octokit {
  return new Octokit({
    auth: sim.tokenFor(login),
    baseUrl,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
}

export const repo = { owner: "acme", repo: "shop" } as const;

export async function setup(opts: SimulatorOptions = {}) {
  const clock = manualClock();
  const sim = await startSimulator({ clock: clock.now, ...opts });
  return { sim, clock, bot: botClient(sim), alice: userClient(sim, "alice") };
}

/** The response status, also for failures (Octokit's RequestError carries it). */
export async function statusOf(p: Promise<{ status: number }>): Promise<number> {
  try {
    return (await p).status;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number") return status;
    throw error;
  }
}

/** A request without Octokit's per-route types: for sending what GitHub would reject. */
export function unchecked(
  client: Octokit | InstanceType<typeof ProbotOctokit>,
  route: string,
  params: Record<string, unknown>,
) {
  return client.request(route, params);
}

// The bench's counting layer: round trips come from request/answer order, so requests sent
// together count once and a request sent after an answer counts again.
import { afterEach, describe, expect, it } from "vitest";
import {
  chainDepth,
  countRequests,
  loggedBotRequests,
  tally,
  type Stamped,
} from "../../bench/counting.js";
import { createClient } from "../../src/github/client.js";
import { startSimulator, type Simulator } from "../../packages/simulator/src/index.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function counted() {
  sim = await startSimulator({ clock: () => new Date("2026-11-23T14:00:00Z") });
  const octokit = createClient({
    token: sim.botToken,
    baseUrl: sim.url,
    retries: false,
    throttle: false,
  });
  return { octokit, stamped: countRequests(octokit), repo: { owner: "acme", repo: "shop" } };
}

describe("the bench's counting layer", () => {
  it("counts parallel reads as one round trip and a write after them as a second", async () => {
    const { octokit, stamped, repo } = await counted();
    await Promise.all([
      octokit.rest.repos.get(repo),
      octokit.rest.issues.listLabelsForRepo(repo),
      octokit.rest.repos.get(repo),
    ]);
    await octokit.rest.issues.create({ ...repo, title: "x" });
    expect(tally(stamped)).toEqual({ requests: 4, writes: 1, rateLimited: 4, roundTrips: 2 });
    expect(loggedBotRequests(sim!, "hereby[bot]")).toBe(4);
  });

  it("counts a chain of dependent requests one round trip each", async () => {
    const { octokit, stamped, repo } = await counted();
    const { data } = await octokit.rest.issues.create({ ...repo, title: "x" });
    await octokit.rest.issues.get({ ...repo, issue_number: data.number });
    await octokit.rest.issues.update({ ...repo, issue_number: data.number, body: "y" });
    expect(chainDepth(stamped)).toBe(3);
  });

  it("does not count a 304 against the rate limit", () => {
    const at = (sent: number, answered: number, status: number): Stamped => ({
      method: "GET",
      route: "/x",
      status,
      sent,
      answered,
    });
    expect(tally([at(1, 2, 304), at(3, 4, 200)])).toEqual({
      requests: 2,
      writes: 0,
      rateLimited: 1,
      roundTrips: 2,
    });
  });
});

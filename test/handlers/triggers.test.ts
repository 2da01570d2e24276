// How a workflow trigger is routed (handlers/index.ts): the sweep triggers, events hereby
// doesn't act on, and who the token is asked only when an event is acted on.
import { describe, expect, it, vi } from "vitest";
import { handleTrigger, type HandlerContext } from "../../src/handlers/index.js";
import { createClient } from "../../src/github/client.js";
import { Playground } from "../../packages/simulator/src/demo/playground.js";

function context(): HandlerContext {
  // Any request fails the test: nock has the network off, and nothing here should ask.
  const octokit = createClient({
    token: "ghs_test",
    baseUrl: "http://127.0.0.1:9",
    retries: false,
    throttle: false,
  });
  return {
    octokit,
    repo: { owner: "acme", repo: "shop" },
    clock: () => new Date("2026-11-23T14:00:00Z"),
    log: { info: () => {}, warn: () => {} },
  };
}

describe("handleTrigger", () => {
  it.each(["schedule", "workflow_dispatch"])(
    "%s runs the review sweep, knowing who the token is",
    async (name) => {
      const pg = await Playground.start();
      try {
        const identify = vi.fn(async () => "hereby[bot]");
        const ctx = { ...context(), octokit: pg.bot, clock: () => pg.clock() };
        const result = await handleTrigger(name, {}, ctx, { identify });
        expect(result.notes[0]).toMatch(
          /^review sweep of acme\/shop: 0 incident\(s\) due, \d+ requests$/,
        );
        expect(result.table).toBe("No incident has a review due.");
        expect(result.writes).toEqual([]);
        expect(identify).toHaveBeenCalledOnce();
        expect(pg.sim.violations).toEqual([]);
      } finally {
        await pg.close();
      }
    },
  );

  it.each([
    ["push", { ref: "refs/heads/main" }, "push is not an event hereby handles"],
    ["issues", { action: "opened" }, "issues.opened is not an event hereby handles"],
    [
      "pull_request",
      { action: "synchronize" },
      "pull_request.synchronize is not an event hereby handles",
    ],
  ])("%s ends with the reason and without asking who the token is", async (name, payload, note) => {
    const identify = vi.fn(async () => "someone");
    const result = await handleTrigger(name, payload, context(), { identify });
    expect(result).toEqual({ handled: false, notes: [note], writes: [] });
    expect(identify).not.toHaveBeenCalled();
  });

  it("asks who the token is for an event it acts on, and hands the answer to the handler", async () => {
    const identify = vi.fn(async () => "hereby-bot");
    // Its own change: the issue-change handler stops at the sender, before any request.
    const payload = {
      action: "labeled",
      label: { name: "incident" },
      sender: { login: "hereby-bot", type: "User" },
      issue: { number: 1, labels: [] },
    };
    const result = await handleTrigger("issues", payload, context(), { identify });
    expect(identify).toHaveBeenCalledOnce();
    expect(result.notes).toEqual(["hereby's own change"]);
  });
});

// The App as Probot's testing guide shows it (probot.github.io/docs/testing): a real
// `Probot` with hereby loaded, `probot.receive(...)` with a webhook, and nock standing in
// for api.github.com with one interceptor per request expected. These few tests pin the
// Probot side (installation token, GET /app, the config loader); every other handler test
// runs on the simulator (test/support/simulated.ts).
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import hereby from "../../src/app.js";
import type { Delivery } from "../support/sim-issue.js";
import { SimIssue } from "../support/sim-issue.js";
import { useSimulator } from "../support/simulated.js";

const API = "https://api.github.com";
const PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

/**
 * Retries and throttling off, so every request is made once and writes aren't spaced
 * out. The function form is needed: with `ProbotOctokit.defaults({ throttle: { enabled:
 * false } })` Probot 14's own defaults layer replaces the `throttle` object (without
 * `enabled`) and ProbotOctokit turns it back on, so every write waits a second.
 */
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options["throttle"] as object | undefined), enabled: false },
}));

let probot: Probot;

// test/setup.ts has the network off but loopback, where the simulator that records the
// fixtures listens; api.github.com only answers what a test's nock scope says.
beforeEach(async () => {
  probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    Octokit: TestOctokit,
    logLevel: "fatal",
  });
  await probot.load(hereby);
});

afterEach(() => {
  nock.cleanAll();
});

useSimulator();

const receive = (event: Delivery) =>
  probot.receive(event as unknown as Parameters<Probot["receive"]>[0]);

/** A declared incident on the simulator, and bob's `/timeline rolled back` on it: the
 * webhook and the issue and timeline GitHub answers with, recorded as fixtures. */
async function recordedFixtures() {
  const sim = await SimIssue.declared();
  const event = await sim.comment("bob", "/timeline rolled back", 10);
  const { rest } = sim.pg.bot;
  const issue = (await rest.issues.get({ ...sim.pg.repo, issue_number: sim.n })).data;
  const timeline = (
    await rest.issues.listEventsForTimeline({ ...sim.pg.repo, issue_number: sim.n, per_page: 100 })
  ).data;
  return { n: sim.n, event, issue, timeline };
}

describe("the App on Probot, with nock as GitHub", () => {
  it("no config file: reads acme/shop then acme/.github (both 404), and runs /timeline with the defaults", async () => {
    const { n, event, issue, timeline } = await recordedFixtures();
    const comment = (event.payload as { comment: { id: number } }).comment.id;
    let patched: { body?: string } = {};
    const mock = nock(API)
      .post("/app/installations/1/access_tokens")
      .reply(201, {
        token: "test",
        expires_at: "2099-01-01T00:00:00Z",
        permissions: { issues: "write", contents: "read", metadata: "read" },
      })
      .get("/repos/acme/shop/contents/.github%2Fhereby.yml")
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/.github/contents/.github%2Fhereby.yml")
      .reply(404, { message: "Not Found" })
      .get(`/repos/acme/shop/issues/${n}`)
      .reply(200, issue)
      .get(`/repos/acme/shop/issues/${n}/timeline?per_page=100`)
      .reply(200, timeline)
      .get("/repos/acme/shop/collaborators/bob/permission")
      .reply(200, { permission: "write", role_name: "write" })
      .post(`/repos/acme/shop/issues/comments/${comment}/reactions`, { content: "+1" })
      .reply(201, { id: 1, content: "+1" })
      .patch(`/repos/acme/shop/issues/${n}`, (body: { body?: string }) => {
        patched = body;
        return Object.keys(body).join() === "body";
      })
      // Its answer is the read-back's issue: only the timeline is read again.
      .reply(200, () => ({ ...issue, body: patched.body }))
      .get(`/repos/acme/shop/issues/${n}/timeline?per_page=100`)
      .reply(200, timeline);

    await receive(event);

    expect(mock.pendingMocks()).toStrictEqual([]);
    expect(
      patched.body?.startsWith(
        `${issue.body?.slice(0, issue.body.indexOf("<!-- hereby:start -->"))}<!-- hereby:start -->`,
      ),
    ).toBe(true);
    expect(patched.body).toContain("| 2026-11-23 14:10 | rolled back [↗]");
  });

  it("a label hereby itself adds: the App asks its own login once (GET /app), and nothing else", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.addLabel("hereby[bot]", "severity:critical", 10);
    const mock = nock(API)
      .get("/app")
      .reply(200, { id: 1, slug: "hereby", name: "hereby", node_id: "A_1" });

    await receive(event);

    expect(mock.pendingMocks()).toStrictEqual([]);
  });

  it("a comment without commands: no request at all", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "Rolling back now, will report in 10 minutes.", 10);

    await receive(event);

    expect(nock.pendingMocks()).toStrictEqual([]);
  });
});

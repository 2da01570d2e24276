import { generateKeyPairSync } from "node:crypto";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { botClient, repo, setup, statusOf } from "./helpers.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("sub-issues", () => {
  it("links children by id and summarises progress on the parent", async () => {
    const env = await setup();
    sim = env.sim;
    const { bot } = env;
    await bot.rest.issues.create({ ...repo, title: "Incident" });
    const a = (await bot.rest.issues.create({ ...repo, title: "Follow-up A" })).data;
    const b = (await bot.rest.issues.create({ ...repo, title: "Follow-up B" })).data;
    const c = (await bot.rest.issues.create({ ...repo, title: "Follow-up C" })).data;
    // The number is not the id: GitHub answers 422.
    expect(
      await statusOf(
        bot.rest.issues.addSubIssue({ ...repo, issue_number: 1, sub_issue_id: a.number }),
      ),
    ).toBe(422);
    for (const child of [a, b, c]) {
      expect(
        (await bot.rest.issues.addSubIssue({ ...repo, issue_number: 1, sub_issue_id: child.id }))
          .status,
      ).toBe(201);
    }
    await bot.rest.issues.update({ ...repo, issue_number: a.number, state: "closed" });
    expect(sim.issue(1).sub_issues_summary).toEqual({
      total: 3,
      completed: 1,
      percent_completed: 33,
    });
    const { data: listed } = await bot.rest.issues.listSubIssues({ ...repo, issue_number: 1 });
    expect(listed.map((i) => i.title)).toEqual(["Follow-up A", "Follow-up B", "Follow-up C"]);
    expect(sim.issue(b.number).parent_issue_url).toBe(`${sim.url}/repos/acme/shop/issues/1`);
    // A second parent needs replace_parent.
    await bot.rest.issues.create({ ...repo, title: "Other parent" });
    expect(
      await statusOf(bot.rest.issues.addSubIssue({ ...repo, issue_number: 5, sub_issue_id: b.id })),
    ).toBe(422);
    await bot.rest.issues.removeSubIssue({ ...repo, issue_number: 1, sub_issue_id: c.id });
    expect(sim.subIssues(1).map((i) => i.number)).toEqual([a.number, b.number]);
    expect(sim.issue(1).sub_issues_summary).toEqual({
      total: 2,
      completed: 1,
      percent_completed: 50,
    });
    expect(sim.violations).toEqual([]);
  });
});

describe("injected failures and latency", () => {
  it("fails the next matching request, after doing the write when applyFirst is set", async () => {
    const env = await setup();
    sim = env.sim;
    const { bot } = env;
    await bot.rest.issues.create({ ...repo, title: "x" });
    sim.failNext(
      { method: "POST", path: /\/issues\/1\/comments$/ },
      { status: 502, applyFirst: true },
    );
    expect(
      await statusOf(
        bot.rest.issues.createComment({ ...repo, issue_number: 1, body: "did it land?" }),
      ),
    ).toBe(502);
    expect(sim.comments(1).map((c) => c.body)).toEqual(["did it land?"]);
    sim.failNext(
      { method: "POST", path: /\/issues\/1\/labels$/ },
      { status: 500, applyFirst: false },
    );
    expect(
      await statusOf(bot.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["incident"] })),
    ).toBe(500);
    expect(sim.issue(1).labels).toEqual([]);
    // Only once.
    expect(
      await statusOf(bot.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["incident"] })),
    ).toBe(200);
    expect(sim.requests.map((r) => r.status)).toEqual([201, 502, 500, 200]);
    expect(sim.violations).toEqual([]);
  });

  it("delays requests so that concurrent writes interleave", async () => {
    const env = await setup();
    sim = env.sim;
    const { bot } = env;
    await bot.rest.issues.create({ ...repo, title: "x" });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The label write is held at the gate; the comment goes once the label write has
    // arrived (signalled by the simulator, not guessed with a timer).
    let arrived!: () => void;
    const held = new Promise<void>((r) => (arrived = r));
    sim.latency = (req) => {
      if (req.method !== "POST" || !req.path.endsWith("/labels")) return 0;
      arrived();
      return gate;
    };
    const slow = bot.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["first"] });
    await held;
    await bot.rest.issues.createComment({ ...repo, issue_number: 1, body: "second" });
    release();
    await slow;
    expect(sim.requests.map((r) => r.operationId)).toEqual([
      "issues/create",
      "issues/add-labels",
      "issues/create-comment",
    ]);
    const timeline = (await bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: 1 }))
      .data;
    expect(timeline.map((t) => t.event)).toEqual(["commented", "labeled"]);
  });
});

describe("the App's side", () => {
  it("issues installation tokens for a JWT, acting as the bot, also under /api/v3", async () => {
    const env = await setup();
    sim = env.sim;
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln";
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${sim!.url}/api/v3${path}`, {
        ...init,
        headers: { authorization: `Bearer ${jwt}`, accept: "application/vnd.github+json" },
      });
    const app = await call("/app");
    expect(await app.json()).toMatchObject({ slug: "hereby", owner: { login: "acme" } });
    expect(await (await call("/repos/acme/shop/installation")).json()).toMatchObject({
      id: 1,
      app_slug: "hereby",
    });
    const res = await call("/app/installations/1/access_tokens", { method: "POST" });
    expect(res.status).toBe(201);
    const { token, expires_at } = (await res.json()) as { token: string; expires_at: string };
    expect(expires_at).toBe("2026-03-01T10:00:00Z");
    expect((await call("/app/installations/2/access_tokens", { method: "POST" })).status).toBe(404);
    expect((await call("/repos/acme/shop/issues")).status).toBe(403);

    const ghe = botClient(sim, `${sim.url}/api/v3`, token);
    const { data } = await ghe.rest.issues.create({ ...repo, title: "via GHE path" });
    expect(data.user).toMatchObject({ login: "hereby[bot]", type: "Bot" });
    expect(sim.requests.at(-1)).toMatchObject({
      path: "/repos/acme/shop/issues",
      operationId: "issues/create",
      actor: "hereby[bot]",
    });
    expect(sim.deliveries.at(-1)).toMatchObject({
      name: "issues",
      payload: { action: "opened", sender: { login: "hereby[bot]", type: "Bot" } },
    });
    expect(sim.violations).toEqual([]);
  });

  it("issues tokens for each of several installations, and logs which one made each request", async () => {
    const env = await setup({ installations: 3 });
    sim = env.sim;
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const probot = new Probot({
      appId: 123,
      privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      baseUrl: sim.url,
    });
    for (const id of [3, 2])
      await (
        await probot.auth(id)
      ).rest.issues.create({ ...repo, title: `from installation ${id}` });
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.installation ?? "-"}`)).toEqual([
      "POST /app/installations/3/access_tokens -",
      "POST /repos/acme/shop/issues 3",
      "POST /app/installations/2/access_tokens -",
      "POST /repos/acme/shop/issues 2",
    ]);
    expect(sim.issue(2).user).toMatchObject({ login: "hereby[bot]", type: "Bot" });
    // Installation 4 doesn't exist: its token request is refused.
    await expect(
      (await probot.auth(4)).rest.issues.get({ ...repo, issue_number: 1 }),
    ).rejects.toMatchObject({ status: 404 });
    // Deliveries still come from the repository's installation.
    expect(sim.deliveries.at(-1)?.payload).toMatchObject({ installation: { id: 1 } });
    expect(sim.violations).toEqual([]);
  });

  it("serves a real Probot: JWT → installation token → REST, all under /api/v3", async () => {
    const env = await setup();
    sim = env.sim;
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const probot = new Probot({
      appId: 123,
      privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      baseUrl: `${sim.url}/api/v3`,
    });
    const octokit = await probot.auth(1);
    const { data } = await octokit.rest.issues.create({ ...repo, title: "from Probot" });
    expect(data.user).toMatchObject({ login: "hereby[bot]", type: "Bot" });
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.actor}`)).toEqual([
      "POST /app/installations/1/access_tokens hereby (app JWT)",
      "POST /repos/acme/shop/issues hereby[bot]",
    ]);
    expect(sim.violations).toEqual([]);
  });
});

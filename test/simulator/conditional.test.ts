// Conditional requests: GitHub sends an ETag with each GET, and answers a request whose
// If-None-Match names the current one with 304 and no body (which the rate limit doesn't
// count). Any change to what the caller would see gives a new ETag.
import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup, statusOf, userClient } from "./helpers.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ifNoneMatch = (etag: string | undefined) => ({ headers: { "if-none-match": etag ?? "" } });

describe("conditional requests (ETag, If-None-Match, 304)", () => {
  it("answers 304 with no body while the issue, its timeline and the config file are unchanged", async () => {
    const env = await setup();
    sim = env.sim;
    const { alice, bot } = env;
    sim.seedFile(".github/hereby.yml", "timezone: UTC\n");
    await alice.rest.issues.create({ ...repo, title: "Checkout is down", body: "500s" });

    const reads = [
      () => bot.rest.issues.get({ ...repo, issue_number: 1 }),
      () => bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: 1, per_page: 100 }),
      () => bot.rest.repos.getContent({ ...repo, path: ".github/hereby.yml" }),
      () => bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" }),
      () => bot.rest.issues.listLabelsForRepo({ ...repo }),
    ];
    for (const read of reads) {
      const first = await read();
      expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+"$/);
      const again = (await read()).headers.etag;
      expect(again, "the same representation has the same ETag").toBe(first.headers.etag);
    }
    const { headers } = await bot.rest.issues.get({ ...repo, issue_number: 1 });
    const before = sim.requests.length;
    expect(
      await statusOf(
        bot.rest.issues.get({ ...repo, issue_number: 1, ...ifNoneMatch(headers.etag) }),
      ),
    ).toBe(304);
    expect(sim.requests.at(-1)?.status).toBe(304);
    expect(sim.requests.length).toBe(before + 1);
    // A list of ETags, one of them current, matches too; `*` matches anything there is.
    expect(
      await statusOf(
        bot.rest.issues.get({ ...repo, issue_number: 1, ...ifNoneMatch(`W/"0", ${headers.etag}`) }),
      ),
    ).toBe(304);
    expect(
      await statusOf(bot.rest.issues.get({ ...repo, issue_number: 1, ...ifNoneMatch("*") })),
    ).toBe(304);
    expect(
      await statusOf(
        bot.rest.issues.get({ ...repo, issue_number: 1, ...ifNoneMatch('W/"stale"') }),
      ),
    ).toBe(200);
  });

  it("gives a new ETag once the issue or its timeline changes, and another caller its own", async () => {
    const env = await setup();
    sim = env.sim;
    const { alice, bot } = env;
    await alice.rest.issues.create({ ...repo, title: "Checkout is down", body: "500s" });
    const issue = (await bot.rest.issues.get({ ...repo, issue_number: 1 })).headers.etag;
    const timeline = (await bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: 1 }))
      .headers.etag;

    await alice.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: "/timeline rolled back",
    });
    const fresh = await bot.rest.issues.get({ ...repo, issue_number: 1, ...ifNoneMatch(issue) });
    expect(fresh.status).toBe(200);
    expect(fresh.data.comments).toBe(1);
    expect(fresh.headers.etag).not.toBe(issue);
    const items = await bot.rest.issues.listEventsForTimeline({
      ...repo,
      issue_number: 1,
      ...ifNoneMatch(timeline),
    });
    expect(items.status).toBe(200);
    expect(items.data).toHaveLength(1);

    // The ETag belongs to what this caller was sent (GitHub varies on Authorization).
    const asAlice = await userClient(sim, "alice").rest.issues.get({ ...repo, issue_number: 1 });
    expect(asAlice.headers.etag).not.toBe(fresh.headers.etag);
    expect(
      await statusOf(
        bot.rest.issues.get({ ...repo, issue_number: 1, ...ifNoneMatch(asAlice.headers.etag) }),
      ),
    ).toBe(200);
  });

  it("never answers a write with 304", async () => {
    const env = await setup();
    sim = env.sim;
    const { alice } = env;
    await alice.rest.issues.create({ ...repo, title: "Checkout is down", body: "500s" });
    const { headers } = await alice.rest.issues.get({ ...repo, issue_number: 1 });
    const patched = await alice.rest.issues.update({
      ...repo,
      issue_number: 1,
      body: "500s",
      ...ifNoneMatch(headers.etag),
    });
    expect(patched.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { botClient, repo, setup } from "./helpers.js";

let sim: Simulator;
let bot: ReturnType<typeof botClient>;

beforeAll(async () => {
  const env = await setup();
  sim = env.sim;
  bot = env.bot;
  await env.alice.rest.issues.create({ ...repo, title: "Long thread" });
  for (let i = 1; i <= 250; i++) {
    await bot.rest.issues.createComment({ ...repo, issue_number: 1, body: `comment ${i}` });
  }
});
afterAll(() => sim.close());

describe("pagination", () => {
  it("sends Link headers with next and last, and caps per_page at 100", async () => {
    const first = await bot.rest.issues.listComments({ ...repo, issue_number: 1, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toBe(
      `<${sim.url}/repos/acme/shop/issues/1/comments?per_page=100&page=2>; rel="next", ` +
        `<${sim.url}/repos/acme/shop/issues/1/comments?per_page=100&page=3>; rel="last"`,
    );
    const capped = await bot.rest.issues.listComments({
      ...repo,
      issue_number: 1,
      per_page: 500,
      page: 3,
    });
    expect(capped.data.map((c) => c.body)).toEqual(
      Array.from({ length: 50 }, (_, i) => `comment ${i + 201}`),
    );
    expect(capped.headers.link).toContain('rel="prev"');
    expect(capped.headers.link).toContain('rel="first"');
    expect(capped.headers.link).not.toContain('rel="next"');
    const defaults = await bot.rest.issues.listComments({ ...repo, issue_number: 1 });
    expect(defaults.data).toHaveLength(30);
  });

  it("lets octokit.paginate read all 250 comments and the whole timeline", async () => {
    const all = await bot.paginate(bot.rest.issues.listComments, {
      ...repo,
      issue_number: 1,
      per_page: 100,
    });
    expect(all).toHaveLength(250);
    expect(all[249]!.body).toBe("comment 250");
    const timeline = await bot.paginate(bot.rest.issues.listEventsForTimeline, {
      ...repo,
      issue_number: 1,
      per_page: 100,
    });
    expect(timeline).toHaveLength(250);
    expect(sim.issue(1).comments).toBe(250);
  });

  it("keeps the /api/v3 prefix in Link headers", async () => {
    const ghe = botClient(sim, `${sim.url}/api/v3`);
    const page = await ghe.rest.issues.listComments({ ...repo, issue_number: 1, per_page: 100 });
    expect(page.headers.link).toContain(
      `${sim.url}/api/v3/repos/acme/shop/issues/1/comments?per_page=100&page=2`,
    );
    expect(
      await ghe.paginate(ghe.rest.issues.listComments, { ...repo, issue_number: 1, per_page: 100 }),
    ).toHaveLength(250);
    expect(sim.violations).toEqual([]);
  });
});

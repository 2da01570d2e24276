// Re-reads the config, a permission or a page that hasn't changed cost no rate limit:
// hereby sends the ETag it was given and GitHub answers 304 Not Modified.
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/github/client.js";
import { conditionalCache } from "../../src/github/conditional-reads.js";
import { loadConfig } from "../../src/github/load-config.js";
import { startSimulator, type Simulator } from "../../packages/simulator/src/index.js";

let sim: Simulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };
const clock = () => new Date("2026-11-23T14:00:00Z");

async function started() {
  sim = await startSimulator({ clock });
  sim.seedFile(".github/hereby.yml", "timezone: Europe/Paris\n");
  return sim;
}

const statuses = (s: Simulator, from: number) => s.requests.slice(from).map((r) => r.status);

/** A client of the simulator: hereby's (with the conditional cache unless told) or a person's. */
function client(
  s: Simulator,
  token = s.botToken,
  conditional?: false | ReturnType<typeof conditionalCache>,
) {
  return createClient({
    token,
    baseUrl: s.url,
    retries: false,
    throttle: false,
    ...(conditional === undefined ? {} : { conditional }),
  });
}

/** An issue alice opened with `comments` comments, and hereby's read of its first timeline page. */
async function issueWithComments(s: Simulator, comments: number) {
  const alice = client(s, s.tokenFor("alice"), false);
  const { data: issue } = await alice.rest.issues.create({
    ...repo,
    title: "Checkout down",
    body: "502s",
  });
  for (let i = 0; i < comments; i++)
    await alice.rest.issues.createComment({ ...repo, issue_number: issue.number, body: `c${i}` });
  const bot = client(s);
  const read = () =>
    bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: issue.number, per_page: 100 });
  return { alice, issue, read };
}

describe("conditional reads", () => {
  it("reads the config again as a 304 while it is unchanged, and the new file once it changes", async () => {
    const s = await started();
    const bot = client(s);
    expect((await loadConfig(bot, repo)).timezone).toBe("Europe/Paris");
    const from = s.requests.length;
    expect((await loadConfig(bot, repo)).timezone).toBe("Europe/Paris");
    expect(statuses(s, from)).toEqual([304]);

    s.seedFile(".github/hereby.yml", "timezone: Asia/Tokyo\n");
    expect((await loadConfig(bot, repo)).timezone).toBe("Asia/Tokyo");
    expect(statuses(s, from)).toEqual([304, 200]);
  });

  it("hands back the remembered answer for a 304, the same as the first, with its pagination links", async () => {
    const { read } = await issueWithComments(await started(), 101);
    const first = await read();
    const again = await read();
    expect(again.status).toBe(304);
    expect(again.data).toEqual(first.data);
    expect(again.headers.link).toContain('rel="last"');
  });

  it("hands back a 304 with the Link GitHub sent with it, so a full page that gained a next page says so", async () => {
    const { alice, issue, read } = await issueWithComments(await started(), 100);
    const full = await read();
    expect(full.data).toHaveLength(100);
    expect(full.headers.link ?? "").not.toContain('rel="last"');
    // The 101st item goes to page 2: page 1's items, and so its ETag, stay the same.
    await alice.rest.issues.createComment({ ...repo, issue_number: issue.number, body: "c100" });
    const again = await read();
    expect(again.status).toBe(304);
    expect(again.headers.link).toContain('rel="last"');
  });

  it("sends no ETag without a cache, and keeps at most as many answers as it is given room for", async () => {
    const s = await started();
    const plain = client(s, s.botToken, false);
    await loadConfig(plain, repo);
    const from = s.requests.length;
    await loadConfig(plain, repo);
    expect(statuses(s, from)).toEqual([200]);

    for (const login of ["alice", "bob", "carol"]) s.setPermission(login, "write");
    const cache = conditionalCache(2);
    const bot = client(s, s.botToken, cache);
    for (const username of ["alice", "bob", "carol"])
      await bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    expect(cache.size).toBe(2);
    const again = s.requests.length;
    // alice's answer was the least recently used: it is read in full again; carol's is a 304.
    await bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
    await bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "carol" });
    expect(statuses(s, again)).toEqual([200, 304]);
  });
});

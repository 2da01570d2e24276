import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup, statusOf, unchecked, userClient } from "./helpers.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("reactions", () => {
  it("answers 201 for a new reaction and 200 when the same user repeats it", async () => {
    const env = await setup();
    sim = env.sim;
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    const { data: c } = await env.alice.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: "/declare",
    });
    const first = await env.bot.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: c.id,
      content: "eyes",
    });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      content: "eyes",
      user: { login: "hereby[bot]", type: "Bot" },
    });
    const again = await env.bot.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: c.id,
      content: "eyes",
    });
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(first.data.id);
    expect(
      (
        await env.alice.rest.reactions.createForIssueComment({
          ...repo,
          comment_id: c.id,
          content: "eyes",
        })
      ).status,
    ).toBe(201);
    await env.bot.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: c.id,
      content: "+1",
    });
    expect(sim.reactions(c.id).map((r) => `${r.user.login}:${r.content}`)).toEqual([
      "hereby[bot]:eyes",
      "alice:eyes",
      "hereby[bot]:+1",
    ]);
    const { data: listed } = await env.bot.rest.reactions.listForIssueComment({
      ...repo,
      comment_id: c.id,
      content: "eyes",
    });
    expect(listed).toHaveLength(2);
    expect(
      (await env.bot.rest.issues.getComment({ ...repo, comment_id: c.id })).data.reactions,
    ).toMatchObject({ total_count: 3, eyes: 2, "+1": 1 });
    expect(
      await statusOf(
        unchecked(env.bot, "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
          ...repo,
          comment_id: c.id,
          content: "party",
        }),
      ),
    ).toBe(422);
    expect(sim.violations).toHaveLength(1);
  });
});

describe("permissions", () => {
  it("reports each role like GitHub (triage → read, maintain → write)", async () => {
    const env = await setup();
    sim = env.sim;
    const expected = {
      admin: "admin",
      maintain: "write",
      write: "write",
      triage: "read",
      read: "read",
      none: "none",
    } as const;
    for (const level of Object.keys(expected) as (keyof typeof expected)[]) {
      sim.setPermission(`u-${level}`, level);
      const { data } = await env.bot.rest.repos.getCollaboratorPermissionLevel({
        ...repo,
        username: `u-${level}`,
      });
      expect(data).toMatchObject({
        permission: expected[level],
        role_name: level,
        user: { login: `u-${level}`, type: "User" },
      });
    }
    // tokenFor gives read access unless a role was set.
    userClient(sim, "dave");
    expect(
      (await env.bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "dave" })).data
        .permission,
    ).toBe("read");
    expect(
      await statusOf(
        env.bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "ghost-user" }),
      ),
    ).toBe(404);
    // Only users with push access may ask.
    expect(
      await statusOf(
        env.alice.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "dave" }),
      ),
    ).toBe(403);
    expect(sim.violations).toEqual([]);
  });

  it("acts as another app's bot account for a login ending in [bot]", async () => {
    const env = await setup();
    sim = env.sim;
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    const app = userClient(sim, "deploy-bot[bot]");
    const { data } = await app.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: "deployed",
    });
    expect(data.user).toMatchObject({ login: "deploy-bot[bot]", type: "Bot" });
    expect(sim.deliveries.at(-1)?.payload).toMatchObject({
      sender: { login: "deploy-bot[bot]", type: "Bot" },
    });
    expect(sim.violations).toEqual([]);
  });

  it("enforces roles on writes", async () => {
    const env = await setup();
    sim = env.sim;
    sim.setPermission("outsider", "none");
    const outsider = userClient(sim, "outsider");
    expect(await statusOf(outsider.rest.issues.create({ ...repo, title: "x" }))).toBe(404);
    await env.alice.rest.issues.create({ ...repo, title: "mine" });
    expect(
      await statusOf(
        env.alice.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["incident"] }),
      ),
    ).toBe(403);
    // Authors may close their own issues.
    expect(
      await statusOf(env.alice.rest.issues.update({ ...repo, issue_number: 1, state: "closed" })),
    ).toBe(200);
    await env.bot.rest.issues.create({ ...repo, title: "bot's" });
    expect(
      await statusOf(env.alice.rest.issues.update({ ...repo, issue_number: 2, state: "closed" })),
    ).toBe(403);
    sim.setPermission("alice", "triage");
    expect(
      await statusOf(env.alice.rest.issues.update({ ...repo, issue_number: 2, state: "closed" })),
    ).toBe(200);
    expect(sim.violations).toEqual([]);
  });
});

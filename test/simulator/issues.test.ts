import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup, statusOf, T0 } from "./helpers.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("issues, labels, comments and the timeline", () => {
  it("records comments and events in order, with GitHub's shapes", async () => {
    const env = await setup();
    sim = env.sim;
    const { alice, bot, clock } = env;

    const { data: created, status } = await alice.rest.issues.create({
      ...repo,
      title: "Checkout is down",
      body: "500s everywhere",
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      number: 1,
      state: "open",
      title: "Checkout is down",
      user: { login: "alice", type: "User" },
      labels: [],
    });
    expect(created.id).not.toBe(created.number);
    expect(created.created_at).toBe("2026-03-01T09:00:00Z");

    clock.advance(60);
    const { data: labels } = await bot.rest.issues.addLabels({
      ...repo,
      issue_number: 1,
      labels: ["incident", "sev:1"],
    });
    expect(labels.map((l) => l.name)).toEqual(["incident", "sev:1"]);
    expect(labels[0]).toMatchObject({ color: "ededed", default: false, description: null });

    clock.advance(60);
    const { data: comment } = await alice.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: "/status identified",
    });
    expect(comment).toMatchObject({
      body: "/status identified",
      user: { login: "alice" },
      author_association: "COLLABORATOR",
      created_at: "2026-03-01T09:02:00Z",
    });
    expect(comment.html_url).toBe(
      `https://github.com/acme/shop/issues/1#issuecomment-${comment.id}`,
    );

    clock.advance(60);
    await bot.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "sev:1" });
    await bot.rest.issues.createComment({ ...repo, issue_number: 1, body: "Noted." });
    clock.advance(60);
    await bot.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: "closed",
      state_reason: "completed",
    });

    const { data: timeline } = await bot.rest.issues.listEventsForTimeline({
      ...repo,
      issue_number: 1,
    });
    expect(timeline.map((t) => t.event)).toEqual([
      "labeled",
      "labeled",
      "commented",
      "unlabeled",
      "commented",
      "closed",
    ]);
    const [l1, , c1, u1, c2, closed] = timeline as Record<string, unknown>[];
    expect(l1).toMatchObject({
      event: "labeled",
      actor: { login: "hereby[bot]", type: "Bot" },
      label: { name: "incident", color: "ededed" },
      created_at: "2026-03-01T09:01:00Z",
    });
    expect(l1!.performed_via_github_app).toMatchObject({ slug: "hereby" });
    expect(c1).toMatchObject({
      event: "commented",
      id: comment.id,
      body: "/status identified",
      user: { login: "alice" },
      actor: { login: "alice" },
      author_association: "COLLABORATOR",
    });
    expect(c1).toHaveProperty("issue_url");
    expect(c1).toHaveProperty("html_url");
    expect(u1).toMatchObject({ event: "unlabeled", label: { name: "sev:1" } });
    expect(c2).toMatchObject({ event: "commented", user: { login: "hereby[bot]", type: "Bot" } });
    expect(closed).toMatchObject({
      event: "closed",
      state_reason: "completed",
      created_at: "2026-03-01T09:04:00Z",
    });

    const issue = sim.issue(1);
    expect(issue).toMatchObject({
      state: "closed",
      state_reason: "completed",
      closed_at: "2026-03-01T09:04:00Z",
      comments: 2,
      closed_by: { login: "hereby[bot]" },
    });
    expect(issue.labels.map((l) => l.name)).toEqual(["incident"]);
    expect(sim.events(1).map((e) => e.event)).toEqual([
      "labeled",
      "labeled",
      "unlabeled",
      "closed",
    ]);
    expect(sim.comments(1)).toHaveLength(2);
    expect(sim.violations).toEqual([]);
  });

  it("auto-creates labels from issues/update and keeps existing colours", async () => {
    const env = await setup();
    sim = env.sim;
    await env.bot.rest.issues.createLabel({
      ...repo,
      name: "Incident",
      color: "b60205",
      description: "An incident",
    });
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    const { data } = await env.bot.rest.issues.update({
      ...repo,
      issue_number: 1,
      labels: ["incident", { name: "status:investigating" }],
    });
    expect(data.labels).toMatchObject([
      { name: "Incident", color: "b60205" },
      { name: "status:investigating", color: "ededed" },
    ]);
    const { data: set } = await env.bot.rest.issues.setLabels({
      ...repo,
      issue_number: 1,
      labels: ["status:identified"],
    });
    expect(set.map((l) => l.name)).toEqual(["status:identified"]);
    expect(sim.events(1).map((e) => `${e.event}:${e.label?.name}`)).toEqual([
      "labeled:Incident",
      "labeled:status:investigating",
      "unlabeled:Incident",
      "unlabeled:status:investigating",
      "labeled:status:identified",
    ]);
    expect(sim.violations).toEqual([]);
  });

  it("answers 422 already_exists for a duplicate label, case-insensitively", async () => {
    const env = await setup();
    sim = env.sim;
    expect(
      await statusOf(env.bot.rest.issues.createLabel({ ...repo, name: "sev:1", color: "ff0000" })),
    ).toBe(201);
    const error = await env.bot.rest.issues
      .createLabel({ ...repo, name: "SEV:1", color: "ff0000" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: {
        data: {
          message: "Validation Failed",
          errors: [{ resource: "Label", code: "already_exists", field: "name" }],
        },
      },
    });
    expect((await env.bot.rest.issues.getLabel({ ...repo, name: "sev:1" })).data.color).toBe(
      "ff0000",
    );
    expect(await statusOf(env.bot.rest.issues.getLabel({ ...repo, name: "nope" }))).toBe(404);
    expect(sim.violations).toEqual([]);
  });

  it("answers 404 when removing a label that is not on the issue", async () => {
    const env = await setup();
    sim = env.sim;
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    await env.bot.rest.issues.createLabel({ ...repo, name: "incident" });
    expect(
      await statusOf(
        env.bot.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "incident" }),
      ),
    ).toBe(404);
    expect(await statusOf(env.bot.rest.issues.get({ ...repo, issue_number: 99 }))).toBe(404);
    expect(sim.violations).toEqual([]);
  });

  it("assigns and unassigns with events, and filters issues like GitHub", async () => {
    const env = await setup();
    sim = env.sim;
    sim.setPermission("bob", "write");
    await env.alice.rest.issues.create({ ...repo, title: "one", labels: ["ignored-for-readers"] });
    await env.bot.rest.issues.create({
      ...repo,
      title: "two",
      labels: ["incident", "sev:2"],
      assignees: ["bob"],
    });
    await env.bot.rest.issues.create({ ...repo, title: "three", labels: ["incident"] });
    expect(sim.issue(1).labels).toEqual([]); // readers cannot label: silently dropped
    await env.bot.rest.issues.addAssignees({
      ...repo,
      issue_number: 3,
      assignees: ["alice", "nobody-here"],
    });
    await env.bot.rest.issues.removeAssignees({ ...repo, issue_number: 2, assignees: ["bob"] });
    await env.bot.rest.issues.update({
      ...repo,
      issue_number: 3,
      state: "closed",
      state_reason: "not_planned",
    });

    const list = async (q: Record<string, string | number>) =>
      (await env.bot.rest.issues.listForRepo({ ...repo, ...q })).data.map((i) => i.number);
    expect(await list({})).toEqual([2, 1]);
    expect(await list({ state: "all" })).toEqual([3, 2, 1]);
    expect(await list({ state: "all", labels: "incident,sev:2" })).toEqual([2]);
    expect(await list({ state: "all", assignee: "alice" })).toEqual([3]);
    expect(await list({ state: "all", direction: "asc", per_page: 2 })).toEqual([1, 2]);
    expect(sim.events(3).map((e) => e.event)).toEqual(["labeled", "assigned", "closed"]);
    expect(sim.events(3)[1]).toMatchObject({
      assignee: { login: "alice" },
      actor: { login: "hereby[bot]" },
    });
    expect(sim.issue(3)).toMatchObject({
      state_reason: "not_planned",
      assignees: [{ login: "alice" }],
    });
    expect(sim.events(2).map((e) => e.event)).toEqual([
      "labeled",
      "labeled",
      "assigned",
      "unassigned",
    ]);
    expect(sim.violations).toEqual([]);
  });

  it("edits and deletes comments, with deliveries", async () => {
    const env = await setup();
    sim = env.sim;
    await sim.createIssueAs("carol", { title: "From carol" });
    const { data: c } = await env.alice.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: "first",
    });
    await env.alice.rest.issues.updateComment({ ...repo, comment_id: c.id, body: "second" });
    expect((await env.bot.rest.issues.getComment({ ...repo, comment_id: c.id })).data.body).toBe(
      "second",
    );
    expect(await statusOf(env.bot.rest.issues.deleteComment({ ...repo, comment_id: c.id }))).toBe(
      204,
    );
    expect(sim.comments(1)).toEqual([]);
    expect(sim.issue(1).comments).toBe(0);
    const d = sim.deliveries.map((x) => `${x.name}.${x.payload.action}`);
    expect(d).toEqual([
      "issues.opened",
      "issue_comment.created",
      "issue_comment.edited",
      "issue_comment.deleted",
    ]);
    expect(sim.deliveries[2]!.payload).toMatchObject({
      changes: { body: { from: "first" } },
      comment: { body: "second" },
      sender: { login: "alice", type: "User" },
    });
    expect(sim.deliveries[3]!.payload.sender).toMatchObject({ login: "hereby[bot]", type: "Bot" });
    expect(T0.toISOString()).toBe("2026-03-01T09:00:00.000Z");
    expect(sim.violations).toEqual([]);
  });
});

// Deliveries are compared with the real payloads in @octokit/webhooks-examples: every key
// GitHub sends (at the top and in the subject objects) must be there.
import examples from "@octokit/webhooks-examples";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delivery, Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup } from "./helpers.js";

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

let sim: Simulator;
let deliveries: Delivery[];

beforeAll(async () => {
  const env = await setup();
  sim = env.sim;
  const { bot, alice } = env;
  sim.setPermission("bob", "write");
  await alice.rest.issues.create({ ...repo, title: "Checkout down" });
  await alice.rest.issues.update({
    ...repo,
    issue_number: 1,
    title: "Checkout is down",
    body: "since 09:00",
  });
  await bot.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["incident"] });
  await bot.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "incident" });
  await bot.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["bob"] });
  await bot.rest.issues.removeAssignees({ ...repo, issue_number: 1, assignees: ["bob"] });
  await bot.rest.issues.update({ ...repo, issue_number: 1, state: "closed" });
  await alice.rest.issues.update({ ...repo, issue_number: 1, state: "open" });
  const { data: c } = await alice.rest.issues.createComment({
    ...repo,
    issue_number: 1,
    body: "/declare",
  });
  await alice.rest.issues.updateComment({ ...repo, comment_id: c.id, body: "/declare sev1" });
  await bot.rest.issues.deleteComment({ ...repo, comment_id: c.id });
  sim.seedFile("postmortem.md", "# PM\n", "pm");
  await bot.rest.pulls.create({ ...repo, title: "Postmortem", head: "pm", base: "main" });
  await bot.rest.pulls.merge({ ...repo, pull_number: 2 });
  deliveries = sim.takeDeliveries();
});
afterAll(() => sim.close());

function example(name: string, action: string): Record<string, unknown> {
  const group = (examples as unknown as ExampleGroup[]).find((g) => g.name === name)!;
  // There is no `issues.closed` example: `issues.reopened` has the same shape.
  const wanted = name === "issues" && action === "closed" ? "reopened" : action;
  return group.examples.find((e) => e.action === wanted)!;
}

function missingKeys(expected: unknown, actual: unknown): string[] {
  const have = new Set(Object.keys(actual ?? {}));
  return Object.keys(expected ?? {}).filter((k) => !have.has(k));
}

describe("webhook deliveries", () => {
  it("are the ones GitHub would send, in order", () => {
    expect(deliveries.map((d) => `${d.name}.${d.payload.action}`)).toEqual([
      "issues.opened",
      "issues.edited",
      "issues.labeled",
      "issues.unlabeled",
      "issues.assigned",
      "issues.unassigned",
      "issues.closed",
      "issues.reopened",
      "issue_comment.created",
      "issue_comment.edited",
      "issue_comment.deleted",
      "pull_request.opened",
      "pull_request.closed",
    ]);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
    for (const d of deliveries)
      expect(d.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sim.deliveries).toEqual([]);
  });

  it("carry the sender, repository and installation", () => {
    for (const d of deliveries) {
      expect(d.payload.installation).toEqual({ id: 1, node_id: expect.any(String) });
      expect(d.payload.repository).toMatchObject({
        full_name: "acme/shop",
        owner: { login: "acme", type: "Organization" },
      });
    }
    expect(deliveries[0]!.payload.sender).toMatchObject({ login: "alice", type: "User" });
    expect(deliveries[2]!.payload.sender).toMatchObject({ login: "hereby[bot]", type: "Bot" });
    expect(deliveries[1]!.payload.changes).toEqual({
      title: { from: "Checkout down" },
      body: { from: null },
    });
    expect(deliveries[2]!.payload.label).toMatchObject({ name: "incident" });
    expect(deliveries[4]!.payload.assignee).toMatchObject({ login: "bob" });
    expect(deliveries[9]!.payload.changes).toEqual({ body: { from: "/declare" } });
    expect(deliveries[12]!.payload.pull_request).toMatchObject({ merged: true, state: "closed" });
  });

  it("have every key of the matching @octokit/webhooks-examples payload", () => {
    const problems: string[] = [];
    for (const d of deliveries) {
      const e = example(d.name, d.payload.action);
      const p = d.payload as Record<string, unknown>;
      const top = missingKeys(e, p).filter((k) => k !== "organization" && k !== "enterprise");
      if (top.length) problems.push(`${d.name}.${d.payload.action}: ${top.join(", ")}`);
      for (const key of [
        "issue",
        "comment",
        "pull_request",
        "label",
        "assignee",
        "sender",
        "repository",
        "changes",
      ]) {
        if (!(key in e) || !(key in p)) continue;
        const m = missingKeys(e[key], p[key]);
        if (m.length) problems.push(`${d.name}.${d.payload.action} ${key}: ${m.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// Redelivered webhooks and writes that fail after GitHub carried them out: the record is
// derived from the issue, and every bot comment carries a marker, so nothing is written
// twice.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import {
  declaredIncident,
  deliver,
  expectRequests,
  FakeGitHub,
  nock,
  redelivery,
  type FakeOptions,
  type WebhookEvent,
  probot,
  useProbot,
  incident,
  idOf,
} from "./support.js";

useProbot();


const COMMENT_READS = (author: string) => [
  "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
  "GET /repos/acme/shop/issues/7",
  "GET /repos/acme/shop/issues/7/timeline?per_page=100",
  `GET /repos/acme/shop/collaborators/${author}/permission`,
  "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
];

describe("the same delivery again", () => {
  it.each([
    ["/timeline rolled back", 0],
    ["/severity critical\n/lead @carol\n/role comms @dave", 0],
    ["/help", 1],
    ["/timeline leaked " + "ghp_" + "x".repeat(36), 1],
  ])("%j: no second PATCH, no second reply (only the 👍 is sent again)", async (text, replies) => {
    const fake = await incident();
    const event = fake.comment("bob", text, 10);
    const id = idOf(event);
    await deliver(probot, event);
    // /help changes nothing in the record, so it writes no PATCH at all.
    expect(fake.patches).toHaveLength(text === "/help" ? 0 : 1);
    expect(fake.posted).toHaveLength(replies);
    const body = fake.issue.body;
    const comments = fake.botComments.length;
    fake.resetLog();

    await deliver(probot, redelivery(event));

    // A `/lead` naming someone else checks they can be assigned, every time.
    const leadChecks = [...text.matchAll(/^\/lead @(\S+)/gm)].map((m) => `GET /repos/acme/shop/assignees/${m[1]}`);
    expectRequests(fake, [...COMMENT_READS("bob"), ...leadChecks, `POST /repos/acme/shop/issues/comments/${id}/reactions`]);
    // GitHub answers 200 for a reaction that is already there.
    expect(fake.requests.at(-1)!.status).toBe(200);
    expect(fake.issue.body).toBe(body);
    expect(fake.botComments).toHaveLength(comments);
  });

  it("a rejected comment: 😕 again, no second reply", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/severity huge", 10);
    await deliver(probot, event);
    fake.resetLog();

    await deliver(probot, redelivery(event));

    expectRequests(fake, [...COMMENT_READS("bob"), `POST /repos/acme/shop/issues/comments/${idOf(event)}/reactions`]);
    expect(fake.botComments.filter((c) => c.includes("hereby:rejected"))).toHaveLength(1);
  });

  it("a refused comment: no second refusal", async () => {
    const fake = await incident({ permissions: { eve: "read" } });
    const event = fake.comment("eve", "/resolve", 10);
    await deliver(probot, event);
    fake.resetLog();

    await deliver(probot, redelivery(event));

    expect(fake.posted).toEqual([]);
    expect(fake.patches).toEqual([]);
    expect(fake.botComments.filter((c) => c.includes("hereby:refused"))).toHaveLength(1);
    expect(fake.issue.state).toBe("open");
  });

  it("the incident label: no second checklist, no write at all", async () => {
    const fake = new FakeGitHub({ repoLabels: [] }).install();
    const event = fake.addLabel("alice", "incident", 1);
    await deliver(probot, event);
    const body = fake.issue.body;
    fake.resetLog();

    await deliver(probot, redelivery(event));

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/labels?per_page=100",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
    ]);
    expect(fake.issue.body).toBe(body);
    expect(fake.botComments).toHaveLength(1);
  });

  it("/declare: no second checklist", async () => {
    const fake = new FakeGitHub({ issue: { labels: ["bug"] } }).install();
    const event = fake.comment("bob", "/declare", 3);
    await deliver(probot, event);
    fake.resetLog();

    await deliver(probot, redelivery(event));

    expect(fake.writes.map((w) => w.line)).toEqual([`POST /repos/acme/shop/issues/comments/${idOf(event)}/reactions`]);
    expect(fake.botComments).toHaveLength(1);
  });

  it("a hand close: no second write", async () => {
    const fake = await incident();
    const event = fake.close("carol", 30);
    await deliver(probot, event);
    fake.resetLog();

    await deliver(probot, redelivery(event));

    expect(fake.writes).toEqual([]);
  });

  it("a raise to a severity with notify: no second notify comment", async () => {
    const config = 'severities:\n  - { name: critical, aliases: [sev1], notify: ["@acme/oncall"] }\n  - { name: major, aliases: [sev2] }\n';
    const fake = await incident({ config });
    const byCommand = fake.comment("bob", "/severity critical", 10);
    await deliver(probot, byCommand);
    await deliver(probot, fake.comment("bob", "/severity major", 11));
    const byHand = fake.addLabel("carol", "severity:critical", 12);
    await deliver(probot, byHand);
    expect(fake.botComments.filter((c) => c.includes("hereby:notify"))).toHaveLength(2);
    fake.resetLog();

    await deliver(probot, redelivery(byCommand));
    await deliver(probot, redelivery(byHand));

    expect(fake.posted).toEqual([]);
    expect(fake.patches).toEqual([]);
  });
});

describe("a comment POST answered 502", () => {
  it("after GitHub created it: the comments are listed, the marker found, nothing posted again", async () => {
    const fake = await incident();
    fake.failNextComment = { status: 502, created: true };
    const event = fake.comment("bob", "/help", 10);
    await deliver(probot, event);

    // (the 👍 comes last, after the reply)
    expect(fake.lines.slice(-3, -1)).toEqual([
      "POST /repos/acme/shop/issues/7/comments",
      "GET /repos/acme/shop/issues/7/comments?per_page=100",
    ]);
    expect(fake.requests.at(-3)!.status).toBe(502);
    expect(fake.posted).toHaveLength(1);
    expect(fake.botComments.filter((c) => c.startsWith(`<!-- hereby:help ${idOf(event)} -->`))).toHaveLength(1);
  });

  it("when GitHub did not create it: posted again, once", async () => {
    const fake = await incident();
    fake.failNextComment = { status: 502, created: false };
    const event = fake.comment("bob", "/help", 10);
    await deliver(probot, event);

    expect(fake.lines.slice(-5, -1)).toEqual([
      "POST /repos/acme/shop/issues/7/comments",
      "GET /repos/acme/shop/issues/7/comments?per_page=100",
      "POST /repos/acme/shop/issues/7/comments",
      // the look-back for a concurrent copy
      "GET /repos/acme/shop/issues/7/comments?since=…&per_page=100",
    ]);
    expect(fake.requests.at(-3)!.status).toBe(201);
    expect(fake.botComments.filter((c) => c.startsWith(`<!-- hereby:help ${idOf(event)} -->`))).toHaveLength(1);
  });

  it("the declaration checklist: no second checklist", async () => {
    const fake = new FakeGitHub().install();
    fake.failNextComment = { status: 502, created: true };
    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(fake.lines).toContain("GET /repos/acme/shop/issues/7/comments?per_page=100");
    expect(fake.posted).toHaveLength(1);
    expect(fake.botComments).toHaveLength(1);
    expect(fake.botComments[0]).toContain("<!-- hereby:checklist declared -->");
  });
});

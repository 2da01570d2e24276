// Redelivered webhooks and writes that fail after GitHub carried them out: the record is
// derived from the issue, and every bot comment carries a marker, so nothing is written
// twice.
import { describe, expect, it } from "vitest";
import { useSimulator, start, deliverAll, botComments } from "../support/simulated.js";
import { SimIssue, changeReads, expectRequests, idOf, redelivery } from "../support/sim-issue.js";

useSimulator();

const COMMENT_READS = (sim: SimIssue, author: string) => [
  "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
  `GET ${sim.path}`,
  `GET ${sim.path}/timeline?per_page=100`,
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
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", text, 10);
    const id = idOf(event);
    await sim.deliver(event);
    // /help changes nothing in the record, so it writes no PATCH at all.
    expect(sim.patches).toHaveLength(text === "/help" ? 0 : 1);
    expect(sim.posted).toHaveLength(replies);
    const body = sim.issue.body;
    const comments = sim.botComments.length;
    sim.resetLog();

    await sim.deliver(redelivery(event));

    // A `/lead` naming someone else checks they can be assigned, every time.
    const leadChecks = [...text.matchAll(/^\/lead @(\S+)/gm)].map(
      (m) => `GET /repos/acme/shop/assignees/${m[1]}`,
    );
    expectRequests(sim, [
      ...COMMENT_READS(sim, "bob"),
      ...leadChecks,
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
    ]);
    // GitHub answers 200 for a reaction that is already there.
    expect(sim.requests.at(-1)!.status).toBe(200);
    expect(sim.issue.body).toBe(body);
    expect(sim.botComments).toHaveLength(comments);
  });

  it("a rejected comment: 😕 again, no second reply", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/severity huge", 10);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(redelivery(event));

    expectRequests(sim, [
      ...COMMENT_READS(sim, "bob"),
      `POST /repos/acme/shop/issues/comments/${idOf(event)}/reactions`,
    ]);
    expect(sim.botComments.filter((c) => c.includes("hereby:rejected"))).toHaveLength(1);
  });

  it("a refused comment: no second refusal", async () => {
    const sim = await SimIssue.declared({ permissions: { eve: "read" } });
    const event = await sim.comment("eve", "/resolve", 10);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(redelivery(event));

    expect(sim.posted).toEqual([]);
    expect(sim.patches).toEqual([]);
    expect(sim.botComments.filter((c) => c.includes("hereby:refused"))).toHaveLength(1);
    expect(sim.issue.state).toBe("open");
  });

  it("the incident label: no second checklist, no write at all", async () => {
    const sim = await SimIssue.open({ repoLabels: [] });
    const event = await sim.addLabel("alice", "incident", 1);
    await sim.deliver(event);
    const body = sim.issue.body;
    sim.resetLog();

    await sim.deliver(redelivery(event));

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/labels?per_page=100",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      // The changes are read again: one may have happened since.
      ...changeReads("14:01"),
    ]);
    expect(sim.issue.body).toBe(body);
    expect(sim.botComments).toHaveLength(1);
  });

  it("/declare: no second checklist", async () => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });
    const event = await sim.comment("bob", "/declare", 3);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(redelivery(event));

    expect(sim.lines.filter((l) => !l.startsWith("GET "))).toEqual([
      `POST /repos/acme/shop/issues/comments/${idOf(event)}/reactions`,
    ]);
    expect(sim.botComments).toHaveLength(1);
  });

  it("a hand close: no second write", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.close("carol", 30);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(redelivery(event));

    expect(sim.writes).toEqual([]);
  });

  it("a raise to a severity with notify: no second notify comment", async () => {
    const config =
      'severities:\n  - { name: critical, aliases: [sev1], notify: ["@acme/oncall"] }\n  - { name: major, aliases: [sev2] }\n';
    const sim = await SimIssue.declared({ config });
    const byCommand = await sim.comment("bob", "/severity critical", 10);
    await sim.deliver(byCommand);
    await sim.deliver(await sim.comment("bob", "/severity major", 11));
    const byHand = await sim.addLabel("carol", "severity:critical", 12);
    await sim.deliver(byHand);
    expect(sim.botComments.filter((c) => c.includes("hereby:notify"))).toHaveLength(2);
    sim.resetLog();

    await sim.deliver(redelivery(byCommand));
    await sim.deliver(redelivery(byHand));

    expect(sim.posted).toEqual([]);
    expect(sim.patches).toEqual([]);
  });
});

describe("a comment POST answered 502", () => {
  it("after GitHub created it: the comments are listed, the marker found, nothing posted again", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/help", 10);
    sim.failNextComment(502, true);
    await sim.deliver(event);

    // (the 👍 comes last, after the reply)
    // (the 👍 goes with the reply, not in its sequence)
    const replyLines = sim.lines
      .map((line, i) => ({ line, status: sim.requests[i]!.status }))
      .filter((r) => !r.line.endsWith("/reactions"));
    expect(replyLines.slice(-2).map((r) => r.line)).toEqual([
      `POST ${sim.path}/comments`,
      `GET ${sim.path}/comments?per_page=100`,
    ]);
    expect(replyLines.at(-2)!.status).toBe(502);
    expect(sim.posted).toHaveLength(1);
    expect(
      sim.botComments.filter((c) => c.startsWith(`<!-- hereby:help ${idOf(event)} -->`)),
    ).toHaveLength(1);
  });

  it("when GitHub did not create it: posted again, once", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/help", 10);
    sim.failNextComment(502, false);
    await sim.deliver(event);

    const replyLines = sim.lines
      .map((line, i) => ({ line, status: sim.requests[i]!.status }))
      .filter((r) => !r.line.endsWith("/reactions"));
    expect(replyLines.slice(-4).map((r) => r.line)).toEqual([
      `POST ${sim.path}/comments`,
      `GET ${sim.path}/comments?per_page=100`,
      `POST ${sim.path}/comments`,
      // the look-back for a concurrent copy
      `GET ${sim.path}/comments?since=…&per_page=100`,
    ]);
    expect(replyLines.at(-2)!.status).toBe(201);
    expect(
      sim.botComments.filter((c) => c.startsWith(`<!-- hereby:help ${idOf(event)} -->`)),
    ).toHaveLength(1);
  });

  it("a person's comment quoting the marker does not count as hereby's reply", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/help", 10);
    // Anyone can type a marker; only GitHub's word on the author makes a comment hereby's.
    await sim.comment("carol", `<!-- hereby:help ${idOf(event)} --> not the help`, 10);
    sim.failNextComment(502, false);
    await sim.deliver(event);

    expect(
      sim.botComments.filter((c) => c.startsWith(`<!-- hereby:help ${idOf(event)} -->`)),
    ).toHaveLength(1);
  });

  it("the declaration checklist: no second checklist", async () => {
    const sim = await SimIssue.open();
    sim.failNextComment(502, true);
    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(sim.lines).toContain(`GET ${sim.path}/comments?per_page=100`);
    expect(sim.posted).toHaveLength(1);
    expect(sim.botComments).toHaveLength(1);
    expect(sim.botComments[0]).toContain("<!-- hereby:checklist declared -->");
  });
});

describe("the created and edited deliveries of one comment", () => {
  // Probot handles both deliveries at the same time; the reply is posted once.
  it("a /help comment edited right away gets one help reply", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/help");
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/help\nthanks" });
    await Promise.all(p.sim.takeDeliveries().map((d) => p.handle(d)));
    expect(botComments(p, n).filter((b) => b.includes(`<!-- hereby:help ${id} -->`))).toHaveLength(
      1,
    );
  });
});

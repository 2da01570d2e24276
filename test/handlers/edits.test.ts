// Edits and deletions of command comments update the record; secrets in commands are
// redacted from it and the author is told to rotate them.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import {
  declaredIncident,
  deliver,
  expectRequests,
  FakeGitHub,
  ISSUE_URL,
  liveMentions,
  nock,
  rendered,
  USER_BODY,
  userPart,
  type WebhookEvent,
  probot,
  useProbot,
  incident,
  idOf,
} from "./support.js";

useProbot();

const entries = (fake: FakeGitHub) => fake.recordTimeline.map((r) => r.replace(/ \[↗\]\([^)]*\)/, ""));

describe("issue_comment.edited", () => {
  it("/timeline a → /timeline b: the record shows b, not a", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/timeline rolled back deploy a1", 10);
    const id = idOf(event);
    await deliver(probot, event);
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:10 | rolled back deploy a1 | [bob](https://github.com/bob) |");
    fake.resetLog();

    await deliver(probot, fake.editComment(id, "/timeline rolled back deploy b2", 12));

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      // an edit may change the verdict: hereby looks for its opposite reaction
      `GET /repos/acme/shop/issues/comments/${id}/reactions?per_page=100`,
      "PATCH /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      // 👍 after the write it vouches for
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
    ]);
    expect(fake.patches).toHaveLength(1);
    // The entry keeps the comment's time (the edit doesn't move it).
    expect(entries(fake)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
      "| 2026-11-23 14:10 | rolled back deploy b2 | [bob](https://github.com/bob) |",
    ]);
    expect(fake.record).not.toContain("a1");
    expect(fake.recordTimeline[1]).toContain(`[↗](${ISSUE_URL}#issuecomment-${id})`);
    expect(userPart(fake.issue.body)).toBe(`${USER_BODY}\n\n`);
    expect(fake.posted).toEqual([]);
  });

  it("/severity critical → /severity minor: the label follows the edit", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/severity critical", 10);
    await deliver(probot, event);
    fake.resetLog();

    await deliver(probot, fake.editComment(idOf(event), "/severity minor", 12));

    expect(fake.patches).toHaveLength(1);
    expect(fake.patches[0]!["labels"]).toEqual(["incident", "status:investigating", "severity:minor"]);
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:10 | Severity set to minor | [bob](https://github.com/bob) |");
  });

  it("an edit that removes every command takes the entries out", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/timeline rolled back\n/lead @carol", 10);
    await deliver(probot, event);
    expect(fake.issue.assignees).toEqual(["carol"]);
    fake.resetLog();

    await deliver(probot, fake.editComment(idOf(event), "never mind, wrong issue", 12));

    // No permission read (nothing to run), no reaction: reads, one PATCH, the read-back.
    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      "PATCH /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
    ]);
    expect(entries(fake)).toEqual(["| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |"]);
    expect(fake.field("Lead")).toBe("[alice](https://github.com/alice)");
    expect(fake.issue.assignees).toContain("alice");
    // Reported, not asserted: carol, assigned only because of the edited-away /lead,
    // stays assigned (the reducer no longer knows she was ever a lead).
  });

  it("an edit that breaks an accepted comment: 😕, one reply, and its entries leave the record", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/timeline rolled back", 10);
    const id = idOf(event);
    await deliver(probot, event);
    fake.resetLog();

    await deliver(probot, fake.editComment(id, "/timeline rolled back\n/severity huge", 12));

    expect(fake.reacted).toEqual([{ commentId: id, content: "confused" }]);
    expect(fake.posted).toHaveLength(1);
    expect(rendered(fake.posted[0]!)).toContain('- line 2: `/severity huge`: unknown severity "huge"');
    expect(fake.patches).toHaveLength(1);
    expect(entries(fake)).toEqual(["| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |"]);
  });

  it("an edit of a comment that never had commands: no request", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "looking into it", 10);
    await deliver(probot, event);
    await deliver(probot, fake.editComment(idOf(event), "looking into it, ETA 10 minutes", 12));

    expect(fake.requests).toEqual([]);
  });
});

describe("issue_comment.deleted", () => {
  it("the entry is gone from the record", async () => {
    const fake = await incident();
    const keep = fake.comment("bob", "/timeline first alert", 10);
    await deliver(probot, keep);
    const gone = fake.comment("bob", "/timeline rolled back\n/role comms @dave", 11);
    await deliver(probot, gone);
    expect(fake.field("Communications")).toBe("[dave](https://github.com/dave)");
    fake.resetLog();

    await deliver(probot, fake.deleteComment(idOf(gone)));

    // No reaction (the comment is gone). The commands left in the record are authorized
    // again, from GitHub: their author's permission, never the description's list.
    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      "PATCH /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
    ]);
    expect(fake.patches).toHaveLength(1);
    expect(Object.keys(fake.patches[0]!)).toEqual(["body"]);
    expect(entries(fake)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
      "| 2026-11-23 14:10 | first alert | [bob](https://github.com/bob) |",
    ]);
    expect(fake.field("Communications")).toBe("—");
    expect(fake.record).toContain(`<!-- hereby:state ${idOf(keep)} -->`);
    expect(fake.posted).toEqual([]);
  });

  it("deleting a comment without commands: no request", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "thanks all", 10);
    await deliver(probot, event);
    await deliver(probot, fake.deleteComment(idOf(event)));

    expect(fake.requests).toEqual([]);
  });
});

describe("secrets in commands", () => {
  const token = "ghp_" + "x".repeat(36);

  it("/timeline with a GitHub token: the record holds [redacted …], and a reply says to rotate it", async () => {
    const fake = await incident();
    const event = fake.comment("bob", `/timeline rotated the deploy key, old one was ${token} oops`, 10);
    const id = idOf(event);
    await deliver(probot, event);

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      "PATCH /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "POST /repos/acme/shop/issues/7/comments",
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
    ]);
    expect(fake.reacted).toEqual([{ commentId: id, content: "+1" }]);
    const body = fake.patches[0]!["body"] as string;
    expect(body).not.toContain(token);
    expect(body).not.toContain("x".repeat(36));
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:10 | rotated the deploy key, old one was [redacted GitHub token] oops | [bob](https://github.com/bob) |");
    expect(fake.record).toContain("Secrets were redacted from this record.");

    expect(fake.posted).toHaveLength(1);
    const reply = fake.posted[0]!;
    expect(reply).not.toContain(token);
    expect(reply.split("\n")[0]).toBe(`<!-- hereby:secret ${id} -->`);
    expect(rendered(reply)).toContain(`@bob: [your comment](#issuecomment-${id}) contains what looks like a secret (GitHub token).`);
    expect(reply).toContain("**rotate it now**");
    expect(liveMentions(reply)).toEqual(["@bob"]);
  });

  it("/summary with a database URL password is redacted too", async () => {
    const fake = await incident();
    const url = "postgres://app:" + "hunter2hunter2" + "@db.internal:5432/shop";
    await deliver(probot, fake.comment("bob", `/summary writes failing, DSN ${url}`, 10));

    expect(fake.issue.body).not.toContain("hunter2hunter2");
    expect(fake.record).toMatch(/\*\*Summary:\*\* writes failing, DSN .*\[redacted [^\]]+\]/);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toContain("rotate it now");
  });

  // Pins a fix (src/core/replies.ts `rejectionReply` / `codeSpan`): the rejected line is quoted
  // back verbatim, so a secret on it is copied into hereby's own comment, which the
  // author can neither edit nor delete.
  it("a rejected line holding a secret: the reply does not repeat the secret, and asks to rotate it", async () => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", `/timeline 25:00 deployed with ${token}`, 10));

    expect(fake.posted).toHaveLength(2);
    expect(fake.posted.join("\n")).not.toContain(token);
    expect(fake.posted.some((c) => c.includes("rotate it now"))).toBe(true);
  });

  // Pins a fix (src/handlers/comment.ts): the secret check (`redactSecrets(body)` → secretReply)
  // runs only on the accepted path; a comment rejected for another line (or refused)
  // never gets the rotate warning README promises for secrets in command text.
  it("a rejected comment holding a secret: the author is still told to rotate it", async () => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", `/timeline deployed with ${token}\n/status complete`, 10));

    expect(fake.posted.some((c) => c.includes("rotate it now"))).toBe(true);
  });
});

// Edits and deletions of command comments update the record; secrets in commands are
// redacted from it and the author is told to rotate them.
import { describe, expect, it } from "vitest";
import {
  useSimulator,
  start,
  deliverAll,
  botComments,
  field,
  entries as recordEntries,
  reactions,
  assignees,
  rendered,
  liveMentions,
  userPart,
} from "../support/simulated.js";
import { SimIssue, expectRequests, idOf, USER_BODY } from "../support/sim-issue.js";

useSimulator();

const entries = (sim: SimIssue) =>
  sim.recordTimeline.map((r: string) => r.replace(/ \[↗\]\([^)]*\)/, ""));

describe("issue_comment.edited", () => {
  it("/timeline a → /timeline b: the record shows b, not a", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/timeline rolled back deploy a1", 10);
    const id = idOf(event);
    await sim.deliver(event);
    expect(entries(sim).at(-1)).toBe(
      "| 2026-11-23 14:10 | rolled back deploy a1 | [bob](https://github.com/bob) |",
    );
    sim.resetLog();

    await sim.deliver(await sim.editComment(id, "/timeline rolled back deploy b2", 12));

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      // an edit may change the verdict: hereby looks for its opposite reaction
      `GET /repos/acme/shop/issues/comments/${id}/reactions?per_page=100`,
      `PATCH ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      // 👍 after the write it vouches for
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
    ]);
    expect(sim.patches).toHaveLength(1);
    // The entry keeps the comment's time (the edit doesn't move it).
    expect(entries(sim)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
      "| 2026-11-23 14:10 | rolled back deploy b2 | [bob](https://github.com/bob) |",
    ]);
    expect(sim.record).not.toContain("a1");
    expect(sim.recordTimeline[1]).toContain(`[↗](${sim.url}#issuecomment-${id})`);
    expect(userPart(sim.issue.body)).toBe(`${USER_BODY}\n\n`);
    expect(sim.posted).toEqual([]);
  });

  it("/severity critical → /severity minor: the label follows the edit", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/severity critical", 10);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(await sim.editComment(idOf(event), "/severity minor", 12));

    expect(sim.patches).toHaveLength(1);
    expect(sim.patches[0]!["labels"]).toEqual([
      "incident",
      "status:investigating",
      "severity:minor",
    ]);
    expect(entries(sim).at(-1)).toBe(
      "| 2026-11-23 14:10 | Severity set to minor | [bob](https://github.com/bob) |",
    );
  });

  it("an edit that removes every command takes the entries out", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/timeline rolled back\n/lead @carol", 10);
    await sim.deliver(event);
    expect(sim.issue.assignees).toEqual(["carol"]);
    sim.resetLog();

    await sim.deliver(await sim.editComment(idOf(event), "never mind, wrong issue", 12));

    // No permission read (nothing to run), no reaction: reads, one PATCH, the read-back.
    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      `PATCH ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
    ]);
    expect(entries(sim)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
    ]);
    expect(sim.field("Lead")).toBe("[alice](https://github.com/alice)");
    expect(sim.issue.assignees).toContain("alice");
    // Reported, not asserted: carol, assigned only because of the edited-away /lead,
    // stays assigned (the reducer no longer knows she was ever a lead).
  });

  it("an edit that breaks an accepted comment: 😕, one reply, and its entries leave the record", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/timeline rolled back", 10);
    const id = idOf(event);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(await sim.editComment(id, "/timeline rolled back\n/severity huge", 12));

    expect(sim.reacted).toEqual([{ commentId: id, content: "confused" }]);
    expect(sim.posted).toHaveLength(1);
    expect(rendered(sim.posted[0]!)).toContain(
      '- line 2: `/severity huge`: unknown severity "huge"',
    );
    expect(sim.patches).toHaveLength(1);
    expect(entries(sim)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
    ]);
  });

  it("an edit of a comment that never had commands: no request", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "looking into it", 10);
    await sim.deliver(event);
    await sim.deliver(await sim.editComment(idOf(event), "looking into it, ETA 10 minutes", 12));

    expect(sim.requests).toEqual([]);
  });
});

describe("issue_comment.deleted", () => {
  it("the entry is gone from the record", async () => {
    const sim = await SimIssue.declared();
    const keep = await sim.comment("bob", "/timeline first alert", 10);
    await sim.deliver(keep);
    const gone = await sim.comment("bob", "/timeline rolled back\n/role comms @dave", 11);
    await sim.deliver(gone);
    expect(sim.field("Communications")).toBe("[dave](https://github.com/dave)");
    sim.resetLog();

    await sim.deliver(await sim.deleteComment(idOf(gone)));

    // No reaction (the comment is gone). The commands left in the record are authorized
    // again, from GitHub: their author's permission, never the description's list.
    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      `PATCH ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
    ]);
    expect(sim.patches).toHaveLength(1);
    expect(Object.keys(sim.patches[0]!)).toEqual(["body"]);
    expect(entries(sim)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
      "| 2026-11-23 14:10 | first alert | [bob](https://github.com/bob) |",
    ]);
    expect(sim.field("Communications")).toBe("—");
    expect(sim.record).toContain(`<!-- hereby:state ${idOf(keep)} -->`);
    expect(sim.posted).toEqual([]);
  });

  it("deleting a comment without commands: no request", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "thanks all", 10);
    await sim.deliver(event);
    await sim.deliver(await sim.deleteComment(idOf(event)));

    expect(sim.requests).toEqual([]);
  });
});

describe("secrets in commands", () => {
  const token = "ghp_" + "x".repeat(36);

  it("/timeline with a GitHub token: the record holds [redacted …], and a reply says to rotate it", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment(
      "bob",
      `/timeline rotated the deploy key, old one was ${token} oops`,
      10,
    );
    const id = idOf(event);
    await sim.deliver(event);

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      `PATCH ${sim.path}`,
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
      `GET ${sim.path}/timeline?per_page=100`,
      `POST ${sim.path}/comments`,
    ]);
    expect(sim.reacted).toEqual([{ commentId: id, content: "+1" }]);
    const body = sim.patches[0]!["body"] as string;
    expect(body).not.toContain(token);
    expect(body).not.toContain("x".repeat(36));
    expect(entries(sim).at(-1)).toBe(
      "| 2026-11-23 14:10 | rotated the deploy key, old one was [redacted GitHub token] oops | [bob](https://github.com/bob) |",
    );
    expect(sim.record).toContain("Secrets were redacted from this record.");

    expect(sim.posted).toHaveLength(1);
    const reply = sim.posted[0]!;
    expect(reply).not.toContain(token);
    expect(reply.split("\n")[0]).toBe(`<!-- hereby:secret ${id} -->`);
    expect(rendered(reply)).toContain(
      `@bob: [your comment](#issuecomment-${id}) contains what looks like a secret (GitHub token).`,
    );
    expect(reply).toContain("**rotate it now**");
    expect(liveMentions(reply)).toEqual(["@bob"]);
  });

  it("/summary with a database URL password is redacted too", async () => {
    const sim = await SimIssue.declared();
    const url = "postgres://app:" + "hunter2hunter2" + "@db.internal:5432/shop";
    await sim.deliver(await sim.comment("bob", `/summary writes failing, DSN ${url}`, 10));

    expect(sim.issue.body).not.toContain("hunter2hunter2");
    expect(sim.record).toMatch(/\*\*Summary:\*\* writes failing, DSN .*\[redacted [^\]]+\]/);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain("rotate it now");
  });

  // Pins a fix (src/core/replies.ts `rejectionReply` / `codeSpan`): the rejected line is quoted
  // back verbatim, so a secret on it is copied into hereby's own comment, which the
  // author can neither edit nor delete.
  it("a rejected line holding a secret: the reply does not repeat the secret, and asks to rotate it", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.comment("bob", `/timeline 25:00 deployed with ${token}`, 10));

    expect(sim.posted).toHaveLength(2);
    expect(sim.posted.join("\n")).not.toContain(token);
    expect(sim.posted.some((c) => c.includes("rotate it now"))).toBe(true);
  });

  // Pins a fix (src/handlers/comment.ts): the secret check (`redactSecrets(body)` → secretReply)
  // runs only on the accepted path; a comment rejected for another line (or refused)
  // never gets the rotate warning README promises for secrets in command text.
  it("a rejected comment holding a secret: the author is still told to rotate it", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(
      await sim.comment("bob", `/timeline deployed with ${token}\n/status complete`, 10),
    );

    expect(sim.posted.some((c) => c.includes("rotate it now"))).toBe(true);
  });
});

describe("deleting the declaring comment", () => {
  // Deleting a command comment removes its own entries only; the record doesn't start over.
  it("deleting the /declare comment keeps every other comment's entries", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("alice", n, "/declare");
    await deliverAll(p);
    p.advance(1);
    await p.comment(
      "bob",
      n,
      "/timeline rollback started\n/summary checkout broken for EU\n/lead @carol",
    );
    await deliverAll(p);
    expect(recordEntries(p, n)).toContain("rollback started");

    await p.as("alice").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    const body = p.sim.issue(n).body ?? "";
    expect(recordEntries(p, n)).toContain("rollback started");
    expect(body).toContain("**Summary:** checkout broken for EU");
    expect((p.sim.issue(n).assignees ?? []).map((a) => a.login)).toEqual(["carol"]);
  });

  it("deleting the /declare comment keeps later entries even when someone said /declare again", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("bob", n, "/declare");
    await deliverAll(p);
    p.advance(1);
    await p.comment("carol", n, "/timeline rollback started\n/summary EU checkout broken");
    await deliverAll(p);
    p.advance(1);
    const again = await p.comment("dave", n, "/declare");
    await deliverAll(p);
    expect(reactions(p, again)).toContain("+1");

    await p.as("bob").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    expect(recordEntries(p, n)).toEqual([
      "Incident declared",
      "rollback started",
      "Summary updated",
    ]);
    expect(p.sim.issue(n).body).toContain("**Summary:** EU checkout broken");
    expect(field(p, n, "Declared")).toContain("14:01 UTC");
    expect(assignees(p, n)).toEqual(["bob"]);
  });

  // bob was assigned by hand before his /declare: he stays lead, nobody new is assigned.
  it("deleting the /declare of an already-assigned declarer doesn't hand the lead to the issue's author", async () => {
    const p = await start();
    const { data } = await p
      .as("alice")
      .rest.issues.create({ ...p.repo, title: "Checkout down", body: "502s", assignees: ["bob"] });
    const n = data.number;
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("bob", n, "/declare");
    await deliverAll(p);
    p.advance(1);
    await p.comment("carol", n, "/timeline rollback started");
    await deliverAll(p);
    expect(field(p, n, "Lead")).toBe("[bob](https://github.com/bob)");

    await p.as("bob").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    expect(recordEntries(p, n)).toEqual(["Incident declared", "rollback started"]);
    expect(field(p, n, "Lead")).toBe("[bob](https://github.com/bob)");
    expect(assignees(p, n)).toEqual(["bob"]);
  });
});

describe("an edit into a mistake", () => {
  // A comment with a mistake has nothing applied, also after an edit: the lead goes back to the declarer.
  it("an accepted /lead edited into a login GitHub can't assign leaves the record", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @carol");
    await deliverAll(p);
    expect(field(p, n, "Lead")).toBe("[carol](https://github.com/carol)");

    p.advance(1);
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/lead @carlo" });
    await deliverAll(p);
    expect(reactions(p, id)).toContain("confused");
    expect(botComments(p, n).some((b) => b.includes("Nothing in [your comment]"))).toBe(true);
    expect(recordEntries(p, n)).toEqual(["Incident declared"]);
    expect(field(p, n, "Lead")).toBe("[alice](https://github.com/alice)");
    expect(assignees(p, n)).toEqual(["alice"]);
  });
});

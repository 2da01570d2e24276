// Review findings: each test was written failing against a bug a user would hit, with
// the behaviour SPEC.md / README.md promise; the comment above each says what was wrong.
import { describe, expect, it } from "vitest";
import { escapeCell, escapeText } from "../../src/core/escape.js";
import type { GitHub } from "../../src/github/client.js";
import { allows, readPermission } from "../../src/github/permission.js";
import { botComments, deliverAll, deliverAsAction, entries, reactions, start, useSimulator } from "./support.js";

useSimulator();

describe("review findings", () => {
  // src/core/sync.ts wantedAssignees + src/core/commands.ts parsePerson: `/lead @bbo` (a
  // typo, or anyone without access) is accepted (👍), then every PATCH asks GitHub to
  // assign a login it can't assign, GitHub answers 422 for the whole PATCH, and since the
  // reducer keeps wanting that lead, every later command on the incident fails the same
  // way: the record stops updating for the rest of the incident. Expected: the typo'd
  // command doesn't brick the incident; later commands still reach the record.
  it("a /lead typo does not stop every later command from reaching the record", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/lead @bbo");
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/timeline rollback started");
    p.advance(1);
    await p.comment("carol", n, "/severity critical");
    const errors = await deliverAll(p);
    expect(errors.map(String)).toEqual([]);
    expect(entries(p, n)).toContain("rollback started");
    expect(p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name))).toContain("severity:critical");
  });

  // src/core/reducer.ts reduceIncident: commands before `declaredAt` are skipped, and the
  // fallback declaration (issue labelled, no declaring item found) is made only after the
  // loop, at the issue's creation. So deleting the `/declare` comment (tidying up) drops
  // every later command: summary, timeline, lead (the new lead is even unassigned).
  // Expected: deleting a command comment removes that comment's entries only (README:
  // "Edits and deletions of command comments update the timeline").
  it("deleting the /declare comment keeps every other comment's entries", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("alice", n, "/declare");
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/timeline rollback started\n/summary checkout broken for EU\n/lead @carol");
    await deliverAll(p);
    expect(entries(p, n)).toContain("rollback started");

    await p.as("alice").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    const body = p.sim.issue(n).body ?? "";
    expect(entries(p, n)).toContain("rollback started");
    expect(body).toContain("**Summary:** checkout broken for EU");
    expect((p.sim.issue(n).assignees ?? []).map((a) => a.login)).toEqual(["carol"]);
  });

  // src/handlers/comment.ts onComment vs src/core/reducer.ts refusedComments: once a
  // refusal reply exists, the comment is refused forever, but the handler re-checks the
  // author's permission on an edit and reacts 👍. The refusal says "ask a maintainer ...
  // to grant you triage access"; after the grant, editing the comment gets 👍 and nothing
  // is applied. Expected: 👍 only on a comment whose commands are applied (SPEC: accepted
  // → +1), i.e. either apply it or don't give 👍.
  it("a 👍 after access was granted and the comment edited means it was applied", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("erin", n, "/timeline db failover");
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["confused"]);

    p.sim.setPermission("erin", "triage");
    p.advance(1);
    await p.as("erin").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/timeline db failover started" });
    await deliverAll(p);
    const applied = entries(p, n).includes("db failover started");
    const thumbsUp = reactions(p, id).includes("+1");
    expect({ thumbsUp, applied }).not.toEqual({ thumbsUp: true, applied: false });
  });

  // src/handlers/comment.ts onComment vs src/core/reducer.ts (`if (declaredAt === null)
  // continue`): a command posted shortly before someone adds the `incident` label is
  // handled once the label is there (the handler reads the issue, sees an incident) and
  // gets 👍, but the reducer drops it for predating the declaration. With the Action's
  // start-up time the window is tens of seconds. Expected: 👍 means applied.
  it("a command posted just before the label was added: a 👍 means it was applied", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/timeline pager fired");
    p.advance(1);
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await deliverAll(p);
    const applied = entries(p, n).includes("pager fired");
    const thumbsUp = reactions(p, id).includes("+1");
    expect({ thumbsUp, applied }).not.toEqual({ thumbsUp: true, applied: false });
    // It says so, instead of a silent 👍 on nothing.
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("post the commands again"))).toBe(true);
  });

  // src/action.ts run: `self` is hard-coded to "github-actions[bot]", but the `github-token`
  // input may be an app installation token (actions/create-github-app-token) or a PAT.
  // Then hereby's own label and close events are not recognised as its own, and the
  // reducer records each of them again as "changed by an app" / "Resolved: issue closed"
  // by the bot: every command shows up twice in the record. Expected: hereby's own
  // writes are never recorded as hand changes (SPEC: only changes made by hand are).
  it("the Action with an app token does not record its own writes as hand changes", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    // The Action's handler context, the token acting as an app (an installation token).
    const runAction = () => deliverAsAction(p, p.bot);
    await runAction();
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await runAction();
    p.advance(1);
    await p.comment("bob", n, "/resolve error rate back to normal");
    await runAction();
    expect(entries(p, n)).toEqual([
      "Incident declared",
      "Severity set to critical",
      "Resolved: error rate back to normal",
      // Resolving opens the postmortem; hereby's own announcement of it is one entry.
      "Postmortem opened: #2",
    ]);
  });

  // src/github/permission.ts readPermission: `role_name` is used whenever present, and
  // anything not in read/triage/write/maintain/admin becomes "none". GitHub documents that
  // `role_name` carries custom repository role names (organisations on Enterprise Cloud),
  // while `permission` gives the base level. Everyone holding a custom role (e.g. an
  // "incident-responder" role based on write) is refused every command. Expected: fall
  // back to `permission` (write here) when `role_name` is a custom role.
  it("a custom repository role based on write may run commands", async () => {
    const octokit = {
      rest: {
        repos: {
          getCollaboratorPermissionLevel: async () => ({
            data: { permission: "write", role_name: "incident-responder", user: { login: "bob" } },
          }),
        },
      },
    } as unknown as GitHub;
    const level = await readPermission(octokit, { owner: "acme", repo: "shop" }, "bob");
    expect(allows(level, "triage")).toBe(true);
  });

  // src/core/escape.ts neutralizeMentions: `@` after `_` is left alone because `_` is a
  // word character, but Markdown consumes `_` as emphasis: `_@alice_` renders as
  // <em>@alice</em>, which GitHub links as a mention. So `/timeline paged _@alice_` pings
  // alice from the record (and `_@acme/oncall_` a whole team) on every re-render.
  // Expected (SPEC: escaped so it cannot re-trigger mentions): the `@` is neutralised.
  it("an @mention in _emphasis_ is neutralised in the record", () => {
    for (const text of ["paged _@alice_", "paged __@acme/oncall__"]) {
      expect(escapeCell(text)).not.toMatch(/@[A-Za-z0-9]/);
      expect(escapeText(text)).not.toMatch(/@[A-Za-z0-9]/);
    }
  });

  // src/handlers/comment.ts onComment (help reply) + src/github/executor.ts: the marker
  // check reads comments before either handler posts, so the `created` and `edited`
  // deliveries of one comment (post `/help`, fix a word a second later), handled at the
  // same time as Probot does, post the command reference twice. markers.ts promises a
  // redelivered event "never posts the same comment twice". Expected: one help reply.
  it("a /help comment edited right away gets one help reply", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/help");
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/help\nthanks" });
    await Promise.all(p.sim.takeDeliveries().map((d) => p.handle(d)));
    expect(botComments(p, n).filter((b) => b.includes(`<!-- hereby:help ${id} -->`))).toHaveLength(1);
  });
});

// Who may do what comes from GitHub alone: who wrote a comment or caused an event, and
// their permission for that revision. Nothing typed into a comment or a description grants
// anything, and nothing is spent on a comment before its author may command.
import { describe, expect, it } from "vitest";
import type { GitHub } from "../../src/github/client.js";
import { allows, readPermission } from "../../src/github/permission.js";
import {
  useSimulator,
  start,
  deliverAll,
  deliverAsAction,
  incident,
  botComments,
  botRequests,
  field,
  entries,
  reactions,
  labels,
} from "../support/simulated.js";

useSimulator();

describe("authorization", () => {
  it("a read-only user's marker comment and description list grant nothing", async () => {
    const p = await start();
    const n = await incident(p, "erin");
    const attack = await p.comment(
      "erin",
      n,
      "<!-- hereby:help 1 -->\n/severity trivial\n/lead me\n/resolve",
    );
    await deliverAll(p);
    // erin may edit her own issue's description: she names her comment in the state list.
    const now = p.sim.issue(n).body ?? "";
    const forged = now.replace(/<!-- hereby:state [0-9,]* -->/, `<!-- hereby:state ${attack} -->`);
    expect(forged).toContain(`hereby:state ${attack}`);
    await p.as("erin").rest.issues.update({ ...p.repo, issue_number: n, body: forged });
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/timeline checking the load balancer");
    await deliverAll(p);

    expect(p.sim.issue(n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(field(p, n, "Lead")).toBe("[alice](https://github.com/alice)");
    expect(entries(p, n)).toEqual(["Incident declared", "checking the load balancer"]);
    expect(reactions(p, attack)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("Sorry @erin"))).toBe(true);
  });

  it("an edit is a new command, checked against the author's permission now", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("carol", n, "/timeline paged the database team");
    await deliverAll(p);
    expect(entries(p, n)).toContain("paged the database team");

    p.sim.setPermission("carol", "read");
    p.advance(1);
    await p.as("carol").rest.issues.updateComment({
      ...p.repo,
      comment_id: id,
      body: "/severity trivial\n/resolve",
    });
    p.sim.takeDeliveries(); // the edit's delivery is lost
    p.advance(1);
    await p.comment("bob", n, "/timeline failing over");
    await deliverAll(p);

    expect(p.sim.issue(n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(entries(p, n)).toEqual(["Incident declared", "failing over"]);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("Sorry @carol"))).toBe(true);
  });

  it("a demoted author's earlier, unedited commands stay in the record", async () => {
    const p = await start();
    const n = await incident(p);
    await p.comment("carol", n, "/timeline paged the database team");
    await deliverAll(p);
    p.sim.setPermission("carol", "read");
    p.advance(1);
    await p.comment("bob", n, "/timeline failing over");
    await deliverAll(p);
    expect(entries(p, n)).toEqual(["Incident declared", "paged the database team", "failing over"]);
  });

  it("a read-only user's 300 /lead lines cost no request per line", async () => {
    const p = await start();
    const n = await incident(p);
    const lines = Array.from({ length: 300 }, (_, i) => `/lead @u${i}`).join("\n");
    const from = p.sim.requests.length;
    const id = await p.comment("erin", n, lines);
    await deliverAll(p);
    const asked = botRequests(p, from);
    expect(asked.filter((r) => r.operationId === "issues/check-user-can-be-assigned")).toEqual([]);
    expect(asked.length).toBeLessThan(12);
    expect(reactions(p, id)).toEqual(["confused"]);

    // On an issue that is no incident, nothing beyond the config is read.
    const other = await p.openIssue("erin", "Typo in docs", "teh");
    await deliverAll(p);
    const before = p.sim.requests.length;
    await p.comment("erin", other, lines);
    await deliverAll(p);
    expect(botRequests(p, before).map((r) => r.operationId)).toEqual(["repos/get-content"]);
  });

  it("a permitted author's leads are checked once per person", async () => {
    const p = await start();
    const n = await incident(p);
    const from = p.sim.requests.length;
    await p.comment("bob", n, "/lead @carol\n/lead @dave\n/lead @carol\n/lead @dave\n/lead @carol");
    await deliverAll(p);
    const checks = botRequests(p, from).filter(
      (r) => r.operationId === "issues/check-user-can-be-assigned",
    );
    expect(checks.map((r) => r.path).sort()).toEqual([
      "/repos/acme/shop/assignees/carol",
      "/repos/acme/shop/assignees/dave",
    ]);
    expect(field(p, n, "Lead")).toBe("[carol](https://github.com/carol)");
  });

  it("more people named as lead than the bound: rejected without asking GitHub about any", async () => {
    const p = await start();
    const n = await incident(p);
    const from = p.sim.requests.length;
    const id = await p.comment(
      "bob",
      n,
      Array.from({ length: 11 }, (_, i) => `/lead @u${i}`).join("\n"),
    );
    await deliverAll(p);
    expect(
      botRequests(p, from).filter((r) => r.operationId === "issues/check-user-can-be-assigned"),
    ).toEqual([]);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("at most 10 different people"))).toBe(true);
    expect(field(p, n, "Lead")).toBe("[alice](https://github.com/alice)");
  });

  it("a read-only author closing their own incident does not resolve it", async () => {
    const p = await start();
    const n = await incident(p, "erin");
    await p.as("erin").rest.issues.update({ ...p.repo, issue_number: n, state: "closed" });
    await deliverAll(p);

    expect(p.sim.issue(n).state).toBe("open");
    expect(field(p, n, "Status")).toBe("investigating");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(
      entries(p, n).some((e) =>
        /closed by @\[erin\]\(https:\/\/github\.com\/erin\): not applied/i.test(e),
      ),
    ).toBe(true);
    expect(botComments(p, n).some((c) => c.includes("@erin") && c.includes("reopened"))).toBe(true);
  });

  it("a triager closing the incident still resolves it", async () => {
    const p = await start();
    const n = await incident(p);
    await p.as("carol").rest.issues.update({ ...p.repo, issue_number: n, state: "closed" });
    await deliverAll(p);
    expect(p.sim.issue(n).state).toBe("closed");
    expect(field(p, n, "Status")).toBe("resolved");
  });

  it("in the Action, another workflow's severity swap as the same bot is recorded, not reverted", async () => {
    const p = await start();
    const n = await incident(p, "alice", true);
    await p.comment("bob", n, "/severity critical");
    await deliverAll(p, true);
    expect(labels(p, n)).toContain("severity:critical");

    p.advance(1);
    // Another workflow, with the same GITHUB_TOKEN identity, swaps the label.
    await p.bot.rest.issues.removeLabel({ ...p.repo, issue_number: n, name: "severity:critical" });
    await p.bot.rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["severity:minor"] });
    await deliverAll(p, true);
    p.advance(1);
    await p.comment("bob", n, "/timeline watching");
    await deliverAll(p, true);

    expect(labels(p, n)).toContain("severity:minor");
    expect(field(p, n, "Severity")).toBe("minor");
    expect(entries(p, n).some((e) => e.includes("Severity set to minor"))).toBe(true);
  });

  it("a /word on an issue that is no incident reads only the config", async () => {
    const p = await start();
    const n = await p.openIssue("bob", "Flaky test", "It fails sometimes.");
    await deliverAll(p);
    const from = p.sim.requests.length;
    await p.comment("bob", n, "/timeline 14:00 looked at it\n/retry");
    await deliverAll(p);
    expect(botRequests(p, from).map((r) => r.operationId)).toEqual(["repos/get-content"]);
  });
});

describe("roles and markers", () => {
  // GitHub's `role_name` carries custom role names (Enterprise Cloud); `permission` is the base level.
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

  // Only hereby's own identity makes a marker hereby's, whoever quotes it.
  it("a person quoting the checklist marker doesn't become hereby (Action)", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment(
      "erin",
      n,
      "Last time the bot's comment began with `<!-- hereby:checklist declared -->`: is it down?",
    );
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, p.bot);
    expect(
      botComments(p, n).filter((b) => b.includes("<!-- hereby:checklist declared -->")),
    ).toHaveLength(1);
    expect(entries(p, n)).toEqual(["Incident declared", "Severity set to critical"]);
  });

  it("a read-only user can't undo a command by writing a refusal marker (Action)", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("erin", n, "fyi `<!-- hereby:checklist declared -->`");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    const summary = await p.comment("bob", n, "/summary EU checkout down");
    await deliverAsAction(p, p.bot);
    expect(p.sim.issue(n).body).toContain("**Summary:** EU checkout down");
    p.advance(1);
    await p.comment("erin", n, `<!-- hereby:refused ${summary} -->\nhmm`);
    await p.comment("carol", n, "/timeline paged db team");
    await deliverAsAction(p, p.bot);
    expect(p.sim.issue(n).body).toContain("**Summary:** EU checkout down");
  });

  // README: a command costs 6 reads; a refused, edited comment must not enter every later convergence.
  it("a refused comment edited by its author doesn't add a read to every later command", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("erin", n, "/timeline db failover");
    await deliverAll(p);
    p.advance(1);
    await p.as("erin").rest.issues.updateComment({
      ...p.repo,
      comment_id: id,
      body: "/timeline db failover started",
    });
    await deliverAll(p);
    const reads = () =>
      p.sim.requests.filter((r) => r.actor === "hereby[bot]" && r.method === "GET").length;
    for (const text of ["/timeline one", "/timeline two"]) {
      p.advance(1);
      const before = reads();
      await p.comment("bob", n, text);
      await deliverAll(p);
      // config, issue, timeline, permission; the timeline read back (the PATCH's answer is the issue)
      expect(reads() - before).toBe(5);
    }
    expect(entries(p, n)).toEqual(["Incident declared", "one", "two"]);
  });
});

// The built Action on everything but an incident's own events: quiet on what it doesn't
// act on, the pull_request and schedule triggers (postmortems and the sweep will answer
// them), and a token without the permission a write needs.
import { describe, expect, it } from "vitest";
import { botComments, comment, openIncident, takeDelivery, writesSince } from "./support.js";
import { asEvent, examplePayload, runAction, show, useActionRuns } from "./action-support.js";

const setup = useActionRuns();

describe("the Action (dist/index.js) on other triggers", () => {
  it("is quiet on a comment without commands and on a command on an issue that is no incident", async () => {
    const { sim, dir } = await setup();
    const plain = await sim.createIssueAs("alice", { title: "Typo on the pricing page" });
    await comment(sim, "bob", plain.number, "Looks like the cache.");
    const chat = takeDelivery(sim, "issue_comment.created");
    const before = sim.requests.length;
    const quiet = await runAction(sim, dir, asEvent(chat));
    expect(quiet.code, show(quiet)).toBe(0);
    expect(quiet.stdout).toContain("hereby: nothing to do: no command in the comment");
    expect(sim.requests.slice(before)).toEqual([]);

    await comment(sim, "bob", plain.number, "/severity critical");
    const command = takeDelivery(sim, "issue_comment.created");
    const since = sim.requests.length;
    const notIncident = await runAction(sim, dir, asEvent(command));
    expect(notIncident.code, show(notIncident)).toBe(0);
    expect(notIncident.stdout).toContain("hereby: nothing to do: not an incident");
    expect(writesSince(sim, since)).toEqual([]);
    expect(notIncident.outputs.writes).toBe("0");
    expect(botComments(sim, plain.number)).toEqual([]);
  });

  it("ends an event it does not act on (push) with a log line saying so, and no request", async () => {
    const { sim, dir } = await setup();
    const before = sim.requests.length;
    const run = await runAction(sim, dir, { name: "push", payload: { ref: "refs/heads/main" } });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toContain("hereby: nothing to do: push is not an event hereby handles");
    expect(sim.requests.slice(before)).toEqual([]);
    expect(run.outputs.writes).toBe("0");
  });

  it("succeeds on a pull_request closed event that is no postmortem, writing nothing", async () => {
    const { sim, dir } = await setup();
    const closed = examplePayload("pull_request", "closed");
    const before = sim.requests.length;
    const run = await runAction(sim, dir, { name: "pull_request", payload: closed });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).not.toContain("::error::");
    expect(run.stdout).toMatch(/^hereby: nothing to do: .+/m);
    expect(writesSince(sim, before)).toEqual([]);
    expect(run.outputs.writes).toBe("0");
    expect(run.outputs["pull-request"]).toBe("");
    expect(run.summary).toContain("### hereby: `pull_request.closed` on #");
  });

  it.each(["schedule", "workflow_dispatch"])(
    "succeeds on %s with a log line about the review sweep, writing nothing",
    async (trigger) => {
      const { sim, dir } = await setup();
      const before = sim.requests.length;
      const payload =
        trigger === "schedule"
          ? { schedule: "17 6 * * *" }
          : { inputs: {}, ref: "refs/heads/main" };
      const run = await runAction(sim, dir, { name: trigger, payload });
      expect(run.code, show(run)).toBe(0);
      expect(run.stdout).not.toContain("::error::");
      expect(run.stdout).toMatch(/^review sweep of acme\/shop: 0 incident\(s\) due/m);
      expect(writesSince(sim, before)).toEqual([]);
      expect(run.outputs["reviews-opened"]).toBe("0");
      expect(run.outputs["reviews-closed"]).toBe("0");
      expect(run.summary).toContain(`### hereby: \`${trigger}\``);
      expect(run.summary).toContain("No incident has a review due.");
    },
  );

  it("fails a refused write (403) with the permission to add to the workflow", async () => {
    const { sim, dir } = await setup();
    await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    // A workflow whose permissions leave out `issues: write`: GitHub answers 403.
    sim.failNext(
      { method: "POST", path: /\/issues\/1\/comments$/ },
      { status: 403, applyFirst: false },
    );
    const run = await runAction(sim, dir, asEvent(labeled));
    expect(run.code, show(run)).not.toBe(0);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors, show(run)).toHaveLength(1);
    expect(errors[0]).toContain("POST /repos/acme/shop/issues/1/comments (403)");
    expect(errors[0]).toContain("`issues: write`");
    expect(errors[0]).toContain("`permissions:`");
    expect(run.summary).toContain("**Failed:** GitHub refused POST");
  });
});

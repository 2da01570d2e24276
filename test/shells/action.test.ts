// The GitHub Action as a workflow runs it: `node dist/index.js` (the committed bundle)
// with the runner's environment, against the simulator (action-support.ts). The payloads
// are the simulator's own webhook deliveries, so the Action sees what GitHub would send.
import { describe, expect, it } from "vitest";
import {
  act,
  actionMetadata,
  botComments,
  comment,
  labelsOf,
  openIncident,
  takeDelivery,
  writesSince,
} from "./support.js";
import { asEvent, runAction, show, useActionRuns } from "./action-support.js";

const setup = useActionRuns();

describe("the Action (dist/index.js)", () => {
  it("declares an incident from the issues.labeled event, then applies /severity from issue_comment.created", async () => {
    const { sim, advance, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const start = sim.requests.length;

    const declared = await runAction(sim, dir, asEvent(labeled));
    expect(declared.code, show(declared)).toBe(0);
    expect(declared.stdout).not.toContain("::error::");
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue(n).assignees?.map((a) => a.login)).toEqual(["alice"]);
    const body = sim.issue(n).body ?? "";
    expect(body.startsWith("Customers can't pay.")).toBe(true);
    expect(body).toContain("<!-- hereby:start -->");
    expect(body).toContain("<!-- hereby:end -->");
    expect(body).toContain("Incident declared");
    const checklists = botComments(sim, n).filter((b) => b.includes("<!-- hereby:checklist"));
    expect(checklists).toHaveLength(1);
    expect(botComments(sim, n)).toHaveLength(1);
    // The `writes` output counts what reached GitHub (one request per write), every one
    // made with the token the workflow gave it.
    const writes = writesSince(sim, start);
    expect(declared.outputs.writes).toBe(String(writes.length));
    expect(writes.map((r) => r.actor)).toEqual(writes.map(() => "hereby[bot]"));
    // Every output action.yml declares is set, and only those.
    expect(Object.keys(declared.outputs).sort()).toEqual(
      Object.keys(actionMetadata().outputs).sort(),
    );
    expect(declared.outputs["entries-added"]).toBe("1");
    expect(declared.outputs["pull-request"]).toBe("");
    // The job summary says what was read, decided and written.
    expect(declared.summary).toContain("### hereby: `issues.labeled` on #1");
    expect(declared.summary).toContain("- `GET /repos/{owner}/{repo}/contents/{path}`");
    expect(declared.summary).toContain(`**Wrote** ${writes.length} writes`);
    expect(declared.summary).toMatch(
      /- update #1: labels=\\\[incident, severity:major, status:investigating\\\]/,
    );
    expect(declared.summary).toContain("- comment on #1: ");

    // (takeDelivery drops the deliveries of the bot's own writes: GITHUB_TOKEN events start no workflow.)
    advance(3);
    const commentId = await comment(sim, "bob", n, "/severity critical");
    const created = takeDelivery(sim, "issue_comment.created");
    const before = sim.requests.length;
    const commanded = await runAction(sim, dir, asEvent(created));
    expect(commanded.code, show(commanded)).toBe(0);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:critical", "status:investigating"]);
    expect(sim.reactions(commentId).map((r) => [r.user?.login, r.content])).toEqual([
      ["hereby[bot]", "+1"],
    ]);
    expect(sim.issue(n).body).toContain("Severity set to critical");
    expect(botComments(sim, n)).toHaveLength(1);
    expect(commanded.outputs.writes).toBe(String(writesSince(sim, before).length));
    expect(commanded.outputs["entries-added"]).toBe("1");
    expect(commanded.summary).toContain("### hereby: `issue_comment.created` on #1");
  });

  it("declares an incident opened with the issue form: its severity, and its start time as the first entry", async () => {
    const { sim, dir } = await setup();
    const body = [
      "### Severity\n\ncritical",
      "### What is broken?\n\nCheckout returns 502",
      "### Who is affected?\n\nEvery customer in the EU",
      "### When did it start?\n\n13:40",
    ].join("\n\n");
    // What GitHub does when the form is submitted: the issue opened with its `incident` label.
    const issue = await sim.createIssueAs("alice", {
      title: "Incident: checkout down",
      body,
      labels: ["incident"],
    });
    const labeled = takeDelivery(sim, "issues.labeled");
    const run = await runAction(sim, dir, asEvent(labeled));
    expect(run.code, show(run)).toBe(0);
    expect(labelsOf(sim, issue.number)).toEqual([
      "incident",
      "severity:critical",
      "status:investigating",
    ]);
    const record = sim.issue(issue.number).body ?? "";
    expect(record.startsWith(body)).toBe(true);
    const rows = record.split("\n").filter((l) => /^\| 2026-/.test(l));
    expect(rows[0]).toMatch(
      /^\| 2026-11-23 13:40 \| Incident started \(as reported in the issue form\)/,
    );
    expect(rows[1]).toMatch(/^\| 2026-11-23 14:00 \| Incident declared/);
    expect(run.outputs["entries-added"]).toBe("2");

    // The same delivery again (a re-run): nothing new to add or write.
    const again = await runAction(sim, dir, asEvent(labeled));
    expect(again.code, show(again)).toBe(0);
    expect(again.outputs["entries-added"]).toBe("0");
    expect(again.outputs.writes).toBe("0");
  });

  it("opens the postmortem pull request on /resolve, and records its merge from pull_request.closed", async () => {
    const { sim, advance, dir } = await setup();
    const n = await openIncident(sim, "alice");
    expect((await runAction(sim, dir, asEvent(takeDelivery(sim, "issues.labeled")))).code).toBe(0);
    advance(30);
    await comment(sim, "alice", n, "/resolve");
    const resolved = await runAction(sim, dir, asEvent(takeDelivery(sim, "issue_comment.created")));
    expect(resolved.code, show(resolved)).toBe(0);
    const [pull] = sim.pulls();
    expect(pull?.title).toBe("Postmortem: Checkout returns 502 (#1)");
    expect(pull?.head.ref).toBe("hereby/postmortem-1");

    advance(60);
    await act(sim, "alice", "PUT", `/repos/acme/shop/pulls/${pull!.number}/merge`, {});
    const merged = await runAction(sim, dir, asEvent(takeDelivery(sim, "pull_request.closed")));
    expect(merged.code, show(merged)).toBe(0);
    expect(sim.issue(n).body).toContain(`| **Postmortem** | #${pull!.number} (merged) |`);
    expect(sim.issue(n).body).toContain(`Postmortem merged: #${pull!.number}`);
  });

  it("with dry-run: true logs the writes it would make and makes none", async () => {
    const { sim, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");
    const before = sim.requests.length;

    const run = await runAction(sim, dir, asEvent(labeled), { with: { "dry-run": "true" } });
    expect(run.code, show(run)).toBe(0);
    expect(run.stdout).toMatch(
      /\[dry-run\] would update #1: labels=\[[^\]]*severity:major[^\]]*status:investigating/,
    );
    expect(run.stdout).toMatch(/\[dry-run\] would update #1: .*assignees=\[alice\]/);
    // The comment's first visible line, not the hidden marker above it.
    expect(run.stdout).toContain(
      "[dry-run] would comment on #1: ### Incident declared: major severity",
    );
    expect(run.stdout).not.toMatch(/would comment on #1: <!--/);
    expect(Number(run.outputs.writes)).toBeGreaterThan(0);
    // It did read (config, issue, labels): the run really talked to the simulator.
    expect(sim.requests.length).toBeGreaterThan(before);
    expect(writesSince(sim, before)).toEqual([]);
    expect(labelsOf(sim, n)).toEqual(["incident"]);
    expect(sim.comments(n)).toEqual([]);
    expect(sim.issue(n).body).toBe("Customers can't pay.");
  });

  it("fails the run on an invalid .github/hereby.yml, naming the key, and replies once on the incident", async () => {
    const { sim, dir } = await setup("timezone: Nowhere\n");
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");

    const run = await runAction(sim, dir, asEvent(labeled));
    expect(run.code, show(run)).not.toBe(0);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors, show(run)).toHaveLength(1);
    expect(errors[0]).toContain("timezone");
    expect(errors[0]).toContain(".github/hereby.yml");
    const replies = botComments(sim, n);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("`timezone`");
    // Nothing else was done until the file is fixed.
    expect(labelsOf(sim, n)).toEqual(["incident"]);
    expect(sim.issue(n).body).toBe("Customers can't pay.");

    // A re-run (redelivery) fails again without a second reply.
    const again = await runAction(sim, dir, asEvent(labeled));
    expect(again.code, show(again)).not.toBe(0);
    expect(botComments(sim, n)).toHaveLength(1);
  });

  it("works against a GitHub Enterprise Server style GITHUB_API_URL (…/api/v3)", async () => {
    const { sim, dir } = await setup();
    const n = await openIncident(sim, "alice");
    const labeled = takeDelivery(sim, "issues.labeled");

    const run = await runAction(sim, dir, asEvent(labeled), { apiUrl: `${sim.url}/api/v3` });
    expect(run.code, show(run)).toBe(0);
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(botComments(sim, n).filter((b) => b.includes("<!-- hereby:checklist"))).toHaveLength(1);
  });
});

// Declaring an incident on the simulated GitHub: the `incident` label, `/declare`,
// `/incident` and the phrase, with the exact writes a user sees.
import { describe, expect, it } from "vitest";
import {
  useSimulator,
  start,
  deliverAll,
  deliverAsAction,
  botComments,
  field,
  userPart,
  START,
  END,
} from "../support/simulated.js";
import { SimIssue, changeReads, expectRequests, idOf, USER_BODY } from "../support/sim-issue.js";

useSimulator();

const CONFIG_READS = [
  "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
  "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
] as const;
const ISSUE_READS = (sim: SimIssue) => [`GET ${sim.path}`, `GET ${sim.path}/timeline?per_page=100`];

describe("the incident label added by a person", () => {
  it("adds major and investigating, assigns the declarer, writes the record, posts one checklist and creates the missing labels", async () => {
    const sim = await SimIssue.open({ repoLabels: ["bug"] });

    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    // Reads, the two labels the incident wears (so they get colour and description
    // before the PATCH gives them), one PATCH, the read-back, the checklist, the rest.
    expectRequests(sim, [
      CONFIG_READS[0],
      CONFIG_READS[1],
      "GET /repos/acme/shop/labels?per_page=100",
      ...ISSUE_READS(sim),
      // The changes around it: nothing changed, so no comment lists them.
      ...changeReads("14:01"),
      "POST /repos/acme/shop/labels",
      "POST /repos/acme/shop/labels",
      // Whether the person who labelled it may run the incident (else nobody is paged).
      "GET /repos/acme/shop/collaborators/alice/permission",
      // Knowing its login, hereby writes the record third, then the checklist.
      `PATCH ${sim.path}`,
      // The PATCH's answer is the read-back's issue.
      `GET ${sim.path}/timeline?per_page=100`,
      `POST ${sim.path}/comments`,
    ]);

    expect(sim.createdLabels).toEqual([
      {
        name: "severity:major",
        color: "d93f0b",
        description: "Major: significant degradation for many users",
      },
      {
        name: "status:investigating",
        color: "e99695",
        description: "Incident: looking for the cause",
      },
    ]);
    // Nothing was created grey by the PATCH first.
    expect(sim.repoLabels.find((l) => l.name === "severity:major")?.color).toBe("d93f0b");

    expect(sim.patches).toHaveLength(1);
    const patch = sim.patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(["assignees", "body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(patch["assignees"]).toEqual(["alice"]);
    const body = patch["body"] as string;
    expect(userPart(body)).toBe(`${USER_BODY}\n\n`);
    expect(body.startsWith(USER_BODY)).toBe(true);
    expect(body.endsWith(END)).toBe(true);

    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue.assignees).toEqual(["alice"]);
    expect(sim.issue.state).toBe("open");
    expect(sim.field("Severity")).toBe("major");
    expect(sim.field("Status")).toBe("investigating");
    expect(sim.field("Lead")).toBe("[alice](https://github.com/alice)");
    expect(sim.field("Declared")).toBe("2026-11-23 14:01 UTC by [alice](https://github.com/alice)");
    expect(sim.field("Resolved")).toBe("—");
    expect(sim.field("Communications")).toBe("—");
    expect(sim.recordTimeline).toEqual([
      `| 2026-11-23 14:01 | Incident declared [↗](${sim.url}) | [alice](https://github.com/alice) |`,
    ]);

    expect(sim.posted).toHaveLength(1);
    const checklist = sim.posted[0]!;
    expect(checklist.split("\n")[0]).toBe("<!-- hereby:checklist declared -->");
    expect(checklist).toContain(
      "### Incident declared: major severity, [alice](https://github.com/alice) leads",
    );
    expect(checklist).toContain(
      "- [ ] Confirm the severity: `/severity <critical|major|minor|trivial>`",
    );
    for (const role of ["comms", "ops", "planning", "scribe"])
      expect(checklist).toContain(`\`/role ${role} @someone\``);
    expect(checklist).toContain("- [ ] Tell the people who need to know");
    expect(checklist).toContain("- [ ] Talk in one place:");
    expect(sim.reacted).toEqual([]);
  });

  it("creates only the labels its incident wears that the repository lacks (setup creates the rest)", async () => {
    const sim = await SimIssue.open({ repoLabels: ["incident", "severity:major"] });

    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(sim.createdLabels.map((l) => l.name)).toEqual(["status:investigating"]);
    expect(sim.patches).toHaveLength(1);
    expect(sim.posted).toHaveLength(1);
  });

  it("keeps a severity label that was already on the issue", async () => {
    const sim = await SimIssue.open({ issue: { labels: ["severity:minor"] } });

    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(sim.patches).toHaveLength(1);
    expect(sim.patches[0]!["labels"]).toEqual([
      "severity:minor",
      "incident",
      "status:investigating",
    ]);
    expect(sim.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:minor"]);
    expect(sim.field("Severity")).toBe("minor");
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain(
      "### Incident declared: minor severity, [alice](https://github.com/alice) leads",
    );
    expect(sim.createdLabels).toEqual([]);
  });

  it.each([
    ["Critical", "critical"],
    ["SEV3 (limited impact)", "minor"],
    ["p4: no user impact", "trivial"],
  ])("keeps an issue-form Severity field %j", async (value, level) => {
    const form = `### What is broken?\n\nCheckout\n\n### Severity\n\n${value}\n\n### Anything else?\n\n_No response_`;
    const sim = await SimIssue.open({ issue: { body: form } });

    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(sim.patches).toHaveLength(1);
    expect(sim.patches[0]!["labels"]).toEqual([
      "incident",
      `severity:${level}`,
      "status:investigating",
    ]);
    expect(sim.field("Severity")).toBe(level);
    expect(userPart(sim.issue.body)).toBe(`${form}\n\n`);
    expect(sim.posted[0]).toContain(
      `### Incident declared: ${level} severity, [alice](https://github.com/alice) leads`,
    );
  });

  it("is not declared twice when the label is removed and added again (cancelled, then back; one checklist)", async () => {
    const sim = await SimIssue.open();
    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    // A person taking the label off cancels the incident (closed as not planned) ...
    await sim.deliver(await sim.removeLabel("bob", "incident", 4));
    expect(sim.issue.state).toBe("closed");
    expect(sim.issue.labels).toEqual(["severity:major", "status:cancelled"]);
    expect(sim.field("Status")).toBe("cancelled");

    // ... and putting it back brings it back to investigating, not a second declaration.
    await sim.deliver(await sim.addLabel("bob", "incident", 5));

    expect(sim.issue.state).toBe("open");
    expect(sim.issue.labels).toEqual(["severity:major", "incident", "status:investigating"]);
    expect(sim.recordTimeline.map((r) => r.split(" [↗]")[0])).toEqual([
      "| 2026-11-23 14:01 | Incident declared",
      "| 2026-11-23 14:04 | Cancelled: label incident removed by hand",
      "| 2026-11-23 14:05 | Label incident added again: back to investigating",
    ]);
    expect(sim.field("Declared")).toBe("2026-11-23 14:01 UTC by [alice](https://github.com/alice)");
    expect(sim.botComments).toHaveLength(1);
  });
});

describe("the incident label added by another app", () => {
  // Pins a fix (src/handlers/issue-change.ts, first line of onIssueChange): every `issues.*`
  // event whose sender is a bot is ignored, not only hereby's own. An alerting
  // integration or a workflow that opens or labels issues `incident` (sender
  // `some-app[bot]`) never gets the incident declared: no record, no severity/status
  // labels, no checklist, until a person happens to comment. README/SPEC: adding the
  // label declares; only "the app's own writes" are to be ignored (and declaring twice
  // is harmless: labels and comments are written only when missing).
  it("declares: record, severity and status labels, checklist", async () => {
    const sim = await SimIssue.open();
    await sim.deliver(await sim.addLabel("pager-alerts[bot]", "incident", 1));

    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.field("Severity")).toBe("major");
    expect(
      sim.botComments.filter((c) => c.includes("<!-- hereby:checklist declared -->")),
    ).toHaveLength(1);
  });
});

describe("declaring in a comment on an ordinary issue", () => {
  it.each([
    ["/declare"],
    ["/incident"],
    ["/Declare"],
    ["I hereby declare this an incident."],
    ["Checkout is failing for everyone.\ni HEREBY declare this an INCIDENT"],
  ])("%j makes it an incident led by the commenter", async (text) => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });

    const event = await sim.comment("bob", text, 3);
    const commentId = idOf(event);
    await sim.deliver(event);

    expectRequests(sim, [
      CONFIG_READS[0],
      ...ISSUE_READS(sim),
      "GET /repos/acme/shop/collaborators/bob/permission",
      CONFIG_READS[1],
      "GET /repos/acme/shop/labels?per_page=100",
      ...changeReads("14:03"),
      `PATCH ${sim.path}`,
      // The PATCH's answer is the read-back's issue.
      `GET ${sim.path}/timeline?per_page=100`,
      `POST ${sim.path}/comments`,
      // 👍 means applied: after the declaration is written.
      `POST /repos/acme/shop/issues/comments/${commentId}/reactions`,
    ]);
    expect(sim.reacted).toEqual([{ commentId, content: "+1" }]);
    expect(sim.patches).toHaveLength(1);
    expect(sim.patches[0]!["labels"]).toEqual([
      "bug",
      "incident",
      "severity:major",
      "status:investigating",
    ]);
    expect(sim.patches[0]!["assignees"]).toEqual(["bob"]);
    expect(userPart(sim.issue.body)).toBe(`${USER_BODY}\n\n`);
    expect(sim.field("Declared")).toBe("2026-11-23 14:03 UTC by [bob](https://github.com/bob)");
    expect(sim.field("Lead")).toBe("[bob](https://github.com/bob)");
    expect(sim.recordTimeline).toEqual([
      `| 2026-11-23 14:03 | Incident declared [↗](${sim.url}#issuecomment-${commentId}) | [bob](https://github.com/bob) |`,
    ]);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain("<!-- hereby:checklist declared -->");
    expect(sim.posted[0]).toContain(
      "### Incident declared: major severity, [bob](https://github.com/bob) leads",
    );
    expect(sim.createdLabels).toEqual([]);
  });

  it("applies the commands that follow /declare in the same comment", async () => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });

    await sim.deliver(
      await sim.comment(
        "bob",
        "/declare\n/severity critical\n/lead @carol\n/timeline 14:01 first alert",
        3,
      ),
    );

    expect(sim.patches).toHaveLength(1);
    expect(sim.patches[0]!["labels"]).toEqual([
      "bug",
      "incident",
      "severity:critical",
      "status:investigating",
    ]);
    expect(sim.patches[0]!["assignees"]).toEqual(["carol"]);
    expect(sim.field("Severity")).toBe("critical");
    expect(sim.field("Lead")).toBe("[carol](https://github.com/carol)");
    expect(sim.recordTimeline.map((r) => r.split(" [↗]")[0])).toEqual([
      "| 2026-11-23 14:01 | first alert",
      "| 2026-11-23 14:03 | Incident declared",
      "| 2026-11-23 14:03 | Severity set to critical",
      "| 2026-11-23 14:03 | Lead: @[carol](https://github.com/carol)",
    ]);
    // The checklist, and the offer to take the backdated first alert as the impact start.
    expect(sim.posted).toHaveLength(2);
    expect(sim.posted[0]).toContain(
      "### Incident declared: critical severity, [carol](https://github.com/carol) leads",
    );
    expect(sim.posted[1]).toContain("/started 2026-11-23T14:01Z");
  });

  it.each([
    ["a quote", "> I hereby declare this an incident"],
    ["inline code", "Say `I hereby declare this an incident` to declare one."],
    ["a fenced block", "```\n/declare\n```"],
  ])("does not declare from %s", async (_what, text) => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });

    await sim.deliver(await sim.comment("bob", text, 3));

    expect(sim.writes).toEqual([]);
    expect(sim.issue.labels).toEqual(["bug"]);
  });

  it("ignores commands other than /declare on an issue that is not an incident (reads, no writes)", async () => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });

    await sim.deliver(await sim.comment("bob", "/severity critical", 3));

    expect(sim.writes).toEqual([]);
    expect(sim.issue.body).toBe(USER_BODY);
    expect(sim.issue.body).not.toContain(START);
  });
});

describe("declaring with other identities around", () => {
  // Only hereby's own comments count as copies of its checklist.
  it("a person quoting the checklist marker doesn't make hereby delete its checklist (App)", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    await p.comment(
      "erin",
      n,
      "Last time the bot's comment began with `<!-- hereby:checklist declared -->`: is it down?",
    );
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAll(p);
    expect(
      botComments(p, n).filter((b) => b.includes("<!-- hereby:checklist declared -->")),
    ).toHaveLength(1);
  });

  // With a PAT, hereby's own `incident` label event must not look like a person declaring.
  it("the Action with a PAT names the declarer as lead in the checklist", async () => {
    const p = await start("timezone: UTC\n", { automation: "admin" });
    const bot = p.as("automation");
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    const checklist = botComments(p, n, "automation").filter((b) => b.includes("hereby:checklist"));
    expect(checklist).toHaveLength(1);
    expect(checklist[0]).toContain("[bob](https://github.com/bob) leads");
  });

  // README: a person then takes the lead with /lead me.
  it("the Action's checklist agrees with the record when an alerting app declares", async () => {
    const p = await start("timezone: UTC\n", { "pagerduty[bot]": "write" });
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p
      .as("pagerduty[bot]")
      .rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await deliverAsAction(p, p.bot);
    expect(field(p, n, "Lead")).toBe("—");
    const checklist = botComments(p, n).filter((b) => b.includes("hereby:checklist"));
    expect(checklist).toHaveLength(1);
    expect(checklist[0]).not.toContain("[alice](https://github.com/alice) leads");
  });
});

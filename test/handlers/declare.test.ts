// Declaring an incident through the Probot app: the `incident` label, `/declare`,
// `/incident` and the phrase, with the exact writes a user sees.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { allLabelSpecs } from "../../src/core/labels.js";
import {
  deliver,
  expectRequests,
  END,
  FakeGitHub,
  nock,
  START,
  USER_BODY,
  userPart,
  probot,
  useProbot,
} from "./support.js";

useProbot();

/** Every label hereby uses, already in the repository. */
const EVERY_LABEL = allLabelSpecs(defaultConfig).map((l) => l.name);
const CONFIG_READS = ["GET /repos/acme/shop/contents/.github%2Fhereby.yml", "GET /repos/acme/.github/contents/.github%2Fhereby.yml"] as const;
const ISSUE_READS = ["GET /repos/acme/shop/issues/7", "GET /repos/acme/shop/issues/7/timeline?per_page=100"] as const;

describe("the incident label added by a person", () => {
  it("adds major and investigating, assigns the declarer, writes the record, posts one checklist and creates the missing labels", async () => {
    const fake = new FakeGitHub({ repoLabels: ["bug"] }).install();

    await deliver(probot, fake.addLabel("alice", "incident", 1));

    // Reads, the two labels the incident wears (so they get colour and description
    // before the PATCH gives them), one PATCH, the read-back, the checklist, the rest.
    expectRequests(fake, [
      "POST /app/installations/2/access_tokens",
      CONFIG_READS[0],
      CONFIG_READS[1],
      "GET /repos/acme/shop/labels?per_page=100",
      ...ISSUE_READS,
      "POST /repos/acme/shop/labels",
      "POST /repos/acme/shop/labels",
      // the checklist is hereby's first write on the issue
      "POST /repos/acme/shop/issues/7/comments",
      "PATCH /repos/acme/shop/issues/7",
      ...ISSUE_READS,
      ...Array(10).fill("POST /repos/acme/shop/labels"),
    ]);

    expect(fake.createdLabels).toEqual([
      { name: "severity:major", color: "d93f0b", description: "Major: significant degradation for many users" },
      { name: "status:investigating", color: "e99695", description: "Incident: looking for the cause" },
      { name: "severity:critical", color: "b60205", description: "Critical: customer-facing outage or data loss" },
      { name: "severity:minor", color: "fbca04", description: "Minor: limited impact, workaround exists" },
      { name: "severity:trivial", color: "c2e0c6", description: "Trivial: no user impact" },
      { name: "status:identified", color: "f9d0c4", description: "Incident: cause known, fix under way" },
      { name: "status:monitoring", color: "fef2c0", description: "Incident: fix applied, watching" },
      { name: "status:resolved", color: "c2e0c6", description: "Incident: resolved, follow-up open" },
      { name: "status:complete", color: "0e8a16", description: "Incident: every follow-up done" },
      { name: "status:cancelled", color: "d4c5f9", description: "Incident: declared in error, cancelled" },
      { name: "incident-action", color: "1d76db", description: "An action item of an incident (hereby)" },
      { name: "incident-review", color: "5319e7", description: "A recurring review of an incident (hereby)" },
    ]);
    // Nothing was created grey by the PATCH first.
    expect(fake.repoLabels.find((l) => l.name === "severity:major")?.color).toBe("d93f0b");

    expect(fake.patches).toHaveLength(1);
    const patch = fake.patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(["assignees", "body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(patch["assignees"]).toEqual(["alice"]);
    const body = patch["body"] as string;
    expect(userPart(body)).toBe(`${USER_BODY}\n\n`);
    expect(body.startsWith(USER_BODY)).toBe(true);
    expect(body.endsWith(END)).toBe(true);

    expect(fake.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(fake.issue.assignees).toEqual(["alice"]);
    expect(fake.issue.state).toBe("open");
    expect(fake.field("Severity")).toBe("major");
    expect(fake.field("Status")).toBe("investigating");
    expect(fake.field("Lead")).toBe("[alice](https://github.com/alice)");
    expect(fake.field("Declared")).toBe("2026-11-23 14:01 UTC by [alice](https://github.com/alice)");
    expect(fake.field("Resolved")).toBe("—");
    expect(fake.field("Communications")).toBe("—");
    expect(fake.recordTimeline).toEqual([
      "| 2026-11-23 14:01 | Incident declared [↗](https://github.com/acme/shop/issues/7) | [alice](https://github.com/alice) |",
    ]);

    expect(fake.posted).toHaveLength(1);
    const checklist = fake.posted[0]!;
    expect(checklist.split("\n")[0]).toBe("<!-- hereby:checklist declared -->");
    expect(checklist).toContain("### Incident declared: major severity, [alice](https://github.com/alice) leads");
    expect(checklist).toContain("- [ ] Confirm the severity: `/severity <critical|major|minor|trivial>`");
    for (const role of ["comms", "ops", "planning", "scribe"]) expect(checklist).toContain(`\`/role ${role} @someone\``);
    expect(checklist).toContain("- [ ] Tell the people who need to know");
    expect(checklist).toContain("- [ ] Talk in one place:");
    expect(fake.reacted).toEqual([]);
  });

  it("creates only the labels the repository lacks", async () => {
    const fake = new FakeGitHub({
      repoLabels: ["incident", "severity:critical", "severity:major", "severity:minor", "severity:trivial", "status:investigating"],
    }).install();

    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(fake.createdLabels.map((l) => l.name)).toEqual([
      "status:identified",
      "status:monitoring",
      "status:resolved",
      "status:complete",
      "status:cancelled",
      "incident-action",
      "incident-review",
    ]);
    expect(fake.patches).toHaveLength(1);
    expect(fake.posted).toHaveLength(1);
  });

  it("keeps a severity label that was already on the issue", async () => {
    const fake = new FakeGitHub({ repoLabels: EVERY_LABEL, issue: { labels: ["severity:minor"] } }).install();

    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(fake.patches).toHaveLength(1);
    expect(fake.patches[0]!["labels"]).toEqual(["severity:minor", "incident", "status:investigating"]);
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:minor"]);
    expect(fake.field("Severity")).toBe("minor");
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toContain("### Incident declared: minor severity, [alice](https://github.com/alice) leads");
    expect(fake.createdLabels).toEqual([]);
  });

  it.each([
    ["Critical", "critical"],
    ["SEV3 (limited impact)", "minor"],
    ["p4: no user impact", "trivial"],
  ])("keeps an issue-form Severity field %j", async (value, level) => {
    const form = `### What is broken?\n\nCheckout\n\n### Severity\n\n${value}\n\n### Anything else?\n\n_No response_`;
    const fake = new FakeGitHub({ issue: { body: form } }).install();

    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(fake.patches).toHaveLength(1);
    expect(fake.patches[0]!["labels"]).toEqual(["incident", `severity:${level}`, "status:investigating"]);
    expect(fake.field("Severity")).toBe(level);
    expect(userPart(fake.issue.body)).toBe(`${form}\n\n`);
    expect(fake.posted[0]).toContain(`### Incident declared: ${level} severity, [alice](https://github.com/alice) leads`);
  });

  it("is not declared twice when the label is added again (no second checklist, no write)", async () => {
    const fake = new FakeGitHub().install();
    await deliver(probot, fake.addLabel("alice", "incident", 1));
    fake.resetLog();
    const before = fake.issue.body;

    // Someone removes the label and adds it back: the issue already holds the incident.
    await deliver(probot, fake.addLabel("bob", "incident", 5));

    expect(fake.writes).toEqual([]);
    expect(fake.issue.body).toBe(before);
    expect(fake.botComments).toHaveLength(1);
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
    const fake = new FakeGitHub().install();
    await deliver(probot, fake.addLabel("pager-alerts[bot]", "incident", 1));

    expect(fake.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(fake.field("Severity")).toBe("major");
    expect(fake.botComments.filter((c) => c.includes("<!-- hereby:checklist declared -->"))).toHaveLength(1);
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
    const fake = new FakeGitHub({ repoLabels: EVERY_LABEL, issue: { labels: ["bug"] } }).install();

    const event = fake.comment("bob", text, 3);
    const commentId = (event.payload["comment"] as { id: number }).id;
    await deliver(probot, event);

    expectRequests(fake, [
      "POST /app/installations/2/access_tokens",
      CONFIG_READS[0],
      ...ISSUE_READS,
      "GET /repos/acme/shop/collaborators/bob/permission",
      CONFIG_READS[1],
      "GET /repos/acme/shop/labels?per_page=100",
      "POST /repos/acme/shop/issues/7/comments",
      "PATCH /repos/acme/shop/issues/7",
      ...ISSUE_READS,
      // 👍 means applied: after the declaration is written.
      `POST /repos/acme/shop/issues/comments/${commentId}/reactions`,
    ]);
    expect(fake.reacted).toEqual([{ commentId, content: "+1" }]);
    expect(fake.patches).toHaveLength(1);
    expect(fake.patches[0]!["labels"]).toEqual(["bug", "incident", "severity:major", "status:investigating"]);
    expect(fake.patches[0]!["assignees"]).toEqual(["bob"]);
    expect(userPart(fake.issue.body)).toBe(`${USER_BODY}\n\n`);
    expect(fake.field("Declared")).toBe("2026-11-23 14:03 UTC by [bob](https://github.com/bob)");
    expect(fake.field("Lead")).toBe("[bob](https://github.com/bob)");
    expect(fake.recordTimeline).toEqual([
      `| 2026-11-23 14:03 | Incident declared [↗](https://github.com/acme/shop/issues/7#issuecomment-${commentId}) | [bob](https://github.com/bob) |`,
    ]);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toContain("<!-- hereby:checklist declared -->");
    expect(fake.posted[0]).toContain("### Incident declared: major severity, [bob](https://github.com/bob) leads");
    expect(fake.createdLabels).toEqual([]);
  });

  it("applies the commands that follow /declare in the same comment", async () => {
    const fake = new FakeGitHub({ issue: { labels: ["bug"] } }).install();

    await deliver(probot, fake.comment("bob", "/declare\n/severity critical\n/lead @carol\n/timeline 14:01 first alert", 3));

    expect(fake.patches).toHaveLength(1);
    expect(fake.patches[0]!["labels"]).toEqual(["bug", "incident", "severity:critical", "status:investigating"]);
    expect(fake.patches[0]!["assignees"]).toEqual(["carol"]);
    expect(fake.field("Severity")).toBe("critical");
    expect(fake.field("Lead")).toBe("[carol](https://github.com/carol)");
    expect(fake.recordTimeline.map((r) => r.split(" [↗]")[0])).toEqual([
      "| 2026-11-23 14:01 | first alert",
      "| 2026-11-23 14:03 | Incident declared",
      "| 2026-11-23 14:03 | Severity set to critical",
      "| 2026-11-23 14:03 | Lead: @[carol](https://github.com/carol)",
    ]);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toContain("### Incident declared: critical severity, [carol](https://github.com/carol) leads");
  });

  it.each([
    ["a quote", "> I hereby declare this an incident"],
    ["inline code", "Say `I hereby declare this an incident` to declare one."],
    ["a fenced block", "```\n/declare\n```"],
  ])("does not declare from %s", async (_what, text) => {
    const fake = new FakeGitHub({ issue: { labels: ["bug"] } }).install();

    await deliver(probot, fake.comment("bob", text, 3));

    expect(fake.writes).toEqual([]);
    expect(fake.issue.labels).toEqual(["bug"]);
  });

  it("ignores commands other than /declare on an issue that is not an incident (reads, no writes)", async () => {
    const fake = new FakeGitHub({ issue: { labels: ["bug"] } }).install();

    await deliver(probot, fake.comment("bob", "/severity critical", 3));

    expect(fake.writes).toEqual([]);
    expect(fake.issue.body).toBe(USER_BODY);
    expect(fake.issue.body).not.toContain(START);
  });
});

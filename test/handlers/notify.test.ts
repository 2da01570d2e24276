// Severities with `notify` handles: one comment mentioning them when an incident is
// declared at, or raised to, that level; none when it is lowered.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import {
  declaredIncident,
  deliver,
  expectRequests,
  FakeGitHub,
  liveMentions,
  nock,
  type WebhookEvent,
  probot,
  useProbot,
  idOf,
} from "./support.js";

const CONFIG = `severities:
  - name: critical
    aliases: [sev1, p1]
    color: b60205
    notify: ["@acme/oncall"]
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
`;

/** Both critical and major notify. */
const CONFIG_TWO = CONFIG.replace("- { name: major, aliases: [sev2, p2] }", '- { name: major, aliases: [sev2, p2], notify: ["@acme/leads"] }');

useProbot();

const notices = (fake: FakeGitHub) => fake.botComments.filter((c) => c.includes("<!-- hereby:notify "));

function expectNotice(comment: string | undefined, key: string, text: string): void {
  expect(comment?.split("\n")).toEqual([`<!-- hereby:notify ${key} -->`, text]);
  expect(liveMentions(comment ?? "")).toEqual(text.match(/@acme\/[a-z]+/g));
}

describe("declared at a severity with notify", () => {
  it("an existing severity:critical label: one notify comment after the checklist", async () => {
    const fake = new FakeGitHub({ config: CONFIG, issue: { labels: ["severity:critical"] } }).install();
    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(fake.posted).toHaveLength(2);
    expect(fake.posted[0]).toContain("<!-- hereby:checklist declared -->");
    expect(fake.posted[0]).toContain("### Incident declared: critical severity, [alice](https://github.com/alice) leads");
    expectNotice(fake.posted[1], "declared", "@acme/oncall: this incident was declared at **critical** severity.");
    expect(fake.patches).toHaveLength(1);
  });

  it("an issue-form Severity field", async () => {
    const fake = new FakeGitHub({ config: CONFIG, issue: { body: "### Severity\n\nSEV1\n" } }).install();
    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(notices(fake)).toHaveLength(1);
    expectNotice(notices(fake)[0], "declared", "@acme/oncall: this incident was declared at **critical** severity.");
  });

  it("/declare with /severity critical in the same comment", async () => {
    const fake = new FakeGitHub({ config: CONFIG, issue: { labels: ["bug"] } }).install();
    await deliver(probot, fake.comment("bob", "/declare\n/severity p1", 3));

    expect(fake.posted).toHaveLength(2);
    expectNotice(fake.posted[1], "declared", "@acme/oncall: this incident was declared at **critical** severity.");
  });

  it("declared at the default (major, no notify): only the checklist", async () => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expect(fake.posted).toHaveLength(1);
    expect(notices(fake)).toEqual([]);
  });
});

describe("raised to a severity with notify", () => {
  it.each(["critical", "sev1", "P1"])("by /severity %s: one notify comment", async (word) => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await declaredIncident(probot, fake);
    const event = fake.comment("bob", `/severity ${word}`, 10);
    await deliver(probot, event);

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/shop/collaborators/bob/permission",
      "PATCH /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "POST /repos/acme/shop/issues/7/comments",
      `POST /repos/acme/shop/issues/comments/${idOf(event)}/reactions`,
    ]);
    expect(fake.posted).toHaveLength(1);
    expectNotice(fake.posted[0], `raised-${idOf(event)}`, "@acme/oncall: this incident was raised to **critical** severity.");
  });

  it("by a severity label added by hand: one notify comment", async () => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await declaredIncident(probot, fake);
    await deliver(probot, fake.addLabel("carol", "severity:critical", 10));

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "PATCH /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "POST /repos/acme/shop/issues/7/comments",
    ]);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toMatch(/^<!-- hereby:notify raised-event-\d+ -->\n/);
    expect(fake.posted[0]!.split("\n")[1]).toBe("@acme/oncall: this incident was raised to **critical** severity.");
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:critical"]);
  });

  it("raised twice (critical, down, critical again): a notify comment each time", async () => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await declaredIncident(probot, fake);
    await deliver(probot, fake.comment("bob", "/severity critical", 10));
    await deliver(probot, fake.comment("bob", "/severity minor", 11));
    await deliver(probot, fake.comment("bob", "/severity critical", 12));

    expect(notices(fake)).toHaveLength(2);
  });
});

describe("lowered: no notify", () => {
  async function atCritical(config = CONFIG): Promise<FakeGitHub> {
    const fake = new FakeGitHub({ config, issue: { labels: ["severity:critical"] } }).install();
    await declaredIncident(probot, fake);
    expect(notices(fake)).toHaveLength(1);
    fake.resetLog();
    return fake;
  }

  it.each(["minor", "sev2"])("by /severity %s", async (word) => {
    const fake = await atCritical();
    await deliver(probot, fake.comment("bob", `/severity ${word}`, 10));

    expect(fake.patches).toHaveLength(1);
    expect(fake.posted).toEqual([]);
  });

  it("by a lower severity label added by hand", async () => {
    const fake = await atCritical();
    await deliver(probot, fake.addLabel("carol", "severity:minor", 10));

    expect(fake.patches).toHaveLength(1);
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:minor"]);
    expect(fake.posted).toEqual([]);
  });

  it("to a level that notifies too, by /severity: no 'raised to' comment", async () => {
    const fake = await atCritical(CONFIG_TWO);
    await deliver(probot, fake.comment("bob", "/severity major", 10));

    expect(fake.posted).toEqual([]);
  });

  // Pins a fix (src/handlers/issue-change.ts, `previous`): the severity before a hand change is
  // taken from the labels now minus the added one. When a person swaps the label in the
  // UI (critical removed, major added), the old label is already gone, `previous` is
  // null (rank +∞) and the lowering is announced as "raised to major".
  it("to a level that notifies too, by swapping the label in the UI: no 'raised to' comment", async () => {
    const fake = await atCritical(CONFIG_TWO);
    await deliver(probot, fake.removeLabel("carol", "severity:critical", 10));
    await deliver(probot, fake.addLabel("carol", "severity:major", 10));

    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:major"]);
    expect(fake.field("Severity")).toBe("major");
    expect(fake.posted).toEqual([]);
  });
});

describe("notify when handlers run out of order or at once", () => {
  it("a /severity critical applied first by a later comment's handler notifies once", async () => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await declaredIncident(probot, fake);
    const raise = fake.comment("bob", "/severity critical", 10);
    const note = fake.comment("carol", "/timeline paged the database team", 10);
    // GitHub delivers both; the second one's handler happens to run first and applies
    // both comments, but the raise isn't its own: the raising comment's handler notifies.
    await deliver(probot, note);
    expect(fake.issue.labels).toContain("severity:critical");
    expect(notices(fake)).toHaveLength(0);
    await deliver(probot, raise);

    expect(notices(fake)).toHaveLength(1);
    expect(notices(fake)[0]).toContain(`<!-- hereby:notify raised-${idOf(raise)} -->`);
  });

  it("hardening 4: a raise whose handler runs after a later /severity minor still notifies once", async () => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await declaredIncident(probot, fake);
    const raise = fake.comment("bob", "/severity critical", 10);
    const lower = fake.comment("carol", "/severity minor", 11);
    // The lowering comment's handler runs first and applies both: the incident ends at
    // minor, but it was critical for a while, and on-call must hear of it.
    await deliver(probot, lower);
    await deliver(probot, raise);

    expect(fake.issue.labels).toContain("severity:minor");
    expect(notices(fake)).toHaveLength(1);
    expect(notices(fake)[0]).toContain(`<!-- hereby:notify raised-${idOf(raise)} -->`);
  });

  // Pins a fix (src/handlers/comment.ts, the `severityBefore` / `raised-${commentId}` notify):
  // whether a comment raised the severity is judged from the labels its handler read, and
  // the notice is keyed on the handled comment, not on the command that raised it. Two
  // comments handled at the same time (GitHub delivers webhooks concurrently; two app
  // replicas) both read "major", both see "critical" after converging, and each posts
  // its own notice: the on-call team is paged twice ("one comment" in README/SPEC).
  it("two comments handled at the same time: still one notify comment", async () => {
    const fake = new FakeGitHub({ config: CONFIG }).install();
    await declaredIncident(probot, fake);
    const raise = fake.comment("bob", "/severity critical", 10);
    const note = fake.comment("carol", "/timeline paged the database team", 10);
    await Promise.all([deliver(probot, raise), deliver(probot, note)]);

    expect(fake.issue.labels).toContain("severity:critical");
    expect(notices(fake)).toHaveLength(1);
  });
});

// Severities with `notify` handles: one comment mentioning them when an incident is
// declared at, or raised to, that level; none when it is lowered.
import { describe, expect, it } from "vitest";
import { useSimulator, liveMentions } from "../support/simulated.js";
import { SimIssue, expectRequests, idOf } from "../support/sim-issue.js";

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
const CONFIG_TWO = CONFIG.replace(
  "- { name: major, aliases: [sev2, p2] }",
  '- { name: major, aliases: [sev2, p2], notify: ["@acme/leads"] }',
);

useSimulator();

const notices = (sim: SimIssue) =>
  sim.botComments.filter((c: string) => c.includes("<!-- hereby:notify "));

function expectNotice(comment: string | undefined, key: string, text: string): void {
  expect(comment?.split("\n")).toEqual([`<!-- hereby:notify ${key} -->`, text]);
  expect(liveMentions(comment ?? "")).toEqual(text.match(/@acme\/[a-z]+/g));
}

describe("declared at a severity with notify", () => {
  it("an existing severity:critical label: one notify comment after the checklist", async () => {
    const sim = await SimIssue.open({ config: CONFIG, issue: { labels: ["severity:critical"] } });
    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(sim.posted).toHaveLength(2);
    expect(sim.posted[0]).toContain("<!-- hereby:checklist declared -->");
    expect(sim.posted[0]).toContain(
      "### Incident declared: critical severity, [alice](https://github.com/alice) leads",
    );
    expectNotice(
      sim.posted[1],
      "declared",
      "@acme/oncall: this incident was declared at **critical** severity.",
    );
    expect(sim.patches).toHaveLength(1);
  });

  it("an issue-form Severity field", async () => {
    const sim = await SimIssue.open({ config: CONFIG, issue: { body: "### Severity\n\nSEV1\n" } });
    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(notices(sim)).toHaveLength(1);
    expectNotice(
      notices(sim)[0],
      "declared",
      "@acme/oncall: this incident was declared at **critical** severity.",
    );
  });

  it("/declare with /severity critical in the same comment", async () => {
    const sim = await SimIssue.open({ config: CONFIG, issue: { labels: ["bug"] } });
    await sim.deliver(await sim.comment("bob", "/declare\n/severity p1", 3));

    expect(sim.posted).toHaveLength(2);
    expectNotice(
      sim.posted[1],
      "declared",
      "@acme/oncall: this incident was declared at **critical** severity.",
    );
  });

  it("declared at the default (major, no notify): only the checklist", async () => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expect(sim.posted).toHaveLength(1);
    expect(notices(sim)).toEqual([]);
  });
});

describe("raised to a severity with notify", () => {
  it.each(["critical", "sev1", "P1"])("by /severity %s: one notify comment", async (word) => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.declare();
    const event = await sim.comment("bob", `/severity ${word}`, 10);
    await sim.deliver(event);

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/shop/collaborators/bob/permission",
      `PATCH ${sim.path}`,
      `POST /repos/acme/shop/issues/comments/${idOf(event)}/reactions`,
      `GET ${sim.path}/timeline?per_page=100`,
      `POST ${sim.path}/comments`,
    ]);
    expect(sim.posted).toHaveLength(1);
    expectNotice(
      sim.posted[0],
      `raised-${idOf(event)}`,
      "@acme/oncall: this incident was raised to **critical** severity.",
    );
  });

  it("by a severity label added by hand: one notify comment", async () => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.declare();
    await sim.deliver(await sim.addLabel("carol", "severity:critical", 10));

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      `PATCH ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      `POST ${sim.path}/comments`,
    ]);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toMatch(/^<!-- hereby:notify raised-event-\d+ -->\n/);
    expect(sim.posted[0]!.split("\n")[1]).toBe(
      "@acme/oncall: this incident was raised to **critical** severity.",
    );
    expect(sim.issue.labels.filter((l: string) => l.startsWith("severity:"))).toEqual([
      "severity:critical",
    ]);
  });

  it("raised twice (critical, down, critical again): a notify comment each time", async () => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.declare();
    await sim.deliver(await sim.comment("bob", "/severity critical", 10));
    await sim.deliver(await sim.comment("bob", "/severity minor", 11));
    await sim.deliver(await sim.comment("bob", "/severity critical", 12));

    expect(notices(sim)).toHaveLength(2);
  });
});

describe("lowered: no notify", () => {
  async function atCritical(config = CONFIG): Promise<SimIssue> {
    const sim = await SimIssue.open({ config, issue: { labels: ["severity:critical"] } });
    await sim.declare();
    expect(notices(sim)).toHaveLength(1);
    sim.resetLog();
    return sim;
  }

  it.each(["minor", "sev2"])("by /severity %s", async (word) => {
    const sim = await atCritical();
    await sim.deliver(await sim.comment("bob", `/severity ${word}`, 10));

    expect(sim.patches).toHaveLength(1);
    expect(sim.posted).toEqual([]);
  });

  it("by a lower severity label added by hand", async () => {
    const sim = await atCritical();
    await sim.deliver(await sim.addLabel("carol", "severity:minor", 10));

    expect(sim.patches).toHaveLength(1);
    expect(sim.issue.labels.filter((l: string) => l.startsWith("severity:"))).toEqual([
      "severity:minor",
    ]);
    expect(sim.posted).toEqual([]);
  });

  it("to a level that notifies too, by /severity: no 'raised to' comment", async () => {
    const sim = await atCritical(CONFIG_TWO);
    await sim.deliver(await sim.comment("bob", "/severity major", 10));

    expect(sim.posted).toEqual([]);
  });

  // Pins a fix (src/handlers/issue-change.ts, `previous`): the severity before a hand change is
  // taken from the labels now minus the added one. When a person swaps the label in the
  // UI (critical removed, major added), the old label is already gone, `previous` is
  // null (rank +∞) and the lowering is announced as "raised to major".
  it("to a level that notifies too, by swapping the label in the UI: no 'raised to' comment", async () => {
    const sim = await atCritical(CONFIG_TWO);
    await sim.deliver(await sim.removeLabel("carol", "severity:critical", 10));
    await sim.deliver(await sim.addLabel("carol", "severity:major", 10));

    expect(sim.issue.labels.filter((l: string) => l.startsWith("severity:"))).toEqual([
      "severity:major",
    ]);
    expect(sim.field("Severity")).toBe("major");
    expect(sim.posted).toEqual([]);
  });
});

describe("notify when handlers run out of order or at once", () => {
  it("a /severity critical applied first by a later comment's handler notifies once", async () => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.declare();
    const raise = await sim.comment("bob", "/severity critical", 10);
    const note = await sim.comment("carol", "/timeline paged the database team", 10);
    // GitHub delivers both; the second one's handler happens to run first and applies
    // both comments, but the raise isn't its own: the raising comment's handler notifies.
    await sim.deliver(note);
    expect(sim.issue.labels).toContain("severity:critical");
    expect(notices(sim)).toHaveLength(0);
    await sim.deliver(raise);

    expect(notices(sim)).toHaveLength(1);
    expect(notices(sim)[0]).toContain(`<!-- hereby:notify raised-${idOf(raise)} -->`);
  });

  it("a raise whose handler runs after a later /severity minor still notifies once", async () => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.declare();
    const raise = await sim.comment("bob", "/severity critical", 10);
    const lower = await sim.comment("carol", "/severity minor", 11);
    // The lowering comment's handler runs first and applies both: the incident ends at
    // minor, but it was critical for a while, and on-call must hear of it.
    await sim.deliver(lower);
    await sim.deliver(raise);

    expect(sim.issue.labels).toContain("severity:minor");
    expect(notices(sim)).toHaveLength(1);
    expect(notices(sim)[0]).toContain(`<!-- hereby:notify raised-${idOf(raise)} -->`);
  });

  // Pins a fix (src/handlers/comment.ts, the `severityBefore` / `raised-${commentId}` notify):
  // whether a comment raised the severity is judged from the labels its handler read, and
  // the notice is keyed on the handled comment, not on the command that raised it. Two
  // comments handled at the same time (GitHub delivers webhooks concurrently; two app
  // replicas) both read "major", both see "critical" after converging, and each posts
  // its own notice: the on-call team is paged twice ("one comment" in README/SPEC).
  it("two comments handled at the same time: still one notify comment", async () => {
    const sim = await SimIssue.open({ config: CONFIG });
    await sim.declare();
    const raise = await sim.comment("bob", "/severity critical", 10);
    const note = await sim.comment("carol", "/timeline paged the database team", 10);
    await Promise.all([sim.deliver(raise), sim.deliver(note)]);

    expect(sim.issue.labels).toContain("severity:critical");
    expect(notices(sim)).toHaveLength(1);
  });
});

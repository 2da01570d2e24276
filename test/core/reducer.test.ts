import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../src/config.js";
import { textHash } from "../../src/core/markers.js";
import { reduceIncident } from "../../src/core/reducer.js";
import fc from "fast-check";
import { at, comment, event, issue, snapshot } from "../support/builders.js";

const config = defaultConfig;

describe("reduceIncident", () => {
  it("declares from the incident label event, with the default severity and investigating", () => {
    const incident = reduceIncident(snapshot(), config);
    expect(incident).toMatchObject({
      declaredAt: at(0),
      declaredBy: "alice",
      severity: "major",
      status: "investigating",
      lead: "alice",
    });
    expect(incident.timeline.map((e) => e.text)).toEqual(["Incident declared"]);
  });

  it.each([
    ["/declare", true],
    ["/incident", true],
    ["Honestly, I HEREBY declare this an\nincident.", true],
    ["```\nI hereby declare this an incident\n```", false],
    ["we might need to declare", false],
  ])("a comment %j declares: %s", (body, declares) => {
    const incident = reduceIncident(
      snapshot({ issue: issue({ labels: [] }), events: [], comments: [comment("bob", body, 3)] }),
      config,
    );
    expect(incident.declaredBy).toBe(declares ? "bob" : null);
  });

  it.each([
    ["/severity critical", { severity: "critical" }],
    ["/sev P1", { severity: "critical" }],
    ["/status identified bad deploy", { status: "identified" }],
    ["/summary Checkout returns 502", { summary: "Checkout returns 502" }],
    ["/lead @carol", { lead: "carol", formerLeads: ["alice"] }],
    ["/lead me", { lead: "bob" }],
    ["/role comms @dave", { roles: { comms: ["dave"] } }],
    ["/resolve rolled back", { status: "resolved", resolvedAt: at(5), wantOpen: false }],
  ])("applies %j", (body, expected) => {
    const incident = reduceIncident(snapshot({ comments: [comment("bob", body, 5)] }), config);
    expect(incident).toMatchObject(expected);
  });

  it("places /timeline entries at their given time, sorted", () => {
    const incident = reduceIncident(
      snapshot({
        comments: [
          comment("bob", "/timeline 14:20 alerts fired", 30),
          comment("bob", "/timeline rollback started", 31),
        ],
      }),
      config,
    );
    expect(incident.timeline.map((e) => [e.at, e.text])).toEqual([
      [at(0), "Incident declared"],
      [at(20), "alerts fired"],
      [at(31), "rollback started"],
    ]);
  });

  it("counts a command posted in the same second the issue was labelled", () => {
    // Comment ids are smaller than event ids here, as they can be on GitHub.
    const incident = reduceIncident(
      snapshot({
        events: [event("labeled", "alice", 0, { label: "incident", id: 900_000 })],
        comments: [comment("bob", "/timeline rollback started", 0, { id: 10 })],
      }),
      config,
    );
    expect(incident.timeline.map((e) => e.text)).toEqual(["Incident declared", "rollback started"]);
  });

  it("keeps the declaring comment's author as declarer when hereby's label lands in the same second", () => {
    const incident = reduceIncident(
      snapshot({
        issue: issue({ labels: ["incident"] }),
        events: [event("labeled", "hereby[bot]", 2, { label: "incident", id: 900_001 })],
        comments: [comment("bob", "I hereby declare this an incident", 2, { id: 11 })],
      }),
      config,
      { self: "hereby[bot]" },
    );
    expect(incident).toMatchObject({ declaredBy: "bob", lead: "bob" });
  });

  it("lets another app declare, but not lead", () => {
    const incident = reduceIncident(
      snapshot({ events: [event("labeled", "pager-alerts[bot]", 0, { label: "incident" })] }),
      config,
      { self: "hereby[bot]" },
    );
    expect(incident).toMatchObject({
      declaredBy: "pager-alerts[bot]",
      lead: null,
      severity: "major",
    });
  });

  it("takes back only the assignments hereby made when the lead changes", () => {
    const incident = reduceIncident(
      snapshot({
        events: [
          event("labeled", "alice", 0, { label: "incident" }),
          event("assigned", "hereby[bot]", 1, { assignee: "alice" }),
          event("assigned", "hereby[bot]", 6, { assignee: "carol" }),
          event("assigned", "zoe", 7, { assignee: "zoe" }),
          event("assigned", "bob", 8, { assignee: "carol" }),
        ],
        // The `/lead @carol` comment was edited away: alice leads again.
        comments: [],
      }),
      config,
      { self: "hereby[bot]" },
    );
    // alice leads; carol was re-assigned by bob by hand, zoe by herself: both stay.
    expect(incident.lead).toBe("alice");
    expect(incident.formerLeads).toEqual([]);
    const edited = reduceIncident(
      snapshot({
        events: [
          event("labeled", "alice", 0, { label: "incident" }),
          event("assigned", "hereby[bot]", 1, { assignee: "alice" }),
          event("assigned", "hereby[bot]", 6, { assignee: "carol" }),
        ],
      }),
      config,
      { self: "hereby[bot]" },
    );
    expect(edited.formerLeads).toEqual(["carol"]);
  });

  it("applies a comment whole or not at all", () => {
    const incident = reduceIncident(
      snapshot({ comments: [comment("bob", "/severity critical\n/severity sev9", 5)] }),
      config,
    );
    expect(incident.severity).toBe("major");
    expect(incident.commandCommentIds).toEqual([]);
  });

  it("ignores commands from bots and comments the bot refused", () => {
    const refused = comment("mallory", "/severity trivial", 5);
    const incident = reduceIncident(
      snapshot({
        comments: [
          comment("other[bot]", "/severity critical", 4),
          refused,
          comment(
            "hereby[bot]",
            `<!-- hereby:refused ${refused.id}@${textHash(refused.body)} -->\nSorry`,
            6,
          ),
        ],
      }),
      config,
    );
    expect(incident.severity).toBe("major");
  });

  it("records changes by hand and ignores the bot's own label events", () => {
    const incident = reduceIncident(
      snapshot({
        events: [
          event("labeled", "alice", 0, { label: "incident" }),
          event("labeled", "hereby[bot]", 1, { label: "severity:major" }),
          event("labeled", "carol", 10, { label: "severity:critical" }),
          event("closed", "carol", 20),
          event("reopened", "dave", 25),
        ],
      }),
      config,
      { self: "hereby[bot]" },
    );
    expect(incident.timeline.map((e) => `${e.by}: ${e.text}`)).toEqual([
      "alice: Incident declared",
      "carol: Severity set to critical (label changed by hand)",
      "carol: Resolved: issue closed",
      "dave: Reopened: back to investigating",
    ]);
    expect(incident).toMatchObject({
      severity: "critical",
      status: "investigating",
      resolvedAt: null,
      wantOpen: true,
    });
  });

  it("lets the latest command or hand change win", () => {
    const incident = reduceIncident(
      snapshot({
        comments: [comment("bob", "/severity critical", 5)],
        events: [
          event("labeled", "alice", 0, { label: "incident" }),
          event("labeled", "carol", 9, { label: "severity:minor" }),
        ],
      }),
      config,
    );
    expect(incident.severity).toBe("minor");
  });

  it("redacts secrets from entries and the summary", () => {
    const token = `ghp_${"A1b2".repeat(9)}`;
    const incident = reduceIncident(
      snapshot({
        comments: [comment("bob", `/timeline leaked ${token}\n/summary key ${token}`, 5)],
      }),
      config,
    );
    expect(JSON.stringify(incident)).not.toContain(token);
    expect(incident.redacted).toBe(true);
  });

  it("takes the severity from an issue form when no label says otherwise", () => {
    const incident = reduceIncident(
      snapshot({
        issue: issue({ body: "### Severity\n\nSEV1 (critical)\n\n### What happened\n\nx" }),
      }),
      config,
    );
    expect(incident.severity).toBe("critical");
  });

  it("makes the issue form's start time the first timeline entry, by the issue's author", () => {
    const body =
      "### Severity\n\ncritical\n\n### What is broken?\n\nCheckout\n\n### When did it start?\n\n2026-03-01T08:45Z";
    const incident = reduceIncident(
      snapshot({ issue: issue({ body }), comments: [comment("bob", "/timeline rolled back", 4)] }),
      config,
    );
    expect(incident.severity).toBe("critical");
    expect(incident.timeline.map((e) => [e.at, e.text, e.by])).toEqual([
      ["2026-03-01T08:45:00.000Z", "Incident started (as reported in the issue form)", "alice"],
      [at(0), "Incident declared", "alice"],
      [at(4), "rolled back", "bob"],
    ]);
  });

  it("uses configured names", () => {
    const custom = parseConfig({ labels: { incident: "outage" }, default_severity: "minor" });
    const incident = reduceIncident(
      snapshot({
        issue: issue({ labels: ["outage"] }),
        events: [event("labeled", "erin", 0, { label: "outage" })],
      }),
      custom,
    );
    expect(incident).toMatchObject({ declaredBy: "erin", severity: "minor" });
  });

  it("reduces shuffled comments and events to the same incident (property)", () => {
    const comments = [
      comment("bob", "/severity critical\n/timeline 14:02 pager fired", 3),
      comment("carol", "/role comms @dave\n/status identified config push", 7),
      comment("bob", "/timeline rollback", 9),
      comment("bob", "/lead @carol", 9),
      comment("carol", "/summary 502s on checkout", 11),
      comment("carol", "/resolve", 30),
    ];
    const events = [
      event("labeled", "alice", 0, { label: "incident" }),
      event("labeled", "erin", 8, { label: "severity:minor" }),
      event("closed", "hereby[bot]", 30),
    ];
    const expected = reduceIncident(snapshot({ comments, events }), config);
    const permutation = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length });
    fc.assert(
      fc.property(permutation(comments), permutation(events), (c, e) => {
        expect(reduceIncident(snapshot({ comments: c, events: e }), config)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    expect(expected).toMatchObject({
      severity: "minor",
      status: "resolved",
      lead: "carol",
      roles: { comms: ["dave"] },
    });
  });
});

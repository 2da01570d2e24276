// Changes people make in the GitHub UI on an incident: severity and status labels,
// closing and reopening. Recorded on the timeline like commands, one PATCH each.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import {
  declaredIncident,
  deliver,
  expectRequests,
  FakeGitHub,
  ISSUE_URL,
  nock,
  USER_BODY,
  userPart,
  type FakeOptions,
  probot,
  useProbot,
  incident,
  POSTMORTEM_READS,
} from "./support.js";

useProbot();

/** An issues.* event on an incident: config, the issue and timeline, one PATCH, the read-back. */
const HAND_CHANGE_LINES = [
  "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
  "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
  "GET /repos/acme/shop/issues/7",
  "GET /repos/acme/shop/issues/7/timeline?per_page=100",
  "PATCH /repos/acme/shop/issues/7",
  "GET /repos/acme/shop/issues/7",
  "GET /repos/acme/shop/issues/7/timeline?per_page=100",
];

const entries = (fake: FakeGitHub) => fake.recordTimeline.map((r) => r.replace(/ \[↗\]\([^)]*\)/, ""));

describe("severity label added by a person", () => {
  it.each([
    ["severity:critical", "critical"],
    ["severity:trivial", "trivial"],
    ["severity:minor", "minor"],
  ])("%s: the old severity label goes, the timeline says it was changed by hand", async (label, level) => {
    const fake = await incident();
    await deliver(probot, fake.addLabel("carol", label, 10));

    expectRequests(fake, HAND_CHANGE_LINES);
    expect(fake.patches).toHaveLength(1);
    const patch = fake.patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "status:investigating", label]);
    expect(fake.issue.labels.filter((l) => l.toLowerCase().startsWith("severity:"))).toEqual([label]);
    expect(fake.field("Severity")).toBe(level);
    expect(entries(fake)).toEqual([
      "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
      `| 2026-11-23 14:10 | Severity set to ${level} (label changed by hand) | [carol](https://github.com/carol) |`,
    ]);
    expect(fake.recordTimeline[1]).toContain(`[↗](${ISSUE_URL})`);
    expect(userPart(fake.issue.body)).toBe(`${USER_BODY}\n\n`);
    expect(fake.posted).toEqual([]);
    expect(fake.reacted).toEqual([]);
  });

  it("a later /severity command wins over the hand change, and the other way round", async () => {
    const fake = await incident();
    await deliver(probot, fake.addLabel("carol", "severity:critical", 10));
    await deliver(probot, fake.comment("bob", "/severity minor", 11));
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:minor"]);
    await deliver(probot, fake.addLabel("carol", "severity:major", 12));
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:major"]);
    expect(entries(fake).slice(1)).toEqual([
      "| 2026-11-23 14:10 | Severity set to critical (label changed by hand) | [carol](https://github.com/carol) |",
      "| 2026-11-23 14:11 | Severity set to minor | [bob](https://github.com/bob) |",
      "| 2026-11-23 14:12 | Severity set to major (label changed by hand) | [carol](https://github.com/carol) |",
    ]);
  });
});

describe("status label added by a person", () => {
  it("status:monitoring replaces status:investigating and is recorded", async () => {
    const fake = await incident();
    await deliver(probot, fake.addLabel("carol", "status:monitoring", 10));

    expectRequests(fake, HAND_CHANGE_LINES);
    expect(fake.patches[0]!["labels"]).toEqual(["incident", "severity:major", "status:monitoring"]);
    expect(fake.field("Status")).toBe("monitoring");
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:10 | Status set to monitoring (label changed by hand) | [carol](https://github.com/carol) |");
  });
});

describe("closing and reopening by hand", () => {
  it("closing the issue resolves the incident: status:resolved and a timeline entry", async () => {
    const fake = await incident();
    await deliver(probot, fake.close("carol", 40));

    // Closing by hand resolves: whoever closed it is checked, then the postmortem is read for.
    expectRequests(fake, [...HAND_CHANGE_LINES, "GET /repos/acme/shop/collaborators/carol/permission", ...POSTMORTEM_READS]);
    expect(fake.patches).toHaveLength(1);
    const patch = fake.patches[0]!;
    // Already closed: no state in the PATCH.
    expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:resolved"]);
    expect(fake.issue.state).toBe("closed");
    expect(fake.field("Status")).toBe("resolved");
    expect(fake.field("Resolved")).toBe("2026-11-23 14:40 UTC");
    expect(fake.field("Duration")).toBe("39m");
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:40 | Resolved: issue closed | [carol](https://github.com/carol) |");
    expect(fake.posted).toEqual([]);
  });

  it("reopening it sets it back to investigating", async () => {
    const fake = await incident();
    await deliver(probot, fake.close("carol", 40));
    fake.resetLog();
    await deliver(probot, fake.reopen("dave", 50));

    expectRequests(fake, HAND_CHANGE_LINES);
    const patch = fake.patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(fake.issue.state).toBe("open");
    expect(fake.field("Status")).toBe("investigating");
    expect(fake.field("Resolved")).toBe("—");
    expect(entries(fake).slice(-2)).toEqual([
      "| 2026-11-23 14:40 | Resolved: issue closed | [carol](https://github.com/carol) |",
      "| 2026-11-23 14:50 | Reopened: back to investigating | [dave](https://github.com/dave) |",
    ]);
  });

  it("reopening after /resolve keeps the issue open and investigating", async () => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", "/resolve", 20));
    expect(fake.issue.state).toBe("closed");
    fake.resetLog();
    await deliver(probot, fake.reopen("dave", 30));

    expect(fake.patches).toHaveLength(1);
    expect(fake.patches[0]!["state"]).toBeUndefined();
    expect(fake.issue.state).toBe("open");
    expect(fake.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
  });

  it("hereby's own close (from /resolve) is not recorded a second time", async () => {
    const fake = await incident();
    const resolve = fake.comment("bob", "/resolve", 20);
    await deliver(probot, resolve);
    fake.resetLog();
    // The webhook GitHub sends for hereby's own close: sender hereby[bot].
    const closed = fake.close("hereby[bot]", 20);
    await deliver(probot, closed);

    expect(fake.requests).toEqual([]);
    expect(entries(fake).filter((e) => e.includes("Resolved"))).toHaveLength(1);
  });
});

describe("labels that are not hereby's", () => {
  it("a person adding `bug` to an incident: the config is read, nothing written", async () => {
    const fake = await incident();
    await deliver(probot, fake.addLabel("carol", "bug", 10));

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
    ]);
  });

  it("a severity label on an issue that is not an incident: nothing written", async () => {
    const fake = new FakeGitHub({ issue: { labels: ["bug"] } }).install();
    await deliver(probot, fake.addLabel("carol", "severity:critical", 10));

    expect(fake.writes).toEqual([]);
    expect(fake.issue.body).toBe(USER_BODY);
  });

  it("closing an issue that is not an incident: nothing written", async () => {
    const fake = new FakeGitHub({ issue: { labels: ["bug"] } }).install();
    await deliver(probot, fake.close("carol", 10));

    expect(fake.writes).toEqual([]);
  });
});

// Changes people make in the GitHub UI on an incident: severity and status labels,
// closing and reopening. Recorded on the timeline like commands, one PATCH each.
import { describe, expect, it } from "vitest";
import {
  useSimulator,
  start,
  deliverAsAction,
  entries as recordEntries,
  userPart,
} from "../support/simulated.js";
import {
  SimIssue,
  expectRequests,
  postmortemOpening,
  redelivery,
  USER_BODY,
} from "../support/sim-issue.js";

useSimulator();

/** An issues.* event on an incident: config, the issue and timeline, one PATCH, the read-back. */
const HAND_CHANGE_LINES = (sim: SimIssue) => [
  "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
  "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
  `GET ${sim.path}`,
  `GET ${sim.path}/timeline?per_page=100`,
  `PATCH ${sim.path}`,
  `GET ${sim.path}/timeline?per_page=100`,
];

const entries = (sim: SimIssue) =>
  sim.recordTimeline.map((r: string) => r.replace(/ \[↗\]\([^)]*\)/, ""));

describe("severity label added by a person", () => {
  it.each([
    ["severity:critical", "critical"],
    ["severity:trivial", "trivial"],
    ["severity:minor", "minor"],
  ])(
    "%s: the old severity label goes, the timeline says it was changed by hand",
    async (label, level) => {
      const sim = await SimIssue.declared();
      await sim.deliver(await sim.addLabel("carol", label, 10));

      expectRequests(sim, HAND_CHANGE_LINES(sim));
      expect(sim.patches).toHaveLength(1);
      const patch = sim.patches[0]!;
      expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
      expect(patch["labels"]).toEqual(["incident", "status:investigating", label]);
      expect(sim.issue.labels.filter((l) => l.toLowerCase().startsWith("severity:"))).toEqual([
        label,
      ]);
      expect(sim.field("Severity")).toBe(level);
      expect(entries(sim)).toEqual([
        "| 2026-11-23 14:01 | Incident declared | [alice](https://github.com/alice) |",
        `| 2026-11-23 14:10 | Severity set to ${level} (label changed by hand) | [carol](https://github.com/carol) |`,
      ]);
      expect(sim.recordTimeline[1]).toContain(`[↗](${sim.url})`);
      expect(userPart(sim.issue.body)).toBe(`${USER_BODY}\n\n`);
      expect(sim.posted).toEqual([]);
      expect(sim.reacted).toEqual([]);
    },
  );

  it("a later /severity command wins over the hand change, and the other way round", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.addLabel("carol", "severity:critical", 10));
    await sim.deliver(await sim.comment("bob", "/severity minor", 11));
    expect(sim.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:minor"]);
    await sim.deliver(await sim.addLabel("carol", "severity:major", 12));
    expect(sim.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:major"]);
    expect(entries(sim).slice(1)).toEqual([
      "| 2026-11-23 14:10 | Severity set to critical (label changed by hand) | [carol](https://github.com/carol) |",
      "| 2026-11-23 14:11 | Severity set to minor | [bob](https://github.com/bob) |",
      "| 2026-11-23 14:12 | Severity set to major (label changed by hand) | [carol](https://github.com/carol) |",
    ]);
  });
});

describe("status label added by a person", () => {
  it("status:monitoring replaces status:investigating and is recorded", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.addLabel("carol", "status:monitoring", 10));

    expectRequests(sim, HAND_CHANGE_LINES(sim));
    expect(sim.patches[0]!["labels"]).toEqual(["incident", "severity:major", "status:monitoring"]);
    expect(sim.field("Status")).toBe("monitoring");
    expect(entries(sim).at(-1)).toBe(
      "| 2026-11-23 14:10 | Status set to monitoring (label changed by hand) | [carol](https://github.com/carol) |",
    );
  });
});

describe("closing and reopening by hand", () => {
  it("closing the issue resolves the incident: status:resolved and a timeline entry", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.close("carol", 40));

    // Closing by hand resolves: whoever closed it is checked, then the postmortem is
    // opened, and the record gains its entry (no state in that second PATCH), decided
    // from the announcement's POST answer and read back once.
    expectRequests(sim, [
      ...HAND_CHANGE_LINES(sim),
      "GET /repos/acme/shop/collaborators/carol/permission",
      ...postmortemOpening(sim),
      `PATCH ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
    ]);
    expect(sim.patches).toHaveLength(2);
    expect(Object.keys(sim.patches[1]!)).toEqual(["body"]);
    const patch = sim.patches[0]!;
    // Already closed: no state in the PATCH.
    expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:resolved"]);
    expect(sim.issue.state).toBe("closed");
    expect(sim.field("Status")).toBe("resolved");
    expect(sim.field("Resolved")).toBe("2026-11-23 14:40 UTC");
    expect(sim.field("Time to resolve")).toBe("39m (from declaration)");
    expect(entries(sim).slice(-2)).toEqual([
      "| 2026-11-23 14:40 | Resolved: issue closed | [carol](https://github.com/carol) |",
      "| 2026-11-23 14:40 | Postmortem opened: #2 | [hereby[bot]](https://github.com/apps/hereby) |",
    ]);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain("<!-- hereby:postmortem opened:2 -->");
  });

  it("reopening it sets it back to investigating", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.close("carol", 40));
    sim.resetLog();
    await sim.deliver(await sim.reopen("dave", 50));

    expectRequests(sim, HAND_CHANGE_LINES(sim));
    const patch = sim.patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue.state).toBe("open");
    expect(sim.field("Status")).toBe("investigating");
    expect(sim.field("Resolved")).toBe("—");
    expect(entries(sim).slice(-3)).toEqual([
      "| 2026-11-23 14:40 | Resolved: issue closed | [carol](https://github.com/carol) |",
      "| 2026-11-23 14:40 | Postmortem opened: #2 | [hereby[bot]](https://github.com/apps/hereby) |",
      "| 2026-11-23 14:50 | Reopened: back to investigating | [dave](https://github.com/dave) |",
    ]);
  });

  it("reopening after /resolve keeps the issue open and investigating", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.comment("bob", "/resolve", 20));
    expect(sim.issue.state).toBe("closed");
    sim.resetLog();
    await sim.deliver(await sim.reopen("dave", 30));

    expect(sim.patches).toHaveLength(1);
    expect(sim.patches[0]!["state"]).toBeUndefined();
    expect(sim.issue.state).toBe("open");
    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
  });

  it("hereby's own close (from /resolve) is not recorded a second time", async () => {
    const sim = await SimIssue.declared();
    const resolve = await sim.comment("bob", "/resolve", 20);
    await sim.deliver(resolve);
    sim.resetLog();
    // The webhook GitHub sent for hereby's own close: sender hereby[bot].
    const closed = sim.own.find(
      (d) => d.name === "issues" && (d.payload as { action: string }).action === "closed",
    );
    expect(closed).toBeDefined();
    await sim.deliver(redelivery(closed!));

    expect(sim.requests).toEqual([]);
    expect(entries(sim).filter((e: string) => e.includes("Resolved"))).toHaveLength(1);
  });
});

describe("labels that are not hereby's", () => {
  it("a person adding `bug` to an incident: the config is read, nothing written", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.addLabel("carol", "bug", 10));

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
    ]);
  });

  it("a severity label on an issue that is not an incident: nothing written", async () => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });
    await sim.deliver(await sim.addLabel("carol", "severity:critical", 10));

    expect(sim.writes).toEqual([]);
    expect(sim.issue.body).toBe(USER_BODY);
  });

  it("closing an issue that is not an incident: nothing written", async () => {
    const sim = await SimIssue.open({ issue: { labels: ["bug"] } });
    await sim.deliver(await sim.close("carol", 10));

    expect(sim.writes).toEqual([]);
  });
});

describe("hereby's own writes in the Action", () => {
  // The `github-token` input may be an installation token (actions/create-github-app-token) or a PAT.
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
    expect(recordEntries(p, n)).toEqual([
      "Incident declared",
      "Severity set to critical",
      "Resolved: error rate back to normal",
      // Resolving opens the postmortem; hereby's own announcement of it is one entry.
      "Postmortem opened: #2",
    ]);
  });

  it("the Action with a PAT keeps recognising its writes after the checklist is deleted", async () => {
    const p = await start("timezone: UTC\n", { automation: "admin" });
    const bot = p.as("automation");
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    const checklist = p.sim
      .comments(n)
      .find((c) => (c.body ?? "").includes("hereby:checklist"))!.id;
    await p.as("alice").rest.issues.deleteComment({ ...p.repo, comment_id: checklist });
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    expect(recordEntries(p, n)).toEqual(["Incident declared", "Severity set to critical"]);
  });
});

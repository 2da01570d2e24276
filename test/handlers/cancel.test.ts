// A way out for false alarms: `/cancel [reason]`, or the incident label removed by hand,
// cancels an incident (status:cancelled, closed as not planned, the record kept); reopening
// the issue or adding the label again brings it back to investigating.
import { describe, expect, it } from "vitest";
import { runSweep } from "../../src/handlers/sweep.js";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import {
  body,
  botComments,
  deliverAll,
  entries,
  field,
  incident,
  labels,
  reactions,
  start,
  useSimulator,
} from "../support/simulated.js";

useSimulator();

const state = (p: Playground, n: number) => ({
  state: p.sim.issue(n).state,
  reason: p.sim.issue(n).state_reason,
});
const removeIncidentLabel = (p: Playground, who: string, n: number) =>
  p.as(who).rest.issues.removeLabel({ ...p.repo, issue_number: n, name: "incident" });
const sweep = (p: Playground) =>
  runSweep({
    octokit: p.bot,
    repo: p.repo,
    clock: () => p.clock(),
    log: { info: () => {}, warn: () => {} },
    self: "hereby[bot]",
  });

describe("cancel", () => {
  it("cancel: /cancel closes as not planned with status:cancelled and the reason on the timeline", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("bob", n, "/cancel synthetic check flapped");
    await deliverAll(p);
    expect(state(p, n)).toEqual({ state: "closed", reason: "not_planned" });
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:cancelled"]);
    expect(field(p, n, "Status")).toBe("cancelled");
    expect(entries(p, n)).toEqual(["Incident declared", "Cancelled: synthetic check flapped"]);
    expect(reactions(p, id)).toEqual(["+1"]);
  });

  it("cancel: the status:cancelled label goes on the issue, whether or not the repository had it", async () => {
    const p = await start();
    const n = await incident(p);
    await p.comment("bob", n, "/cancel");
    await deliverAll(p);
    // Declaring creates only the labels it applies; GitHub makes this one on first use
    // (`hereby setup` gives every label its colour and description up front).
    const { data } = await p
      .as("alice")
      .rest.issues.getLabel({ ...p.repo, name: "status:cancelled" });
    expect(data.name).toBe("status:cancelled");
    expect(p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name))).toContain(
      "status:cancelled",
    );
  });

  it("cancel: removing the incident label by hand cancels, and hereby leaves the label off", async () => {
    const p = await start();
    const n = await incident(p);
    await removeIncidentLabel(p, "bob", n);
    await deliverAll(p);
    expect(state(p, n)).toEqual({ state: "closed", reason: "not_planned" });
    expect(labels(p, n)).toEqual(["severity:major", "status:cancelled"]);
    expect(entries(p, n)).toEqual([
      "Incident declared",
      "Cancelled: label incident removed by hand",
    ]);

    // Later events on the issue don't bring the label back: it is no incident now.
    p.advance(1);
    const ignored = await p.comment("bob", n, "/timeline still looking");
    await p.as("bob").rest.issues.update({ ...p.repo, issue_number: n, state: "open" });
    await deliverAll(p);
    expect(labels(p, n)).toEqual(["severity:major", "status:cancelled"]);
    expect(reactions(p, ignored)).toEqual([]);
    expect(entries(p, n)).not.toContain("still looking");
  });

  it("cancel: adding the incident label again brings it back to investigating", async () => {
    const p = await start();
    const n = await incident(p);
    await removeIncidentLabel(p, "bob", n);
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/timeline said while it was no incident");
    await deliverAll(p);
    p.advance(1);
    await p.as("carol").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await deliverAll(p);
    expect(state(p, n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(entries(p, n)).toEqual([
      "Incident declared",
      "Cancelled: label incident removed by hand",
      "Label incident added again: back to investigating",
    ]);
    // One checklist, from the first declaration.
    expect(botComments(p, n).filter((c) => c.includes("hereby:checklist"))).toHaveLength(1);
  });

  it("cancel: declaring again (/declare) after the label was removed brings it back, label and all", async () => {
    const p = await start();
    const n = await incident(p);
    await removeIncidentLabel(p, "bob", n);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("carol", n, "/declare");
    await deliverAll(p);
    expect(state(p, n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(entries(p, n).slice(-1)).toEqual(["Declared again: back to investigating"]);
    expect(reactions(p, id)).toEqual(["+1"]);
  });

  it("cancel: reopening brings it back to investigating", async () => {
    const p = await start();
    const n = await incident(p);
    await p.comment("bob", n, "/cancel wrong service");
    await deliverAll(p);
    p.advance(1);
    await p.as("bob").rest.issues.update({ ...p.repo, issue_number: n, state: "open" });
    await deliverAll(p);
    expect(state(p, n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(entries(p, n).slice(-1)).toEqual(["Reopened: back to investigating"]);
  });

  it("cancel: the status:cancelled label put on by hand cancels too", async () => {
    const p = await start();
    const n = await incident(p);
    await p
      .as("carol")
      .rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["status:cancelled"] });
    await deliverAll(p);
    expect(state(p, n)).toEqual({ state: "closed", reason: "not_planned" });
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:cancelled"]);
    expect(entries(p, n).slice(-1)).toEqual(["Cancelled (label changed by hand)"]);
  });

  it("cancel: a read-only user cannot cancel", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("erin", n, "/cancel not real");
    await deliverAll(p);
    expect(state(p, n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("Sorry @erin"))).toBe(true);
    // GitHub itself doesn't let read access take a label off.
    await expect(removeIncidentLabel(p, "erin", n)).rejects.toMatchObject({ status: 403 });
  });

  it("cancel: a label removal by someone below the permission is put back, with a reply", async () => {
    const p = await start("timezone: UTC\npermission: write\n");
    const n = await incident(p);
    await removeIncidentLabel(p, "carol", n);
    await deliverAll(p);
    expect(state(p, n).state).toBe("open");
    expect(labels(p, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(entries(p, n).slice(-1)).toEqual([
      "Label incident removed by @[carol](https://github.com/carol): not applied (needs write access), label put back",
    ]);
    expect(
      botComments(p, n).some((c) =>
        c.includes(
          "@carol removed the `incident` label, but cancelling this incident needs at least **write** access",
        ),
      ),
    ).toBe(true);
  });

  it("cancel: cancelling a resolved incident closes it as not planned instead", async () => {
    const p = await start(
      "timezone: UTC\nseverities:\n  - { name: major }\n  - { name: trivial, postmortem: false }\ndefault_severity: trivial\n",
    );
    const n = await incident(p);
    await p.comment("bob", n, "/resolve");
    await deliverAll(p);
    expect(state(p, n)).toEqual({ state: "closed", reason: "completed" });
    p.advance(1);
    await p.comment("bob", n, "/cancel it was a drill");
    await deliverAll(p);
    expect(state(p, n)).toEqual({ state: "closed", reason: "not_planned" });
    expect(field(p, n, "Status")).toBe("cancelled");
    expect(field(p, n, "Resolved")).toBe("—");
  });

  it("cancel: no postmortem PR and no reviews for a cancelled incident", async () => {
    const p = await start();
    const kept = await incident(p);
    await p.comment("bob", kept, "/resolve");
    const cancelled = await incident(p);
    await p.comment("bob", cancelled, "/resolve");
    await deliverAll(p);
    const pulls = p.sim.pulls().length;
    p.advance(1);
    const asked = await p.comment("bob", cancelled, "/cancel a drill\n/postmortem");
    await deliverAll(p);
    expect(p.sim.pulls()).toHaveLength(pulls);
    expect(reactions(p, asked)).toEqual(["+1"]);
    expect(
      botComments(p, cancelled).some(
        (c) =>
          c.includes(`hereby:postmortem cancelled-${asked}`) && c.includes("gets no postmortem"),
      ),
    ).toBe(true);

    p.advance(31 * 24 * 60);
    const result = await sweep(p);
    expect(result.rows.map((r) => r.incident)).toEqual([kept]);
    expect(
      p.sim
        .comments(cancelled)
        .filter((c) => /review/i.test(c.body ?? "") && c.body?.includes("<!-- hereby:review"))
        .length,
    ).toBe(0);
    expect(body(p, cancelled)).toContain("| **Status** | cancelled |");
  });
});

describe("/status resolved", () => {
  it("/status resolved does exactly what /resolve does: closed as completed, postmortem opened", async () => {
    const seen = [];
    for (const command of ["/resolve error rate normal", "/status resolved error rate normal"]) {
      const p = await start();
      const n = await incident(p);
      await p.comment("bob", n, command);
      await deliverAll(p);
      seen.push({
        ...state(p, n),
        labels: labels(p, n),
        entries: entries(p, n),
        pulls: p.sim.pulls().map((pr) => pr.title),
      });
      await p.close();
    }
    expect(seen[0]).toMatchObject({
      state: "closed",
      reason: "completed",
      pulls: ["Postmortem: Checkout down (#1)"],
    });
    expect(seen[1]).toEqual(seen[0]);
  });
});

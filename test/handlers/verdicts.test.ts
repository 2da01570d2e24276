// The verdict on a command comment (👍 applied, 😕 not), its notification and its warnings
// come with the command, from whichever handler applies it first, and match the comment as
// it is now.
import { describe, expect, it } from "vitest";
import {
  useSimulator,
  start,
  deliverAll,
  incident,
  botComments,
  field,
  entries,
  reactions,
  labels,
  NOTIFY_CONFIG,
} from "../support/simulated.js";

useSimulator();

const notices = (comments: string[]) => comments.filter((c) => c.includes("<!-- hereby:notify "));

describe("verdicts", () => {
  it("a command applied by a later handler gets its 👍, notification and secret warning", async () => {
    const p = await start(NOTIFY_CONFIG);
    const n = await incident(p);
    const id = await p.comment(
      "bob",
      n,
      "/severity critical\n/timeline token ghp_0123456789abcdefghijABCDEFGHIJ456789 leaked",
    );
    p.sim.failNext(
      { method: "PATCH", path: new RegExp(`/issues/${n}$`) },
      { status: 502, applyFirst: false },
    );
    const errors = await deliverAll(p);
    expect(errors).toHaveLength(1);
    // Not applied: no 👍 stands on it.
    expect(reactions(p, id)).toEqual([]);

    p.advance(1);
    await p.comment("alice", n, "/timeline checking");
    await deliverAll(p);
    expect(field(p, n, "Severity")).toBe("critical");
    expect(reactions(p, id)).toEqual(["+1"]);
    expect(notices(botComments(p, n))).toHaveLength(1);
    expect(
      botComments(p, n).some((c) => c.includes("<!-- hereby:secret ") && c.includes("rotate it")),
    ).toBe(true);
  });

  it("a 👍 lost to a secondary rate limit is given by the next handler", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("bob", n, "/timeline failing over");
    p.sim.failNext(
      { method: "POST", path: /\/issues\/comments\/\d+\/reactions$/ },
      { status: 403, applyFirst: false },
    );
    expect(await deliverAll(p)).toHaveLength(1);
    expect(entries(p, n)).toContain("failing over");
    expect(reactions(p, id)).toEqual([]);

    p.advance(1);
    await p.comment("alice", n, "/timeline checking");
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["+1"]);
  });

  it("a refused command found by a later handler gets its 😕 and reply", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("erin", n, "/severity trivial");
    p.sim.takeDeliveries(); // lost
    await p.comment("bob", n, "/timeline checking");
    await deliverAll(p);
    expect(labels(p, n)).toContain("severity:major");
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("Sorry @erin"))).toBe(true);
  });

  it("a mistake whose handler never ran gets its 😕 and reply from a later handler", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("bob", n, "/severity sev9");
    p.sim.takeDeliveries(); // lost
    p.advance(2);
    await p.comment("alice", n, "/timeline checking");
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(
      botComments(p, n).filter((c) => c.includes(`Nothing in [your comment](#issuecomment-${id})`)),
    ).toHaveLength(1);
  });

  it("reordered created and edited deliveries leave the verdict of the comment as it is now", async () => {
    const p = await start();
    const n = await incident(p);
    const fixed = await p.comment("bob", n, "/severity critcal");
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: fixed, body: "/severity critical" });
    const [created, edited] = p.sim.takeDeliveries();
    await p.handle(edited!);
    await p.handle(created!);
    await deliverAll(p);
    expect(reactions(p, fixed)).toEqual(["+1"]);
    expect(botComments(p, n).filter((c) => c.includes("Nothing in"))).toEqual([]);
    expect(field(p, n, "Severity")).toBe("critical");

    const broken = await p.comment("bob", n, "/severity minor");
    await p
      .as("bob")
      .rest.issues.updateComment({ ...p.repo, comment_id: broken, body: "/severity minr" });
    const [created2, edited2] = p.sim.takeDeliveries();
    await p.handle(edited2!);
    await p.handle(created2!);
    await deliverAll(p);
    expect(reactions(p, broken)).toEqual(["confused"]);
    expect(field(p, n, "Severity")).toBe("critical");
  });

  it("commands in a comment that declares apply after the declaration, in order", async () => {
    const p = await start(NOTIFY_CONFIG);
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    const id = await p.comment("bob", n, "/severity critical\n/declare\n/timeline paged");
    await deliverAll(p);
    expect(field(p, n, "Severity")).toBe("critical");
    expect(labels(p, n)).toContain("severity:critical");
    expect(entries(p, n)).toEqual(["Incident declared", "Severity set to critical", "paged"]);
    expect(notices(botComments(p, n))).toHaveLength(1);
    expect(reactions(p, id)).toEqual(["+1"]);
  });
});

describe("👍 means applied", () => {
  it("a 👍 after access was granted and the comment edited means it was applied", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("erin", n, "/timeline db failover");
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["confused"]);

    p.sim.setPermission("erin", "triage");
    p.advance(1);
    await p.as("erin").rest.issues.updateComment({
      ...p.repo,
      comment_id: id,
      body: "/timeline db failover started",
    });
    await deliverAll(p);
    const applied = entries(p, n).includes("db failover started");
    const thumbsUp = reactions(p, id).includes("+1");
    expect({ thumbsUp, applied }).not.toEqual({ thumbsUp: true, applied: false });
  });

  // The handler runs once the label is there; the command predates the declaration.
  it("a command posted just before the label was added: a 👍 means it was applied", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/timeline pager fired");
    p.advance(1);
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await deliverAll(p);
    const applied = entries(p, n).includes("pager fired");
    const thumbsUp = reactions(p, id).includes("+1");
    expect({ thumbsUp, applied }).not.toEqual({ thumbsUp: true, applied: false });
    // It says so, instead of a silent 👍 on nothing.
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(botComments(p, n).some((c) => c.includes("post the commands again"))).toBe(true);
  });
});

describe("a 👍 given with the record's write", () => {
  it("is taken back when the comment was edited into a mistake before that write landed", async () => {
    const p = await start();
    const n = await incident(p);
    const id = await p.comment("bob", n, "/timeline failing over");
    // bob edits the comment while hereby's PATCH (and its 👍) are on the way: the PATCH
    // carries the old command, the read-back sees the edit.
    let edited = false;
    p.sim.latency = (req) => {
      if (edited || req.method !== "PATCH") return 0;
      edited = true;
      return p
        .as("bob")
        .rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/severity nonsense" })
        .then(() => undefined);
    };
    const [created] = p.sim.takeDeliveries();
    await p.handle(created!);
    p.sim.latency = () => 0;
    expect(edited).toBe(true);
    // The run that gave the 👍 takes it back itself: its own verdict, not the edit's delivery.
    expect(reactions(p, id)).toEqual(["confused"]);
    await deliverAll(p);
    expect(entries(p, n)).not.toContain("failing over");
    expect(reactions(p, id)).toEqual(["confused"]);
  });
});

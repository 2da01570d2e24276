// What a command costs in reads on a big incident: the history is read in full once, and
// the read-back after writing reads only what can have changed since.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../src/demo/playground.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

async function bigIncident(comments: number): Promise<{ p: Playground; n: number }> {
  const p = await Playground.start({ config: "timezone: UTC\n", people: { alice: "write", bob: "write" } });
  pg = p;
  const n = await p.openIssue("alice", "Checkout returns 502", "Customers can't pay.", ["incident"]);
  await p.settle();
  for (let i = 0; i < comments; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, comments - i) }, (_, j) => p.comment("alice", n, `chatter ${i + j}`)));
  }
  p.sim.takeDeliveries();
  return { p, n };
}

const timelinePages = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === "GET" && r.path.endsWith("/timeline")).length;

describe("reads on a big incident", () => {
  it("hardening 16: a command on a 3,000-comment incident reads the timeline in full once", async () => {
    const { p, n } = await bigIncident(3000);
    const before = p.sim.requests.length;
    p.advance(1);
    await p.comment("bob", n, "/timeline rolled back");
    await p.settle();
    const made = p.sim.requests.slice(before).filter((r) => r.actor !== "bob");
    const reads = made.filter((r) => r.method === "GET");
    // 3,000 comments and a few events: 31 pages of 100, read once, plus the tail again.
    expect(timelinePages(made)).toBeLessThanOrEqual(32);
    expect(reads.length).toBeLessThanOrEqual(38);
    expect(p.sim.issue(n).body).toContain("rolled back");
  });
});

// Labels when needed: a first declaration creates only the labels its incident wears, so
// the record shows within three writes (`hereby setup` creates the others).
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { PEOPLE } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations).toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const botWrites = (p: Playground, from: number) =>
  p.sim.requests.slice(from).filter((r) => r.actor === "hereby[bot]" && r.method !== "GET");

describe("labels when needed", () => {
  it("writes the record of a first declaration within three writes, creating only the labels it applies", async () => {
    pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE } });
    const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
    const from = pg.sim.requests.length;
    await pg.settle();
    const writes = botWrites(pg, from);
    const recordAt = writes.findIndex(
      (w) => w.method === "PATCH" && w.path === `/repos/acme/shop/issues/${n}`,
    );
    expect(recordAt, "writes before the record's PATCH").toBeGreaterThanOrEqual(0);
    expect(recordAt + 1).toBeLessThanOrEqual(3);
    const created = writes
      .filter((w) => w.path === "/repos/acme/shop/labels")
      .map((w) => (w.body as { name: string }).name);
    expect(created.sort()).toEqual(["severity:major", "status:investigating"]);
    expect(pg.sim.issue(n).body).toContain("<!-- hereby:start -->");
  });
});

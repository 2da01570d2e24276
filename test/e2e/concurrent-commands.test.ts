// Many people's commands on one incident handled at the same time (as the App does when
// deliveries arrive together): each run reads, decides and writes the whole record, and
// the convergence loop (read back, decide again, write the difference) keeps one run's
// write from dropping another's entry. bench/concurrent.ts measures 100 at once.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { playground, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

describe("commands handled at the same time on one incident", () => {
  it("records every entry, and every run ends converged", async () => {
    pg = await playground();
    const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await pg.settle();
    const before = recordRows(pg.sim.issue(n).body).length;
    const texts = Array.from({ length: 12 }, (_, i) => `parallel step ${i + 1} done`);
    for (const [i, text] of texts.entries())
      await pg.comment(i % 2 ? "alice" : "bob", n, `/timeline ${text}`);

    const results = await Promise.all(pg.sim.takeDeliveries().map((d) => pg!.handle(d)));
    await pg.settle();

    const rows = recordRows(pg.sim.issue(n).body);
    expect(rows).toHaveLength(before + texts.length);
    for (const text of texts)
      expect(
        rows.filter((r) => r.includes(text)),
        text,
      ).toHaveLength(1);
    expect(results.map((r) => r.converged)).not.toContain(false);
  });
});

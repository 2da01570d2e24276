// When impact began: `/started`, the issue form's "When did it start?", or (offered in a
// reply, never assumed) the earliest entry backdated before the declaration. The record
// shows the four moments and the three durations.
import { describe, expect, it } from "vitest";
import {
  body,
  botComments,
  deliverAll,
  incident,
  start,
  useSimulator,
} from "../support/simulated.js";

useSimulator();

describe("impact start", () => {
  it("offers a backdated entry as the impact start, and records it only once someone says /started", async () => {
    const p = await start();
    const n = await incident(p);
    await p.comment("bob", n, "/timeline 13:42 the EU payment error rate starts climbing");
    await deliverAll(p);
    const offer = botComments(p, n).find((c) => c.includes("hereby:impactoffer")) ?? "";
    expect(offer).toContain("/started 2026-11-23T13:42Z");
    expect(offer).toContain("Time to detect would then be 19m");
    expect(body(p, n)).toContain("| **Impact started** | — (`/started <time>` records it) |");
    expect(body(p, n)).toContain("| **Time to detect** | — |");

    p.advance(10);
    await p.comment("bob", n, "/started 2026-11-23T13:42Z");
    await deliverAll(p);
    p.advance(20);
    await p.comment("bob", n, "/status monitoring rolled back");
    await deliverAll(p);
    p.advance(15);
    await p.comment("bob", n, "/resolve");
    await deliverAll(p);
    const record = body(p, n);
    expect(record).toContain("| **Impact started** | 2026-11-23 13:42 UTC |");
    expect(record).toContain("| **Mitigated** | 2026-11-23 14:32 UTC (monitoring) |");
    expect(record).toContain("| **Time to detect** | 19m |");
    expect(record).toContain("| **Time to mitigate** | 50m (from impact start) |");
    expect(record).toContain("| **Time to resolve** | 1h 5m (from impact start) |");
    // One offer, for the comment that made the entry.
    expect(botComments(p, n).filter((c) => c.includes("hereby:impactoffer"))).toHaveLength(1);
  });

  it('takes the issue form\'s "When did it start?" as the impact start', async () => {
    const p = await start();
    const form =
      "### Severity\n\nmajor\n\n### What is broken?\n\nCheckout\n\n### Who is affected?\n\nEU\n\n### When did it start?\n\n13:40";
    const n = await p.openIssue("alice", "Checkout down", form, ["incident"]);
    await deliverAll(p);
    expect(body(p, n)).toContain("| **Impact started** | 2026-11-23 13:40 UTC |");
    expect(body(p, n)).toContain("| **Time to detect** | 20m |");
  });

  it("rejects /started without a valid time, saying what is allowed", async () => {
    const p = await start();
    const n = await incident(p);
    await p.comment("bob", n, "/started soon");
    await deliverAll(p);
    expect(botComments(p, n).join("\n")).toMatch(/soon.{0,10} is not a time: e.g. \/started 13:52/);
  });
});

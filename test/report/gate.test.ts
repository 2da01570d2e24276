// The per-repository gate on full reports, with the clock passed in.
import { describe, expect, it } from "vitest";
import { ReportGate } from "../../src/core/report/gate.js";

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9) + minutes * 60_000);

describe("the report gate", () => {
  it("runs one report per repository per 10 minutes and links the rest to it", () => {
    const gate = new ReportGate();
    expect(gate.claim("acme/shop", "https://x/1", at(0), false).kind).toBe("run");
    expect(gate.claim("ACME/shop", "https://x/2", at(9), false)).toMatchObject({
      kind: "recent",
      last: { url: "https://x/1" },
    });
    expect(gate.claim("acme/other", "https://x/3", at(9), false).kind).toBe("run");
    expect(gate.claim("acme/shop", "https://x/2", at(10), false).kind).toBe("run");
  });

  it("lets the next ask run when the report it claimed for failed", () => {
    const gate = new ReportGate();
    const first = gate.claim("acme/shop", "https://x/1", at(0), true);
    if (first.kind !== "run") throw new Error("expected to run");
    first.release(false);
    expect(gate.claim("acme/shop", "https://x/1", at(1), true).kind).toBe("run");
  });

  it("gives readers one report an hour between them, and does not hold the others", () => {
    const gate = new ReportGate();
    expect(gate.claim("acme/shop", "https://x/1", at(0), true).kind).toBe("run");
    expect(gate.claim("acme/shop", "https://x/2", at(30), true)).toMatchObject({
      kind: "limited",
      next: at(60),
    });
    expect(gate.claim("acme/shop", "https://x/2", at(30), false).kind).toBe("run");
    expect(gate.claim("acme/shop", "https://x/3", at(61), true).kind).toBe("run");
  });
});

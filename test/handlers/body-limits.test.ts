// Nothing hereby writes may pass GitHub's 65,536-character limit: replies that quote
// user text are cut with a note, and configs that would overflow a comment are refused.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const PEOPLE = { alice: "write", bob: "write" } as const;

async function declared(config = "timezone: UTC\n"): Promise<{ p: Playground; n: number }> {
  const p = await Playground.start({ config, people: { ...PEOPLE } });
  pg = p;
  const n = await p.openIssue("alice", "Checkout returns 502", "Customers can't pay.", [
    "incident",
  ]);
  await p.settle();
  return { p, n };
}

const botComments = (p: Playground, n: number) =>
  p.sim.comments(n).filter((c) => c.user?.login.endsWith("[bot]"));

describe("bodies within GitHub's limit", () => {
  it("a 65,500-character /severity word gets 😕 and a reply that fits", async () => {
    const { p, n } = await declared();
    p.advance(1);
    const id = await p.comment("bob", n, `/severity ${"x".repeat(65_500)}`);
    await p.settle();
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["confused"]);
    const reply = botComments(p, n).find((c) => (c.body ?? "").includes("hereby:rejected"));
    expect(reply?.body).toContain("unknown severity");
    expect(reply?.body?.length).toBeLessThanOrEqual(65_536);
    expect(reply?.body).toContain("shortened");
  });

  it("a config with a huge notify list is answered as an invalid config, not a crash", async () => {
    const handles = Array.from({ length: 5000 }, (_, i) => `"@oncall-person-${i}"`).join(", ");
    const { p, n } = await declared(
      `severities:\n  - name: critical\n    notify: [${handles}]\n  - name: major\ndefault_severity: critical\n`,
    );
    const reply = botComments(p, n).find((c) => (c.body ?? "").includes("hereby:config"));
    expect(reply?.body).toContain("`severities.0.notify`: a list of at most 50 entries");
    expect(p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual([
      "incident",
    ]);
  });

  it("a checklist at the config's limits still fits in one comment", async () => {
    const lines = Array.from({ length: 50 }, () => `"${"<".repeat(1000)}"`).join(", ");
    const { p, n } = await declared(`checklist:\n  notify: [${lines}]\n`);
    const checklist = botComments(p, n).find((c) => (c.body ?? "").includes("hereby:checklist"));
    expect(checklist?.body?.length).toBeLessThanOrEqual(65_536);
    expect(checklist?.body).toContain("shortened");
  });
});

describe("commands per comment", () => {
  it("a comment of 500 /lead lines gets one rejection naming the cap and no request per line", async () => {
    const { p, n } = await declared();
    p.advance(1);
    const before = p.sim.requests.length;
    const id = await p.comment(
      "bob",
      n,
      Array.from({ length: 500 }, (_, i) => `/lead @u${i}`).join("\n"),
    );
    await p.settle();
    const made = p.sim.requests.slice(before);
    expect(made.filter((r) => r.path.includes("/assignees/"))).toEqual([]);
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["confused"]);
    const reply = botComments(p, n).find((c) => (c.body ?? "").includes("hereby:rejected"));
    expect(reply?.body).toContain(
      "this comment has 500 command lines; at most 20 are taken in one comment",
    );
  });
});

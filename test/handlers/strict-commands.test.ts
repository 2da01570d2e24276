// What a person sees when a command line is almost right: a look-alike name or trailing
// words get 😕 and a reply, and several people in one role all show in the record.
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

async function declared(): Promise<{ p: Playground; n: number }> {
  const p = await Playground.start({
    config: "timezone: UTC\n",
    people: { alice: "write", bob: "write", carol: "triage" },
  });
  pg = p;
  const n = await p.openIssue("alice", "Checkout returns 502", "Customers can't pay.", [
    "incident",
  ]);
  await p.settle();
  return { p, n };
}

const labels = (p: Playground, n: number) =>
  p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name));
const reply = (p: Playground, n: number, kind: string) =>
  p.sim
    .comments(n)
    .find((c) => c.user?.login.endsWith("[bot]") && (c.body ?? "").includes(`hereby:${kind}`))
    ?.body ?? "";

describe("almost-right command lines", () => {
  it.each([
    ["/\u0455everity critical", "did you mean /severity?"],
    ["/severity\u200B critical", "did you mean /severity?"],
    ["/severity critical and some junk", `unexpected "and some junk" after the severity level`],
  ])("%j gets 😕 and a reply, and the severity stays", async (body, says) => {
    const { p, n } = await declared();
    p.advance(1);
    const id = await p.comment("bob", n, body);
    await p.settle();
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["confused"]);
    expect(reply(p, n, "rejected")).toContain(says);
    expect(labels(p, n)).toContain("severity:major");
  });

  it("/role comms @bob @carol puts both in the record", async () => {
    const { p, n } = await declared();
    p.advance(1);
    const id = await p.comment("alice", n, "/role comms @bob @carol");
    await p.settle();
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["+1"]);
    expect(p.sim.issue(n).body).toContain(
      "| **Communications** | [bob](https://github.com/bob), [carol](https://github.com/carol) |",
    );
  });
});

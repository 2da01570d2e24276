import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../src/demo/playground.js";
import { recordRows } from "../e2e/support.js";

const PEOPLE = { alice: "write", bob: "write", carol: "triage", dave: "triage", erin: "read" } as const;
let pg: Playground | undefined;
afterEach(async () => { await pg?.close(); pg = undefined; });

async function start(config = "timezone: UTC\n") {
  pg = await Playground.start({ config, people: { ...PEOPLE } });
  return pg;
}

describe("explore", () => {
  it("lead typo", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @bbo");
    const r = await p.settle().catch((e) => String(e));
    console.log(r);
    console.log(p.sim.reactions(id).map((x) => x.content));
    p.advance(1);
    await p.comment("bob", n, "/timeline rollback started");
    console.log(await p.settle().catch((e) => String(e)));
    console.log(recordRows(p.sim.issue(n).body));
    console.log(p.sim.violations);
  });
  it("delete declare", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await p.settle();
    p.advance(1);
    const id = await p.comment("alice", n, "/declare");
    await p.settle();
    p.advance(1);
    await p.comment("bob", n, "/timeline rollback started\n/summary checkout broken\n/lead @carol");
    await p.settle();
    console.log(recordRows(p.sim.issue(n).body));
    await p.as("alice").rest.issues.deleteComment({ ...p.repo, comment_id: id });
    await p.settle();
    console.log(p.sim.issue(n).body);
    console.log(p.sim.issue(n).assignees?.map((a) => a.login));
  });
});

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
const botComments = (p: Playground, n: number) => p.sim.comments(n).filter((c) => c.user?.login.endsWith("[bot]")).map((c) => (c.body ?? "").split("\n")[0]);

describe("explore", () => {
  it("concurrent redelivery of the declaration", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    const ds = p.sim.takeDeliveries();
    await Promise.all([...ds.map((d) => p.handle(d)), ...ds.map((d) => p.handle(d))]);
    await p.settle();
    console.log(botComments(p, n));
  });
  it("concurrent /help", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    await p.comment("bob", n, "/help");
    const ds = p.sim.takeDeliveries();
    await Promise.all([...ds.map((d) => p.handle(d)), ...ds.map((d) => p.handle(d))]);
    console.log(botComments(p, n));
  });
  it("delete resolve", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    const id = await p.comment("bob", n, "/resolve oops wrong issue");
    await p.settle();
    await p.as("bob").rest.issues.deleteComment({ ...p.repo, comment_id: id });
    await p.settle();
    const i = p.sim.issue(n);
    console.log(i.state, i.labels.map((l: any) => l.name));
  });
  it("close by hand not planned, then reopen", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    await p.as("alice").rest.issues.update({ ...p.repo, issue_number: n, state: "closed", state_reason: "not_planned" });
    await p.settle();
    const i = p.sim.issue(n);
    console.log(i.state, i.state_reason, i.labels.map((l: any) => l.name), recordRows(i.body));
  });
  it("hand status label resolved", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["status:resolved"] });
    await p.settle();
    const i = p.sim.issue(n);
    console.log(i.state, i.labels.map((l: any) => l.name), recordRows(i.body));
  });
  it("big body", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "x".repeat(65_000), ["incident"]);
    await p.settle();
    const i = p.sim.issue(n);
    console.log(i.body!.length, i.body!.slice(65_000), p.sim.violations);
    const n2 = await p.openIssue("alice", "Checkout down", "🚨".repeat(32_000), ["incident"]);
    await p.settle();
    console.log(p.sim.issue(n2).body!.length, [...p.sim.issue(n2).body!].length);
  });
  it("refused comment with the checklist bot unknown", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    await p.comment("bob", n, "/timeline a\n/timeline b");
    p.advance(1);
    await p.comment("carol", n, "/lead me");
    p.advance(1);
    await p.comment("bob", n, "/lead @carol");
    await p.settle();
    console.log(recordRows(p.sim.issue(n).body), p.sim.issue(n).assignees?.map((a) => a.login), p.sim.violations);
    console.log(p.sim.requests.filter((r) => r.actor.endsWith("[bot]")).length);
  });
});

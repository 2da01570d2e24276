import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../src/demo/playground.js";
import { handleEvent } from "../../src/handlers/index.js";
import { recordRows } from "../e2e/support.js";
import type { EmitterWebhookEvent } from "@octokit/webhooks";

const PEOPLE = { alice: "write", bob: "write", carol: "triage", dave: "triage", erin: "read" } as const;
let pg: Playground | undefined;
afterEach(async () => { await pg?.close(); pg = undefined; });

async function start(config = "timezone: UTC\n") {
  pg = await Playground.start({ config, people: { ...PEOPLE } });
  return pg;
}
const botComments = (p: Playground, n: number) => p.sim.comments(n).filter((c) => c.user?.login.endsWith("[bot]")).map((c) => c.body);

describe("explore", () => {
  it("refused then granted then edit", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    const id = await p.comment("erin", n, "/timeline db failover");
    await p.settle();
    p.sim.setPermission("erin", "triage");
    p.advance(1);
    await p.as("erin").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/timeline db failover started" });
    await p.settle();
    console.log(p.sim.reactions(id).map((x) => x.content), recordRows(p.sim.issue(n).body));
  });
  it("valid invalid valid", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    const id = await p.comment("bob", n, "/severity critical");
    await p.settle();
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/severity critcal" });
    await p.settle();
    console.log(p.sim.reactions(id).map((x) => x.content), p.sim.issue(n).labels.map((l: any) => l.name));
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/severity critical" });
    await p.settle();
    console.log(p.sim.reactions(id).map((x) => x.content), p.sim.issue(n).labels.map((l: any) => l.name), botComments(p, n).length);
  });
  it("action with app token", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    const run = async () => {
      for (let i = 0; i < 10; i++) {
        const ds = p.sim.takeDeliveries();
        if (!ds.length) break;
        for (const d of ds) {
          // The Action: GitHub doesn't start workflows for the bot's own events with GITHUB_TOKEN; with an app token it does.
          await handleEvent(d as EmitterWebhookEvent, { octokit: p.bot, repo: p.repo, clock: () => p.clock(), log: { info: () => {}, warn: () => {} }, self: "github-actions[bot]" });
        }
      }
    };
    await run();
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await run();
    p.advance(1);
    await p.comment("bob", n, "/resolve fixed");
    await run();
    console.log(recordRows(p.sim.issue(n).body));
  });
  it("status resolved", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    p.advance(1);
    await p.comment("bob", n, "/status resolved all good");
    await p.settle();
    console.log(p.sim.issue(n).state, p.sim.issue(n).labels.map((l: any) => l.name));
  });
  it("end marker deleted", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await p.settle();
    const body = p.sim.issue(n).body!;
    await p.as("alice").rest.issues.update({ ...p.repo, issue_number: n, body: body.replace("<!-- hereby:end -->", "") + "\n\nMore notes" });
    p.advance(1);
    await p.comment("bob", n, "/timeline x");
    await p.settle();
    console.log(p.sim.issue(n).body);
  });
});

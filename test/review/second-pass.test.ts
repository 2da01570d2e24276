import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../src/demo/playground.js";
import type { GitHub } from "../../src/github/client.js";
import { handleEvent } from "../../src/handlers/index.js";

const PEOPLE = { alice: "write", bob: "write", carol: "triage", dave: "triage", erin: "read" } as const;

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

async function start(config = "timezone: UTC\n", people: Record<string, "read" | "triage" | "write" | "maintain" | "admin"> = {}): Promise<Playground> {
  pg = await Playground.start({ config, people: { ...PEOPLE, ...people } });
  return pg;
}

async function deliverAll(p: Playground): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) break;
    for (const d of pending) {
      try {
        await p.handle(d);
      } catch (error) {
        errors.push(error);
      }
    }
  }
  return errors;
}

/** Deliveries handled as the Action would: self unknown, with the given client. */
async function deliverAsAction(p: Playground, octokit: GitHub): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) return;
    for (const d of pending) {
      await handleEvent(d as EmitterWebhookEvent, {
        octokit,
        repo: p.repo,
        clock: () => p.clock(),
        log: { info: () => {}, warn: () => {} },
        self: null,
      });
    }
  }
}

function entries(p: Playground, n: number): string[] {
  const body = p.sim.issue(n).body ?? "";
  const block = body.slice(body.lastIndexOf("<!-- hereby:start -->"));
  return block
    .split("\n")
    .filter((l) => l.startsWith("| 20"))
    .map((l) => (l.split(" | ")[1] ?? "").replace(/ \[↗\]\(.*$/, ""));
}
const reactions = (p: Playground, id: number) => p.sim.reactions(id).map((r) => r.content);
const botComments = (p: Playground, n: number) =>
  p.sim.comments(n).filter((c) => c.user?.login.endsWith("[bot]")).map((c) => c.body ?? "");
const assignees = (p: Playground, n: number) => (p.sim.issue(n).assignees ?? []).map((a) => a.login).sort();
const recordField = (p: Playground, n: number, name: string) =>
  new RegExp(`\\| \\*\\*${name}\\*\\* \\| ([^|]*) \\|`).exec(p.sim.issue(n).body ?? "")?.[1];

describe("explore", () => {
  it("pre-assigned declarer, /declare deleted", async () => {
    const p = await start();
    const { data } = await p.as("alice").rest.issues.create({ ...p.repo, title: "Checkout down", body: "502s", assignees: ["bob"] });
    const n = data.number;
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("bob", n, "/declare");
    await deliverAll(p);
    console.log("before", assignees(p, n), recordField(p, n, "Lead"), recordField(p, n, "Declared"));
    p.advance(1);
    await p.comment("carol", n, "/timeline rollback started");
    await deliverAll(p);
    await p.as("bob").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    console.log("after", assignees(p, n), recordField(p, n, "Lead"), recordField(p, n, "Declared"), entries(p, n));
  });

  it("unassignable lead recorded by another handler first", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @bbo");
    await p.comment("carol", n, "/timeline rollback started");
    const ds = p.sim.takeDeliveries();
    for (const d of ds.reverse()) await p.handle(d);
    await deliverAll(p);
    console.log(assignees(p, n), recordField(p, n, "Lead"), entries(p, n), reactions(p, id), botComments(p, n).map((b) => b.slice(0, 60)));
  });

  it("action with PAT", async () => {
    const p = await start(undefined, { automation: "admin" });
    const bot = p.as("automation");
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, bot);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, bot);
    console.log(assignees(p, n), recordField(p, n, "Lead"), recordField(p, n, "Declared"), entries(p, n));
    console.log(p.sim.requests.filter((r) => r.actor === "automation" && r.method !== "GET").map((r) => r.method + " " + r.path + " " + JSON.stringify(r.body).slice(0, 150)));
    console.log(p.sim.comments(n).map((c) => `${c.user?.login}: ${c.body}`).join("\n---\n"));
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, bot);
    console.log(assignees(p, n), recordField(p, n, "Lead"), recordField(p, n, "Declared"), entries(p, n));
  });

  it("user quoting checklist marker", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    await p.comment("erin", n, "Last time the bot's comment started with `<!-- hereby:checklist declared -->`, is it broken?");
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAll(p);
    console.log("app", botComments(p, n).map((b) => b.slice(0, 60)), p.sim.requests.filter((r) => r.actor.endsWith("[bot]") && r.method !== "GET").map((r) => r.method + " " + r.path));
  });

  it("action: quoted marker", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("erin", n, "Last time the bot's comment started with `<!-- hereby:checklist declared -->`, is it broken?");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    const sev = await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, p.bot);
    console.log("action", botComments(p, n).map((b) => b.slice(0, 60)), entries(p, n), reactions(p, sev));
  });

  it("action PAT: checklist deleted", async () => {
    const p = await start(undefined, { automation: "admin" });
    const bot = p.as("automation");
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAsAction(p, bot);
    const checklist = p.sim.comments(n).find((c) => (c.body ?? "").includes("hereby:checklist"))!.id;
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, bot);
    console.log("before", entries(p, n), recordField(p, n, "Lead"), assignees(p, n));
    await p.as("alice").rest.issues.deleteComment({ ...p.repo, comment_id: checklist });
    p.advance(1);
    await p.comment("bob", n, "/timeline rollback");
    await deliverAsAction(p, bot);
    console.log("after", entries(p, n), recordField(p, n, "Lead"), recordField(p, n, "Declared"), assignees(p, n));
  });

  it("edit accepted lead to unassignable", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @carol");
    await deliverAll(p);
    console.log("before", assignees(p, n), recordField(p, n, "Lead"), entries(p, n));
    p.advance(1);
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/lead @carlo" });
    await deliverAll(p);
    console.log("after", assignees(p, n), recordField(p, n, "Lead"), entries(p, n), reactions(p, id), botComments(p, n).map((b) => b.slice(0, 90)));
    p.advance(1);
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/lead @dave" });
    await deliverAll(p);
    console.log("fixed", assignees(p, n), recordField(p, n, "Lead"), entries(p, n), reactions(p, id));
  });

  it("rejected unassignable then fixed", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @carlo");
    await deliverAll(p);
    p.advance(1);
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/lead @carol" });
    await deliverAll(p);
    console.log("fixed2", assignees(p, n), recordField(p, n, "Lead"), entries(p, n), reactions(p, id));
  });

  it("request counts", async () => {
    const p = await start(undefined, { frank: "triage", gina: "triage", hank: "write", ivan: "write" });
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    const reads = () => p.sim.requests.filter((r) => r.actor.endsWith("[bot]") && r.method === "GET").map((r) => r.operationId);
    p.advance(1);
    let before = reads().length;
    await p.comment("bob", n, "/timeline one");
    await deliverAll(p);
    console.log("plain command", reads().slice(before));
    const id = await p.comment("erin", n, "/timeline x");
    await deliverAll(p);
    p.advance(1);
    await p.as("erin").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/timeline xy" });
    await deliverAll(p);
    p.advance(1);
    before = reads().length;
    await p.comment("bob", n, "/timeline two");
    await deliverAll(p);
    console.log("after stale refusal", reads().slice(before));
    before = reads().length;
    await p.comment("bob", n, "/timeline three");
    await deliverAll(p);
    console.log("after stale refusal 2", reads().slice(before).length, botComments(p, n).length);
    const perm = () => p.sim.requests.filter((r) => r.operationId === "repos/get-collaborator-permission-level").length;
    before = perm();
    for (const who of ["alice", "bob", "carol", "dave", "frank", "gina", "hank", "ivan"]) await p.comment(who, n, `/timeline from ${who}`);
    await deliverAll(p);
    console.log("8 at once seq perms", perm() - before);
    before = perm();
    for (const who of ["alice", "bob", "carol", "dave", "frank", "gina", "hank", "ivan"]) await p.comment(who, n, `/timeline again ${who}`);
    await Promise.all(p.sim.takeDeliveries().map((d) => p.handle(d)));
    await deliverAll(p);
    console.log("8 at once concurrent perms", perm() - before);
  });
});

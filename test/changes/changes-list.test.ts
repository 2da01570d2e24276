// What changed around an incident, on the simulated GitHub: the list hereby offers on
// declaration, keeping an entry (tick or /keep), refusals, live updates and their pace.
import { describe, expect, it } from "vitest";
import {
  useSimulator,
  start,
  deliverAll,
  botComments,
  body,
  reactions,
  entries,
  type Role,
} from "../support/simulated.js";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";

useSimulator();

const list = (p: Playground, n: number) =>
  botComments(p, n).find((b) => b.startsWith("<!-- hereby:changes ")) ?? "";
const listComment = (p: Playground, n: number) =>
  p.sim.comments(n).find((c) => (c.body ?? "").startsWith("<!-- hereby:changes "))!;
const lines = (p: Playground, n: number) =>
  list(p, n)
    .split("\n")
    .filter((l) => l.startsWith("- ["));
const edits = (p: Playground, from: number) =>
  p.sim.requests
    .slice(from)
    .filter((r) => r.method === "PATCH" && r.path.startsWith("/repos/acme/shop/issues/comments/"));

async function merged(
  p: Playground,
  login: string,
  branch: string,
  title: string,
  body = "",
): Promise<void> {
  p.sim.pushFile(login, `${branch}.txt`, branch, branch);
  const { data } = await p
    .as(login)
    .rest.pulls.create({ ...p.repo, head: branch, base: "main", title, body });
  await p.as(login).rest.pulls.merge({ ...p.repo, pull_number: data.number });
}

/** At 14:00: a deploy four hours ago, one at 13:56, a release, merges, runs; declared at 14:00. */
async function declaredAfterChanges(
  config = "timezone: UTC\n",
  extra: Record<string, Role> = {},
): Promise<{ p: Playground; n: number }> {
  const p = await start(config, extra);
  p.advance(-240);
  p.sim.feeds.deploy("dave", { ref: "v2.29", environment: "production", state: "success" });
  p.advance(180);
  await merged(p, "bob", "cache", "Cache product pages");
  await merged(p, "bob", "undo", 'Revert "Cache product pages"', "This reverts commit 1234567.");
  p.sim.feeds.release("alice", { tag: "v2.31", name: "v2.31" });
  p.sim.feeds.run("bob", {
    name: "CI",
    title: "Cache product pages",
    branch: "main",
    conclusion: "failure",
  });
  p.sim.feeds.run("bob", { name: "CI", title: "wip", branch: "feature", conclusion: "failure" });
  p.sim.feeds.run("bob", { name: "CI", title: "green", branch: "main", conclusion: "success" });
  p.advance(56);
  p.sim.feeds.deploy("dave", { ref: "v2.31", environment: "production", state: "success" });
  p.advance(4);
  p.sim.takeDeliveries();
  const n = await p.openIssue("alice", "Checkout down", "Customers see 502s.", ["incident"]);
  await deliverAll(p);
  return { p, n };
}

describe("the changes around an incident", () => {
  it("lists what changed within the lookback window before the declaration, newest first, and nothing older", async () => {
    const { p, n } = await declaredAfterChanges();
    const shown = lines(p, n);
    expect(shown.map((l) => l.split(" · ").slice(1, 4).join(" · "))).toEqual(
      [
        "2026-11-23 13:56 UTC · deploy · production: v2.31 (success)",
        "2026-11-23 13:00 UTC · failed run · CI: Cache product pages",
        "2026-11-23 13:00 UTC · release · v2.31",
        '2026-11-23 13:00 UTC · revert · \\#2 Revert "Cache product pages"',
        "2026-11-23 13:00 UTC · merged PR · \\#1 Cache product pages",
      ].map((l) => l.replace(/\\#/g, "#")),
    );
    // The deploy four hours back is outside the three-hour window; so are the run on a
    // branch and the run that passed.
    expect(list(p, n)).not.toContain("v2.29");
    expect(list(p, n)).not.toContain("wip");
    expect(list(p, n)).toContain("by [dave](https://github.com/dave)");
    expect(list(p, n)).not.toMatch(/(^|\s)@dave/);
    expect(body(p, n)).toContain(`<!-- hereby:changescomment ${listComment(p, n).id} -->`);
  });

  it("reads a configured repository of the same owner, within the same budget", async () => {
    const p = await start("timezone: UTC\nchanges:\n  repositories: [api, other-owner/web]\n");
    p.sim.feeds.addRepository("api");
    p.sim.feeds.deploy("dave", {
      ref: "api-v7",
      environment: "production",
      state: "failure",
      repo: "api",
    });
    p.advance(3);
    const from = p.sim.requests.length;
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    expect(list(p, n)).toContain("production: api-v7 (failure) · [acme/api]");
    const api = p.sim.requests.slice(from).filter((r) => r.path.startsWith("/repos/acme/api/"));
    expect(api.length).toBeLessThanOrEqual(5);
    expect(p.sim.requests.slice(from).some((r) => r.path.includes("other-owner"))).toBe(false);
  });

  it("keeps a ticked change on the timeline at the change's own time, by the person who ticked it, and takes it back when unticked", async () => {
    const { p, n } = await declaredAfterChanges();
    const c = listComment(p, n);
    p.advance(2);
    const ticked = (c.body ?? "").replace(/- \[ \] (\*\*\d+\*\* · 2026-11-23 13:56)/, "- [x] $1");
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: c.id, body: ticked });
    await deliverAll(p);
    expect(entries(p, n)).toContain("deploy production: v2.31 (success) in acme/shop");
    const row = body(p, n)
      .split("\n")
      .find((l) => l.includes("deploy production"))!;
    expect(row).toMatch(/^\| 2026-11-23 13:56 \|/);
    expect(row).toContain("[bob](https://github.com/bob)");
    expect(row).toContain("/actions/runs/");
    expect(list(p, n)).toContain("**kept** by [bob](https://github.com/bob)");

    p.advance(2);
    const unticked = listComment(p, n).body.replace(/- \[x\] /, "- [ ] ");
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: c.id, body: unticked });
    await deliverAll(p);
    expect(entries(p, n).some((e) => e.startsWith("deploy"))).toBe(false);
  });

  it("/keep <n> keeps the change, and /keep <n> again takes it back", async () => {
    const { p, n } = await declaredAfterChanges();
    const number = /\*\*(\d+)\*\* · 2026-11-23 13:56/.exec(list(p, n))![1];
    p.advance(1);
    const id = await p.comment("carol", n, `/keep ${number}`);
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["+1"]);
    expect(entries(p, n)).toContain("deploy production: v2.31 (success) in acme/shop");
    p.advance(1);
    await p.comment("carol", n, `/keep ${number}`);
    await deliverAll(p);
    expect(entries(p, n).some((e) => e.startsWith("deploy"))).toBe(false);
  });

  it("refuses a keep by a read-only user: the list and the timeline stay as they were", async () => {
    const { p, n } = await declaredAfterChanges();
    const before = list(p, n);
    p.advance(1);
    const id = await p.comment("erin", n, "/keep 1");
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(list(p, n)).toBe(before);
    expect(entries(p, n).some((e) => e.startsWith("deploy") || e.startsWith("merged"))).toBe(false);
  });

  it("takes back a tick by someone below the configured permission, and says why", async () => {
    const { p, n } = await declaredAfterChanges("timezone: UTC\npermission: maintain\n");
    const c = listComment(p, n);
    p.advance(2);
    await p.as("bob").rest.issues.updateComment({
      ...p.repo,
      comment_id: c.id,
      body: c.body.replace("- [ ] ", "- [x] "),
    });
    await deliverAll(p);
    expect(lines(p, n).every((l) => l.startsWith("- [ ]"))).toBe(true);
    expect(
      botComments(p, n).some((b) =>
        b.includes("keeping a change needs at least **maintain** access"),
      ),
    ).toBe(true);
    expect(entries(p, n).some((e) => e.startsWith("deploy"))).toBe(false);
  });

  it("an update in place keeps a person's tick that hereby has not confirmed yet", async () => {
    const { p, n } = await declaredAfterChanges();
    const c = listComment(p, n);
    p.advance(2);
    await p.as("bob").rest.issues.updateComment({
      ...p.repo,
      comment_id: c.id,
      body: c.body.replace(/- \[ \] (\*\*\d+\*\* · 2026-11-23 13:56)/, "- [x] $1"),
    });
    const tick = p.sim.takeDeliveries();
    p.advance(2);
    p.sim.feeds.deploy("dave", { ref: "v2.32", environment: "production", state: "success" });
    await deliverAll(p);
    // The new deploy is listed, and bob's box is still ticked.
    expect(list(p, n)).toContain("production: v2.32");
    expect(lines(p, n).find((l) => l.includes("v2.31"))).toMatch(/^- \[x\]/);
    for (const d of tick) await p.handle(d);
    expect(entries(p, n)).toContain("deploy production: v2.31 (success) in acme/shop");
    expect(lines(p, n).find((l) => l.includes("v2.31"))).toMatch(/^- \[x\]/);
  });

  it("redacts and escapes titles", async () => {
    const p = await start();
    const token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    p.sim.feeds.deploy("dave", {
      ref: "v9",
      description: `token ${token} <!-- hereby:start --> @alice`,
      environment: "production",
      state: "success",
    });
    p.advance(1);
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    const text = list(p, n);
    expect(text).toContain("v9: token \\[redacted GitHub token\\]");
    expect(text).not.toContain(token);
    expect(text).not.toContain("<!-- hereby:start -->");
    expect(text).not.toMatch(/(^|[^[`\w])@alice\b/);
  });

  it("20 deployments within a minute of the last update give one edit, listing all of them", async () => {
    const { p, n } = await declaredAfterChanges();
    const from = p.sim.requests.length;
    for (let i = 0; i < 20; i++) {
      p.advance(0.04);
      p.sim.feeds.deploy("dave", { ref: `v3.${i}`, environment: "staging", state: "success" });
      await deliverAll(p);
    }
    expect(edits(p, from)).toHaveLength(0);
    p.advance(1);
    expect(await p.runDue()).toBe(1);
    expect(edits(p, from)).toHaveLength(1);
    // Each one listed; the newest with its state (the refresh reads one deployment's status).
    for (let i = 0; i < 20; i++)
      expect(list(p, n)).toMatch(new RegExp(`staging: v3\\.${i}( \\(success\\))? ·`));
  });
});

// /action on the simulated GitHub through the real comment handler: new issues linked
// as sub-issues, existing issues linked, GitHub's limits answered with a clear 😕.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { playground } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

async function incident(p: Playground): Promise<number> {
  const n = await p.openIssue("alice", "Checkout 502", "EU customers", ["incident"]);
  await p.settle();
  return n;
}

async function say(p: Playground, n: number, body: string, login = "bob"): Promise<number> {
  p.advance(1);
  const id = await p.comment(login, n, body);
  await p.settle();
  return id;
}

const labels = (p: Playground, n: number) =>
  p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name));
const botReplies = (p: Playground, n: number) =>
  p.sim
    .comments(n)
    .filter((c) => c.user?.login === "hereby[bot]" && !(c.body ?? "").includes("hereby:checklist"))
    .map((c) => c.body ?? "");

describe("/action", () => {
  it("opens an issue for the owner, linked as a sub-issue, and lists it in the record; a redelivery opens nothing more", async () => {
    pg = await playground();
    const p = pg;
    const n = await incident(p);
    const id = await say(p, n, "/action Alert on gateway 5xx @dave");
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["+1"]);
    const [item] = p.sim.subIssues(n);
    expect(item).toMatchObject({ title: "Alert on gateway 5xx", state: "open" });
    expect(item!.assignees?.map((a) => a.login)).toEqual(["dave"]);
    expect(labels(p, item!.number)).toEqual(["incident-action"]);
    expect(item!.body).toContain(`Action item from incident #${n}`);
    expect(p.sim.issue(n).body).toContain(
      `| #${item!.number} Alert on gateway 5xx | open | [dave](https://github.com/dave) |`,
    );
    expect(botReplies(p, n)).toEqual([]);
    // A second comment's delivery handled twice (a retry, a second replica).
    p.advance(1);
    await p.comment("bob", n, "/action Canary deploys @carol");
    for (const d of p.sim.takeDeliveries()) {
      await p.handle(d);
      await p.handle(d);
    }
    await p.settle();
    expect(p.sim.subIssues(n).map((i) => i.title)).toEqual([
      "Alert on gateway 5xx",
      "Canary deploys",
    ]);
  });

  it("shows an item closed or reopened in the incident's record", async () => {
    pg = await playground();
    const p = pg;
    const n = await incident(p);
    await say(p, n, "/action Alert on gateway 5xx @dave");
    const [item] = p.sim.subIssues(n);
    await p.as("dave").rest.issues.update({
      ...p.repo,
      issue_number: item!.number,
      state: "closed",
      state_reason: "not_planned",
    });
    await p.settle();
    expect(p.sim.issue(n).body).toContain(
      `| #${item!.number} Alert on gateway 5xx | closed: not planned | [dave](https://github.com/dave) |`,
    );
    await p.as("dave").rest.issues.update({ ...p.repo, issue_number: item!.number, state: "open" });
    await p.settle();
    expect(p.sim.issue(n).body).toContain(
      `| #${item!.number} Alert on gateway 5xx | open | [dave](https://github.com/dave) |`,
    );
  });

  it("asks for an owner when none is named, and notes gently when open items pass actions.max", async () => {
    pg = await playground();
    const p = pg;
    const n = await incident(p);
    await say(p, n, "/action Rotate the keys");
    expect(botReplies(p, n)).toEqual([
      expect.stringContaining("**Rotate the keys** has no owner yet: who will take it?"),
    ]);
    await say(
      p,
      n,
      "/action Runbook for gateway failover @carol\n/action Load test @dave\n/action Canary deploys @bob",
    );
    expect(p.sim.subIssues(n)).toHaveLength(4);
    const [, note] = botReplies(p, n);
    expect(note).toContain("This incident now has 4 open action items");
    expect(note).toContain("about 3");
  });

  it("links an existing issue and labels it; /help lists the items with state and owner", async () => {
    pg = await playground();
    const p = pg;
    const n = await incident(p);
    const { data: existing } = await p
      .as("alice")
      .rest.issues.create({ ...p.repo, title: "Flaky payment retries", assignees: ["carol"] });
    await p.settle();
    const id = await say(p, n, `/action #${existing.number}`);
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["+1"]);
    expect(p.sim.subIssues(n).map((i) => i.number)).toEqual([existing.number]);
    expect(labels(p, existing.number)).toEqual(["incident-action"]);
    await say(p, n, "/help");
    expect(botReplies(p, n).at(-1)).toContain(
      `| #${existing.number} Flaky payment retries | open | [carol](https://github.com/carol) |`,
    );
  });

  it("gives one reply for an issue elsewhere, whether the repository is missing or out of the commenter's reach", async () => {
    pg = await playground();
    const p = pg;
    const n = await incident(p);
    const before = p.sim.issue(n).body;
    const replies: string[] = [];
    for (const target of ["acme/vault#1", "acme/nosuch#1"]) {
      const id = await say(p, n, `/action ${target}`);
      expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["confused"]);
      // The hidden marker names the comment; what people read must be the same.
      const shown = (botReplies(p, n).at(-1) ?? "").replace(/<!--[^]*?-->/g, "");
      const repo = target.split("#")[0]!;
      replies.push(
        shown
          .replaceAll(target, "TARGET")
          .replaceAll(repo, "REPO")
          .replace(/issuecomment-\d+/g, "issuecomment-ID"),
      );
    }
    expect(replies[0]).toContain(
      "TARGET can't be linked: it doesn't exist, or you don't have triage access",
    );
    expect(replies[1]).toBe(replies[0]);
    expect(p.sim.subIssues(n)).toEqual([]);
    expect(p.sim.issue(n).body).toBe(before);
  });

  it.each([
    [
      "another owner's repository",
      "/action octo/api#3",
      "octo/api#3 is owned by octo: GitHub links sub-issues only from repositories of the same owner (acme)",
    ],
    ["an issue that does not exist", "/action #99", "#99 was not found"],
    ["a pull request", "/action #PR", "is a pull request"],
    ["the incident itself", "/action #SELF", "an incident can't be its own action item"],
    ["an issue under another parent", "/action #CHILD", "is already a sub-issue of acme/shop#"],
    [
      "an owner GitHub can't assign",
      "/action Fix it @nobody-here",
      "`@nobody-here` can't be assigned",
    ],
  ])("refuses %s with 😕 and changes nothing", async (_what, command, error) => {
    pg = await playground();
    const p = pg;
    const n = await incident(p);
    const other = await p.openIssue("alice", "Other incident", "x");
    const { data: child } = await p.as("alice").rest.issues.create({ ...p.repo, title: "Child" });
    await p
      .as("alice")
      .rest.issues.addSubIssue({ ...p.repo, issue_number: other, sub_issue_id: child.id });
    p.sim.seedFile("notes.txt", "x", "x");
    const { data: pr } = await p
      .as("alice")
      .rest.pulls.create({ ...p.repo, title: "PR", head: "x", base: "main" });
    await p.settle();
    const body = command
      .replace("#PR", `#${pr.number}`)
      .replace("#SELF", `#${n}`)
      .replace("#CHILD", `#${child.number}`);
    const before = p.sim.issue(n).body;
    const id = await say(p, n, body);
    expect(p.sim.reactions(id).map((r) => r.content)).toEqual(["confused"]);
    expect(botReplies(p, n).at(-1), botReplies(p, n).join("\n")).toContain(error);
    expect(p.sim.subIssues(n)).toEqual([]);
    expect(p.sim.issue(n).body).toBe(before);
  });
});

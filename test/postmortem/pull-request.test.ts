// The postmortem pull request through the real handlers against the simulated GitHub:
// opened once per incident, refreshed only while hereby alone has committed, announced
// and recorded on the incident, and every setup problem answered with a clear reply.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { playground, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const BRANCH = "hereby/postmortem-1";
const FILE = "docs/postmortems/2026-11-23-1-checkout-returns-502.md";

async function resolvedIncident(severity = "major", config?: string): Promise<Playground> {
  pg = await playground(config);
  const p = pg;
  const step = async (fn: () => Promise<unknown>) => {
    p.advance(3);
    await fn();
    await p.settle();
  };
  await step(() =>
    p.openIssue("alice", "Checkout returns 502", "Customers can't pay.", ["incident"]),
  );
  await step(() =>
    p.comment(
      "alice",
      1,
      `/severity ${severity}\n/role ops @bob\n/timeline @bob rolled back the deploy`,
    ),
  );
  await step(() => p.comment("bob", 1, "/status monitoring error rate falling"));
  await step(() => p.comment("alice", 1, "/resolve"));
  return p;
}

const botComments = (p: Playground, n: number) =>
  p.sim
    .comments(n)
    .filter((c) => c.user?.login === "hereby[bot]")
    .map((c) => c.body ?? "");
const commitsOn = (p: Playground) =>
  p.sim.requests.filter((r) => r.operationId === "repos/create-or-update-file-contents").length;

describe("resolving an incident", () => {
  it("opens one pull request named as SPEC says, with the lead as reviewer", async () => {
    const p = await resolvedIncident();
    const pulls = p.sim.pulls();
    expect(pulls).toHaveLength(1);
    const pull = pulls[0]!;
    expect(pull.title).toBe("Postmortem: Checkout returns 502 (#1)");
    expect(pull.head.ref).toBe(BRANCH);
    expect(pull.base.ref).toBe("main");
    expect(pull.body).toContain("incident #1");
    expect(pull.requested_reviewers?.map((r) => r.login)).toEqual(["alice"]);
    const file = p.sim.file(FILE, BRANCH) ?? "";
    expect(file).toContain("# Postmortem: Checkout returns 502 (#1)");
    expect(file).toContain("```mermaid\ntimeline");
    // Blameless: bob is "Operations" outside the People section.
    const people = file.indexOf("## People");
    const timeline = file.indexOf("## Timeline");
    expect(file.slice(timeline)).toContain("Operations rolled back the deploy");
    expect(file.slice(0, people)).not.toMatch(/@bob|@alice/);
    expect(file.slice(timeline)).not.toMatch(/@bob|@alice/);
    expect(file.slice(people, timeline)).toContain("| Operations | Operations | @bob |");
  });

  it("announces the pull request on the incident, links it from the record and puts it on the timeline", async () => {
    const p = await resolvedIncident();
    expect(botComments(p, 1).filter((b) => b.includes("hereby:postmortem opened:2"))).toHaveLength(
      1,
    );
    const body = p.sim.issue(1).body ?? "";
    expect(body).toContain("| **Postmortem** | #2 (in review) |");
    expect(recordRows(body).some((r) => r.includes("Postmortem opened: #2"))).toBe(true);
  });

  it("opens nothing when the incident is closed by hand by someone below the commands' permission", async () => {
    pg = await playground();
    const p = pg;
    await p.openIssue("erin", "Checkout returns 502", "x");
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: 1, labels: ["incident"] });
    await p.settle();
    // GitHub lets an issue's author close it with read access.
    await p.as("erin").rest.issues.update({ ...p.repo, issue_number: 1, state: "closed" });
    await p.settle();
    // Not resolved either: hereby reopens it and says so.
    expect(p.sim.issue(1).labels.map((l) => (typeof l === "string" ? l : l.name))).toContain(
      "status:investigating",
    );
    expect(p.sim.issue(1).state).toBe("open");
    expect(p.sim.pulls()).toHaveLength(0);
    await p.as("erin").rest.issues.update({ ...p.repo, issue_number: 1, state: "open" });
    await p.settle();
    await p.as("carol").rest.issues.update({ ...p.repo, issue_number: 1, state: "closed" });
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
  });

  it("skips severities configured to skip, unless /postmortem asks", async () => {
    const p = await resolvedIncident("trivial");
    expect(p.sim.pulls()).toHaveLength(0);
    p.advance(5);
    await p.comment("alice", 1, "/postmortem");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
  });
});

describe("one pull request per incident, ever", () => {
  it("refreshes the file on /postmortem and on redelivery, never a second pull request", async () => {
    const p = await resolvedIncident();
    const before = commitsOn(p);
    p.advance(5);
    await p.comment("alice", 1, "/timeline found the cause in the load balancer config");
    await p.settle();
    await p.comment("alice", 1, "/postmortem");
    const [delivery] = p.sim.takeDeliveries();
    await p.handle(delivery!);
    await p.handle(delivery!);
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
    expect(commitsOn(p)).toBe(before + 1);
    expect(p.sim.file(FILE, BRANCH)).toContain("found the cause in the load balancer config");
    expect(botComments(p, 1).filter((b) => b.includes("postmortem opened"))).toHaveLength(1);
    expect(botComments(p, 1).filter((b) => b.includes("Refreshed the draft in #2"))).toHaveLength(
      1,
    );
  });

  it("opens one pull request when the resolving delivery is handled twice at the same time", async () => {
    pg = await playground();
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    p.advance(5);
    await p.comment("alice", 1, "/resolve");
    const [delivery] = p.sim.takeDeliveries();
    p.sim.latency = (req) => (req.method === "GET" ? 0 : 15);
    await Promise.all([p.handle(delivery!), p.handle(delivery!)]);
    p.sim.latency = () => 0;
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
    expect(botComments(p, 1).filter((b) => b.includes("postmortem failed"))).toEqual([]);
    expect(botComments(p, 1).filter((b) => b.includes("postmortem opened"))).toHaveLength(1);
  });

  it("leaves the file alone once a person pushed, and replies with what it would have changed", async () => {
    const p = await resolvedIncident();
    const edited = "# Postmortem, as bob wrote it\n";
    p.sim.pushFile("bob", FILE, edited, BRANCH);
    p.advance(5);
    await p.comment("alice", 1, "/timeline one more thing");
    await p.settle();
    await p.comment("alice", 1, "/postmortem");
    await p.settle();
    expect(p.sim.file(FILE, BRANCH)).toBe(edited);
    const diff = botComments(p, 1).find((b) => b.includes("hereby:postmortem diff:"));
    expect(diff).toContain("```diff");
    // Only what the record added since hereby's last commit: bob's rewrite isn't "undone".
    expect(diff).toMatch(/\n\+\| 2026-11-23 \d\d:\d\d \| one more thing/);
    expect(diff).not.toContain("as bob wrote it");
    expect(p.sim.pulls()).toHaveLength(1);
  });

  it("says so, and opens nothing, when the pull request was closed without merging", async () => {
    const p = await resolvedIncident();
    await p.as("alice").rest.pulls.update({ ...p.repo, pull_number: 2, state: "closed" });
    await p.settle();
    await p.comment("alice", 1, "/postmortem");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
    expect(botComments(p, 1).find((b) => b.includes("postmortem closed:2"))).toContain(
      "closed without merging",
    );
  });

  it("records the merge on the incident's timeline", async () => {
    const p = await resolvedIncident();
    p.advance(60);
    await p.as("alice").rest.pulls.merge({ ...p.repo, pull_number: 2 });
    await p.settle();
    const body = p.sim.issue(1).body ?? "";
    expect(body).toContain("| **Postmortem** | #2 (merged) |");
    expect(recordRows(body).some((r) => r.includes("Postmortem merged: #2"))).toBe(true);
    expect(p.sim.file(FILE)).toContain("# Postmortem: Checkout returns 502 (#1)");
  });

  // The run's result is what the Action prints as its `pull-request` output and the App logs.
  it("names the pull request in the result of the runs that open, refresh and merge it", async () => {
    const p = await resolvedIncident();
    const opened = p.results.filter((r) => r.pullRequest !== undefined);
    // Two entries: the resolution, and the pull request opened (the Action's `entries-added`).
    expect(opened.map((r) => [r.pullRequest, r.incident?.status, r.entriesAdded])).toEqual([
      [2, "resolved", 2],
    ]);
    p.advance(5);
    await p.comment("alice", 1, "/timeline customers confirm checkout works");
    await p.comment("alice", 1, "/postmortem");
    const [timeline, refresh] = (await p.settle()).filter((r) => r.handled);
    expect(timeline!.pullRequest).toBeUndefined();
    expect(refresh!.pullRequest).toBe(2);
    p.advance(60);
    await p.as("alice").rest.pulls.merge({ ...p.repo, pull_number: 2 });
    const merged = (await p.settle()).filter((r) => r.handled);
    expect(merged.map((r) => r.pullRequest)).toEqual([2]);
  });

  it("records a merge whose webhook was lost when /postmortem is asked for", async () => {
    const p = await resolvedIncident();
    p.advance(60);
    await p.as("alice").rest.pulls.merge({ ...p.repo, pull_number: 2 });
    p.sim.takeDeliveries();
    await p.comment("alice", 1, "/postmortem");
    await p.settle();
    expect(p.sim.issue(1).body).toContain("| **Postmortem** | #2 (merged) |");
    expect(botComments(p, 1).find((b) => b.includes("postmortem already-merged:2"))).toContain(
      "merged in #2",
    );
  });

  it("ignores a merged pull request from a hereby-like branch that a person opened", async () => {
    const p = await resolvedIncident("trivial");
    p.sim.pushFile("bob", "notes.md", "x\n", "hereby/postmortem-1");
    const { data } = await p
      .as("bob")
      .rest.pulls.create({ ...p.repo, head: "hereby/postmortem-1", base: "main", title: "mine" });
    await p.as("alice").rest.pulls.merge({ ...p.repo, pull_number: data.number });
    await p.settle();
    expect(botComments(p, 1).some((b) => b.includes("postmortem merged"))).toBe(false);
  });
});

describe("repositories set up differently", () => {
  it("targets a default branch that is not main, and says so", async () => {
    pg = await playground();
    pg.sim.setDefaultBranch("trunk");
    pg.sim.seedFile(".github/hereby.yml", "timezone: UTC\n");
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    p.advance(5);
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    expect(p.sim.pulls()[0]?.base.ref).toBe("trunk");
    expect(botComments(p, 1).find((b) => b.includes("postmortem opened"))).toContain(
      "targets `trunk`",
    );
  });

  it("opens the pull request when the default branch is protected: nothing is pushed to it", async () => {
    pg = await playground();
    pg.sim.protectBranch("main");
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
  });

  it("names the missing permission when the App lacks contents: write", async () => {
    pg = await playground();
    pg.sim.revokeAppPermission("contents");
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    await p.comment("alice", 1, "/resolve");
    const results = await p.settle();
    // GitHub's refusal is the handler's answer, not a crash: /resolve still resolves the
    // incident, and the run's notes (the App's log line) carry the refusal.
    const resolving = results.filter((r) => r.handled);
    expect(resolving).toHaveLength(1);
    expect(resolving[0]!.incident?.status).toBe("resolved");
    expect(resolving[0]!.notes).toEqual(["postmortem: Resource not accessible by integration"]);
    expect(p.sim.pulls()).toHaveLength(0);
    expect(botComments(p, 1).find((b) => b.includes("postmortem failed:contents"))).toContain(
      "`contents: write`",
    );
  });

  it("names a secondary rate limit that outlasts the retries, with when to try again, not a missing permission", async () => {
    pg = await playground();
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    const limit =
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
    p.sim.failNext(
      { method: "POST", path: /\/git\/refs$/ },
      { status: 403, applyFirst: false, message: limit, headers: { "retry-after": "120" } },
    );
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(0);
    const reply = botComments(p, 1).find((b) => b.includes("postmortem failed:")) ?? "";
    expect(reply).toContain("secondary rate limit");
    expect(reply).toMatch(/wait until \d\d:\d\d UTC/);
    expect(reply).toContain("tries again on the next `/postmortem`");
    expect(reply).not.toContain("contents: write");

    await p.comment("alice", 1, "/postmortem");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
  });

  it("names pull_requests: write when only the pull request is refused, and opens it once granted", async () => {
    pg = await playground();
    pg.sim.revokeAppPermission("pull_requests");
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(0);
    expect(botComments(p, 1).find((b) => b.includes("postmortem failed:pulls"))).toContain(
      "`pull_requests: write`",
    );
    // Granted later: the branch hereby made is reused, and the pull request opened.
    p.sim.grantAppPermission("pull_requests");
    await p.comment("alice", 1, "/postmortem");
    await p.settle();
    expect(p.sim.pulls().map((x) => x.head.ref)).toEqual([BRANCH]);
    expect(commitsOn(p)).toBe(1);
  });

  it("names the problem in a repository template that doesn't parse, and opens nothing", async () => {
    pg = await playground();
    pg.sim.seedFile(".github/hereby/postmortem.md", "# {{title}}\n{{#people}}\n");
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(0);
    expect(botComments(p, 1).find((b) => b.includes("postmortem template:"))).toContain(
      "mustache cannot parse it",
    );
  });

  it("drafts with the default template when the repository's nests list sections, and replies why", async () => {
    pg = await playground();
    const nested =
      "# {{title}}\n{{#timeline}}{{#timeline}}{{#timeline}}{{text}}{{/timeline}}{{/timeline}}{{/timeline}}\n";
    pg.sim.seedFile(".github/hereby/postmortem.md", nested);
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    expect(p.sim.pulls()).toHaveLength(1);
    const reply = botComments(p, 1).find((b) => b.includes("postmortem template-fallback:")) ?? "";
    expect(reply).toContain("hereby used its default postmortem template");
    expect(reply).toContain("line 2: `{{#timeline}}` is inside `{{#timeline}}` (line 2)");
  });

  it("names an unknown variable in a repository template", async () => {
    pg = await playground();
    pg.sim.seedFile(
      ".github/hereby/postmortem.md",
      "# {{tilte}}\n{{#timeline}}{{when}}{{/timeline}}\n",
    );
    const p = pg;
    await p.openIssue("alice", "Checkout returns 502", "x", ["incident"]);
    await p.settle();
    await p.comment("alice", 1, "/resolve");
    await p.settle();
    const reply = botComments(p, 1).find((b) => b.includes("postmortem template:")) ?? "";
    expect(reply).toContain("`{{tilte}}` is not a postmortem variable");
    expect(reply).toContain("`{{when}}` is not a postmortem variable");
  });
});

// `/report` through the real handlers against the simulated GitHub: on any issue, one
// comment holding the report; a bad day rejected with nothing else changed; a redelivery
// or a repeat minutes later costs no second report.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { seedIncidents } from "../../packages/simulator/src/demo/seed-incidents.js";
import { PEOPLE } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

/** Three resolved incidents declared 20 hours apart from 1 January, then an ordinary issue (#4) in March. */
async function withIncidents(): Promise<{ p: Playground; issue: number }> {
  const p = (pg = await Playground.start({
    start: new Date("2026-01-01T00:00:00Z"),
    config: "timezone: UTC\n",
    people: { ...PEOPLE, mallory: "read" },
  }));
  await seedIncidents(
    p.bot,
    p.repo,
    (at) => p.advance((at.getTime() - p.clock().getTime()) / 60_000),
    3,
    { stepHours: 20 },
  );
  p.sim.takeDeliveries();
  p.advance(60 * 24 * 60);
  const issue = await p.openIssue("erin", "Ops sync, March", "Agenda: how did we do?");
  await p.settle();
  return { p, issue };
}

const botComments = (p: Playground, n: number) =>
  p.sim
    .comments(n)
    .filter((c) => c.user?.login === "hereby[bot]")
    .map((c) => c.body ?? "");
const reactions = (p: Playground, id: number) => p.sim.reactions(id).map((r) => r.content);
const reportReads = (p: Playground, from: number) =>
  p.sim.requests.slice(from).filter((r) => r.operationId === "issues/list-for-repo").length;

describe("/report", () => {
  // Read access is all `/report` needs: erin and mallory have it (GitHub lets nobody
  // without it comment, so a refusal for `/report` alone is not reachable).
  it("report: /report on any issue answers with one comment holding the report", async () => {
    const { p, issue } = await withIncidents();
    const asked = await p.comment("erin", issue, "How are we doing?\n/report");
    await p.settle();
    const [reply, ...more] = botComments(p, issue);
    expect(more).toEqual([]);
    expect(reply).toContain(`<!-- hereby:report ${asked}:all -->`);
    expect(reply).toContain("# Incident report: acme/shop");
    expect(reply).toContain("**3** incidents");
    expect(reply).toContain("```mermaid\nxychart-beta");
    expect(reactions(p, asked)).toEqual(["+1"]);
    // It stays an ordinary issue.
    expect(p.sim.issue(issue).labels).toEqual([]);
    expect(p.sim.issue(issue).body).toBe("Agenda: how did we do?");
  });

  it("report: a since day counts only the incidents declared from that day", async () => {
    const { p, issue } = await withIncidents();
    await p.comment("erin", issue, "/report 2026-01-02");
    await p.settle();
    const [reply] = botComments(p, issue);
    expect(reply).toContain("Incidents declared from 2026-01-02");
    expect(reply).toContain("**1** incidents");
  });

  it.each([
    [
      "/report last month",
      '"last" is not a day; use a day like 2026-01-01 (UTC), or nothing for every incident',
    ],
    ["/report 2026-02-30", '"2026-02-30" is not a day'],
    ["/report 2027-01-01", "2027-01-01 is after the day of this comment"],
    ["/report 2026-01-01 please", 'unexpected "please" after the day'],
  ])("report: a bad since day is rejected and nothing is written: %s", async (text, error) => {
    const { p, issue } = await withIncidents();
    const before = p.sim.requests.length;
    const asked = await p.comment("erin", issue, text);
    await p.settle();
    const [reply, ...more] = botComments(p, issue);
    expect(more).toEqual([]);
    expect(reply).toContain(error);
    expect(reply).toContain("usage: `/report [YYYY-MM-DD]`");
    expect(reply).not.toContain("# Incident report");
    expect(reactions(p, asked)).toEqual(["confused"]);
    expect(reportReads(p, before)).toBe(0);
    expect(p.sim.issue(issue).labels).toEqual([]);
  });

  it("report: a redelivered /report writes no second comment and reads nothing twice", async () => {
    const { p, issue } = await withIncidents();
    await p.comment("erin", issue, "/report");
    const [delivery] = p.sim.takeDeliveries();
    await p.handle(delivery!);
    const before = p.sim.requests.length;
    await p.handle(delivery!);
    await p.settle();
    expect(botComments(p, issue)).toHaveLength(1);
    expect(reportReads(p, before)).toBe(0);
  });

  it("report: a second /report within 10 minutes points at the first, and after that gets its own", async () => {
    const { p, issue } = await withIncidents();
    await p.comment("erin", issue, "/report");
    await p.settle();
    p.advance(4);
    const before = p.sim.requests.length;
    const again = await p.comment("mallory", issue, "/report 2026-01-01");
    await p.settle();
    expect(reportReads(p, before)).toBe(0);
    const pointer = botComments(p, issue)[1] ?? "";
    expect(pointer).toContain(`<!-- hereby:reportrecent ${again}:2026-01-01 -->`);
    expect(pointer).toContain("A report was posted on this issue 4 minutes ago");
    const first = p.sim.comments(issue).find((c) => c.body?.includes("# Incident report"));
    const after = new Date(Date.parse(first!.created_at) + 10 * 60_000).toISOString().slice(11, 16);
    expect(pointer).toContain(`Ask again after ${after} UTC.`);
    expect(reactions(p, again)).toEqual(["+1"]);
    p.advance(7);
    // Someone with the permission: readers had their report for the hour (erin's).
    await p.comment("carol", issue, "/report");
    await p.settle();
    expect(botComments(p, issue).filter((b) => b.includes("# Incident report"))).toHaveLength(2);
  });

  it("report: a /report on another issue within 10 minutes gets a link to the repository's last report", async () => {
    const { p, issue } = await withIncidents();
    await p.comment("carol", issue, "/report");
    await p.settle();
    p.advance(3);
    const other = await p.openIssue("dave", "Planning", "Next quarter");
    const before = p.sim.requests.length;
    const asked = await p.comment("dave", other, "/report");
    await p.settle();
    expect(reportReads(p, before)).toBe(0);
    const pointer = botComments(p, other)[0] ?? "";
    expect(pointer).toContain(`<!-- hereby:reportrecent ${asked}:all -->`);
    expect(pointer).toContain(
      `[A report for this repository was asked for 3 minutes ago](${p.sim.issue(issue).html_url})`,
    );
    expect(pointer).not.toContain("# Incident report");
  });

  it("report: /report comments handled at the same time make one report, the others link to it", async () => {
    const { p, issue } = await withIncidents();
    for (const who of ["alice", "bob", "carol", "dave"]) await p.comment(who, issue, "/report");
    const deliveries = p.sim.takeDeliveries();
    const before = p.sim.requests.length;
    await Promise.all(deliveries.map((d) => p.handle(d)));
    await p.settle();
    // One report's reads: the four listings, once.
    expect(reportReads(p, before)).toBe(4);
    expect(botComments(p, issue).filter((b) => b.includes("# Incident report"))).toHaveLength(1);
    expect(
      botComments(p, issue).filter((b) => b.includes("A report for this repository was asked for")),
    ).toHaveLength(3);
  });

  it("report: people below the permission get one report an hour per repository between them", async () => {
    const { p, issue } = await withIncidents();
    await p.comment("erin", issue, "/report");
    await p.settle();
    p.advance(30);
    const other = await p.openIssue("mallory", "Question", "How often do we page?");
    const before = p.sim.requests.length;
    await p.comment("mallory", other, "/report");
    await p.settle();
    expect(reportReads(p, before)).toBe(0);
    const limited = botComments(p, other)[0] ?? "";
    expect(limited).toContain("one report per repository every 60 minutes between them");
    expect(limited).toMatch(/Ask again after \d\d:\d\d UTC/);
    // Someone with the permission is not held by the readers' hour.
    await p.comment("carol", other, "/report");
    await p.settle();
    expect(botComments(p, other).filter((b) => b.includes("# Incident report"))).toHaveLength(1);
    p.advance(31);
    await p.comment("mallory", other, "/report 2026-01-02");
    await p.settle();
    expect(botComments(p, other).filter((b) => b.includes("# Incident report"))).toHaveLength(2);
  });

  it("report: other /words on an ordinary issue stay another bot's business", async () => {
    const { p, issue } = await withIncidents();
    await p.comment("erin", issue, "/severity critical\n/assign @bob");
    await p.settle();
    expect(botComments(p, issue)).toEqual([]);
  });

  it("report: /report with incident commands on an incident applies both", async () => {
    const { p } = await withIncidents();
    const n = await p.openIssue("alice", "Search is slow", "p99 at 4 s", ["incident"]);
    await p.settle();
    p.advance(5);
    const asked = await p.comment("bob", n, "/timeline cache warmed\n/report");
    await p.settle();
    expect(p.sim.issue(n).body).toContain("cache warmed");
    expect(
      botComments(p, n).filter((b) => b.includes("# Incident report: acme/shop")),
    ).toHaveLength(1);
    expect(reactions(p, asked)).toEqual(["+1"]);
  });

  it("report: on an incident, read access is enough for /report alone, not for it with other commands", async () => {
    const { p } = await withIncidents();
    const n = await p.openIssue("alice", "Search is slow", "p99 at 4 s", ["incident"]);
    await p.settle();
    const alone = await p.comment("erin", n, "/report");
    const mixed = await p.comment("erin", n, "/report\n/severity critical");
    await p.settle();
    expect(reactions(p, alone)).toEqual(["+1"]);
    expect(reactions(p, mixed)).toEqual(["confused"]);
    expect(botComments(p, n).filter((b) => b.includes("# Incident report"))).toHaveLength(1);
    expect(botComments(p, n).some((b) => b.includes("need at least **triage** access"))).toBe(true);
    expect(p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name))).not.toContain(
      "severity:critical",
    );
  });
});

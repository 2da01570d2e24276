// Declaring below the permission: anyone may submit the shipped issue form at "critical",
// and GitHub applies its `incident` label whatever their access. The incident is recorded,
// but nobody is paged and nobody is made lead until someone with the permission confirms
// with `/severity`, `/lead` or `/declare`; then the page goes out, once. An alerting app
// or workflow that adds the label declares and pages as it always did.
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { NOTIFY_CONFIG, playground, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

const FORM = "### What is broken?\n\nCheckout\n\n### Severity\n\ncritical\n";
const bot = (p: Playground, n: number) =>
  p.sim
    .comments(n)
    .filter((c) => c.user?.login === "hereby[bot]")
    .map((c) => c.body ?? "");
const pages = (p: Playground, n: number) =>
  bot(p, n).filter((b) => b.includes("<!-- hereby:notify "));

async function submittedByReader(): Promise<{ p: Playground; n: number }> {
  pg = await playground(NOTIFY_CONFIG);
  const issue = pg.sim.submitIssueForm("erin", {
    title: "Checkout is down",
    body: FORM,
    labels: ["incident"],
  });
  await pg.settle();
  return { p: pg, n: issue.number };
}

describe("an incident declared by someone below the permission", () => {
  it("is recorded, but pages nobody and assigns no lead; the checklist says who can confirm and how", async () => {
    const { p, n } = await submittedByReader();
    expect(
      p.sim
        .issue(n)
        .labels.map((l) => (typeof l === "string" ? l : l.name))
        .sort(),
    ).toEqual(["incident", "severity:critical", "status:investigating"]);
    expect(recordRows(p.sim.issue(n).body).join("\n")).toContain("Incident declared");
    expect(p.sim.issue(n).assignees ?? []).toEqual([]);
    expect(pages(p, n)).toEqual([]);
    const checklist = bot(p, n).find((b) => b.includes("<!-- hereby:checklist declared -->")) ?? "";
    expect(checklist).toContain("nobody yet leads");
    expect(checklist).toContain(
      "without `triage` access to this repository, so nobody has been paged and no lead is assigned",
    );
    expect(checklist).toContain("`/severity <level>`, `/lead @someone` or `/declare`");
  });

  it.each([["/severity critical"], ["/lead @bob"], ["/declare"]])(
    "is confirmed by %s from someone with the permission, which pages once",
    async (command) => {
      const { p, n } = await submittedByReader();
      await p.comment("bob", n, command);
      await p.settle();
      expect(pages(p, n)).toEqual([
        expect.stringContaining(
          "@acme/oncall: this incident was declared at **critical** severity.",
        ),
      ]);
      expect(recordRows(p.sim.issue(n).body).join("\n")).toContain("Declaration confirmed");

      await p.comment("alice", n, "/severity critical");
      await p.settle();
      expect(pages(p, n)).toHaveLength(1);
    },
  );

  it("is not confirmed by the declarer's own commands, which are refused", async () => {
    const { p, n } = await submittedByReader();
    await p.comment("erin", n, "/severity critical");
    await p.settle();
    expect(pages(p, n)).toEqual([]);
  });
});

describe("an incident declared by an alerting app or a workflow", () => {
  it("pages at once, as before", async () => {
    pg = await playground(NOTIFY_CONFIG);
    const n = await pg.openIssue("alice", "Checkout is down", FORM);
    await pg.settle();
    await pg
      .as("alerts[bot]")
      .rest.issues.addLabels({ ...pg.repo, issue_number: n, labels: ["incident"] });
    await pg.settle();
    expect(pages(pg, n)).toHaveLength(1);
    expect(bot(pg, n).join("\n")).not.toContain("Not confirmed yet");
  });
});

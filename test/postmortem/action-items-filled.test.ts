// The postmortem's "Action items" section filled in as its own guidance says (rows of the
// default template's table, a task-list line, owners as @handle or a People name), merged
// by a person: each becomes an issue under the incident, assigned, and the merged file
// names each one's issue. A repository's own template is read the same way.
import { describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { deliverAll, incident, start, useSimulator } from "../support/simulated.js";

useSimulator();

async function resolvedWithDraft(
  p: Playground,
): Promise<{ n: number; path: string; branch: string; draft: string }> {
  const n = await incident(p);
  await p.comment("alice", n, "/lead @bob");
  await deliverAll(p);
  p.advance(30);
  await p.comment("bob", n, "/resolve Rolled back");
  await deliverAll(p);
  const pull = p.sim.pulls()[0]!;
  const put = p.sim.requests.find((r) => r.operationId === "repos/create-or-update-file-contents")!;
  const path = decodeURIComponent(put.path.replace(/^.*\/contents\//, ""));
  return { n, path, branch: pull.head.ref, draft: p.sim.file(path, pull.head.ref) ?? "" };
}

async function merge(p: Playground, who = "bob"): Promise<void> {
  const pull = p.sim.pulls()[0]!;
  p.advance(60);
  await p.as(who).rest.pulls.merge({ ...p.repo, pull_number: pull.number });
  await deliverAll(p);
}

const items = (p: Playground, n: number) =>
  p.sim.subIssues(n).map((i) => [i.title, (i.assignees ?? []).map((a) => a.login)]);

describe("a postmortem's action items filled in as the template says", () => {
  it("turns the default template's filled rows and a task line into issues linked under the incident and in the file", async () => {
    const p = await start();
    const { n, path, branch, draft } = await resolvedWithDraft(p);
    // The guidance: a row per action, Action and Owner filled (@handle or a People name),
    // Issue left as _new_; rows left as _…_ are skipped; a task line works the same way.
    const empty = "| _new_ | _…_ | _owner_ | |";
    expect(draft.split("\n").filter((l) => l === empty)).toHaveLength(3);
    expect(draft).toContain("Leave Issue as _new_");
    const lead = /^\| (Incident lead[^|]*) \| [^|]* \| @bob \|$/m.exec(draft)?.[1];
    expect(lead, "the People table names the lead").toBeTruthy();
    const filled = draft
      .replace(empty, "| _new_ | Alert when the gateway's 5xx rate passes 2% | @dave | |")
      .replace(empty, `| _new_ | Canary deploys for payment routing | ${lead} | |`)
      .replace(
        "\n\n## Review schedule",
        "\n- [ ] Load test the EU region @carol\n\n## Review schedule",
      );
    p.sim.pushFile("bob", path, filled, branch);
    await merge(p);

    expect(items(p, n)).toEqual([
      ["Alert when the gateway's 5xx rate passes 2%", ["dave"]],
      ["Canary deploys for payment routing", ["bob"]],
      ["Load test the EU region", ["carol"]],
    ]);
    const [a, b, c] = p.sim.subIssues(n).map((i) => i.number);
    const merged = p.sim.file(path) ?? "";
    expect(merged).toMatch(
      new RegExp(
        `^\\| \\[#${a}\\]\\([^)]*/issues/${a}\\) \\| Alert when the gateway's 5xx rate passes 2% \\| @dave \\|`,
        "m",
      ),
    );
    expect(merged).toMatch(
      new RegExp(`^\\| \\[#${b}\\]\\([^)]*/issues/${b}\\) \\| Canary deploys`, "m"),
    );
    expect(merged).toMatch(
      new RegExp(`^- \\[ \\] Load test the EU region @carol \\(\\[#${c}\\]`, "m"),
    );
    // The empty row left as it was: nothing made of it.
    expect(merged.split("\n").filter((l) => l === empty)).toHaveLength(1);
  });

  it("reads a repository's own template's Action items table the same way", async () => {
    const p = await start();
    p.sim.seedFile(
      ".github/hereby/postmortem.md",
      [
        "# {{title}} (#{{number}})",
        "",
        "## People",
        "",
        "| Who | Handle |",
        "|---|---|",
        "{{#people}}",
        "| {{name}} | {{handle}} |",
        "{{/people}}",
        "",
        "### Action items",
        "",
        "| What will change | Who owns it | Tracking |",
        "|---|---|---|",
        "{{#action_slots}}",
        "| | | |",
        "{{/action_slots}}",
        "",
        "## Notes",
        "",
      ].join("\n"),
    );
    const { n, path, branch, draft } = await resolvedWithDraft(p);
    const filled = draft
      .replace("| | | |", "| Page on checkout 5xx | @dave | |")
      .replace("| | | |", "| Retire the old gateway | Incident lead 2 | |");
    p.sim.pushFile("bob", path, filled, branch);
    await merge(p);

    expect(items(p, n)).toEqual([
      ["Page on checkout 5xx", ["dave"]],
      ["Retire the old gateway", ["bob"]],
    ]);
    const [a] = p.sim.subIssues(n).map((i) => i.number);
    expect(p.sim.file(path)).toMatch(
      new RegExp(`^\\| Page on checkout 5xx \\| @dave \\| \\[#${a}\\]`, "m"),
    );
  });
});

// The job summary an Action run writes: what it read, decided and wrote, redacted and
// escaped like every text hereby writes.
import { describe, expect, it } from "vitest";
import { renderRunSummary, type RunReport } from "../../src/core/run-summary.js";

const base: RunReport = {
  trigger: "issue_comment.created",
  issue: 7,
  dryRun: false,
  reads: [],
  notes: [],
  writes: [],
  outputs: {},
};
const TOKEN = `ghp_${"a1B2c3D4e5".repeat(3)}123456`;

describe("renderRunSummary", () => {
  it("lists each route read once with its count, the notes and the writes", () => {
    const text = renderRunSummary({
      ...base,
      reads: [
        "GET /repos/{owner}/{repo}/issues/{issue_number}",
        "GET /x",
        "GET /repos/{owner}/{repo}/issues/{issue_number}",
      ],
      notes: ["not an incident"],
      writes: ["react +1 to comment 5", "update #7: labels=[incident]"],
      outputs: { writes: "2", "pull-request": "" },
    });
    expect(text).toContain("### hereby: `issue_comment.created` on #7");
    expect(text).toContain(
      "**Read** 3 requests\n- 2× `GET /repos/{owner}/{repo}/issues/{issue_number}`\n- `GET /x`",
    );
    expect(text).toContain("**Decided**\n- not an incident");
    expect(text).toContain(
      "**Wrote** 2 writes\n- react +1 to comment 5\n- update #7: labels=\\[incident\\]",
    );
    // Empty outputs (no pull request) are left out.
    expect(text).toContain("**Outputs** `writes`=`2`");
    expect(text).not.toContain("pull-request");
  });

  it("says a dry run wrote nothing", () => {
    expect(renderRunSummary({ ...base, dryRun: true, writes: ["comment on #7: hi"] })).toContain(
      "**Would write (dry run: nothing written)** 1 write",
    );
  });

  it("redacts secrets in notes, writes and errors, and keeps user text from opening Markdown or pinging", () => {
    const text = renderRunSummary({
      ...base,
      notes: [`label "token ${TOKEN}" is not hereby's`],
      writes: [`comment on #7: ping @alice and [click](https://evil.example)`],
      error: `GitHub refused with password=hunter2hunter2`,
    });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("hunter2");
    expect(text).toContain("[redacted");
    expect(text).not.toMatch(/(^|[^`])@alice/);
    expect(text).not.toContain("[click](");
  });

  it("keeps a backtick in a trigger or route from ending its code span", () => {
    expect(renderRunSummary({ ...base, trigger: "x`y", reads: ["GET /a`b"] })).toContain("`x'y`");
  });
});

// The arguments of /action, and the unchecked items of a postmortem's "Action items".
import { describe, expect, it } from "vitest";
import { parseActionArgs } from "../../src/core/action-items/parse.js";
import { planActionLines } from "../../src/core/action-items/plan.js";
import { defaultConfig } from "../../src/config.js";

describe("/action arguments", () => {
  it.each([
    ["Alert on 5xx @dave", { kind: "new", title: "Alert on 5xx", owner: "dave" }],
    ["Alert on 5xx @me", { kind: "new", title: "Alert on 5xx", owner: "bob" }],
    ["Alert on 5xx", { kind: "new", title: "Alert on 5xx", owner: null }],
    [
      "Email @dave about it, then fix",
      { kind: "new", title: "Email @dave about it, then fix", owner: null },
    ],
    ["#12", { kind: "link", repo: null, number: 12 }],
    ["acme/api#7", { kind: "link", repo: { owner: "acme", repo: "api" }, number: 7 }],
  ])("%s", (args, want) => {
    expect(parseActionArgs(args, "bob")).toEqual(want);
  });

  it.each([
    ["", "missing title"],
    ["@dave", "missing title before the owner"],
    ["#0", "issue numbers start at 1"],
    ["x".repeat(300), "GitHub allows 256"],
  ])("rejects %j", (args, error) => {
    expect(parseActionArgs(args, "bob")).toEqual(expect.stringContaining(error));
  });
});

import { actionItemsFromPostmortem } from "../../src/core/action-items/postmortem.js";

describe("a postmortem's action items", () => {
  it("takes the unchecked items under the Action items heading that name no issue", () => {
    const md = [
      "# Postmortem: Checkout 502 (#4)",
      "## What went well",
      "- [ ] not an action item",
      "## Action items",
      "<!-- one per line: - [ ] what @owner -->",
      "- [ ] Alert on gateway 5xx @dave",
      "- [x] Roll back v2.31 @bob",
      "- [ ] Canary deploys, tracked in #12",
      "- [ ] Runbook: see https://github.com/acme/shop/issues/9",
      "* [ ] Load test the EU region",
      "```",
      "- [ ] inside a code block",
      "```",
      "### Owners (a sub-heading still counts)",
      "- [ ] Rotate the keys @carol.",
      "## Review schedule",
      "- [ ] Review in 30 days",
    ].join("\n");
    expect(actionItemsFromPostmortem(md).map(({ title, owner }) => ({ title, owner }))).toEqual([
      { title: "Alert on gateway 5xx", owner: "dave" },
      { title: "Load test the EU region", owner: null },
      { title: "Rotate the keys", owner: "carol" },
    ]);
  });

  it("takes table rows that name no issue, owners as @handle or a People name, and skips empty rows", () => {
    const md = [
      "## People",
      "| Name in this document | Role | Handle |",
      "|---|---|---|",
      "| Incident lead | lead | @bob |",
      "## Action items",
      "| Issue | Action | Owner | State |",
      "|---|---|---|---|",
      "| [#7](https://github.com/acme/shop/issues/7) | Tracked already | Incident lead | open |",
      "| _new_ | Alert on 5xx \\| 4xx | @dave | |",
      "| _new_ | Canary deploys | incident lead | |",
      "| | Retire the gateway | _owner_ | |",
      "| _new_ | _…_ | _owner_ | |",
      "",
      "- [ ] Load test — Incident lead",
    ].join("\n");
    expect(
      actionItemsFromPostmortem(md).map(({ title, owner, kind }) => [title, owner, kind]),
    ).toEqual([
      ["Alert on 5xx | 4xx", "dave", "row"],
      ["Canary deploys", "bob", "row"],
      ["Retire the gateway", null, "row"],
      ["Load test", "bob", "task"],
    ]);
  });
});

describe("an /action line naming an issue in another repository", () => {
  const ctx = {
    incident: 7,
    commentId: 1,
    repo: { owner: "acme", repo: "shop" },
    config: defaultConfig,
    self: "hereby[bot]",
  };
  const line = {
    line: 1,
    raw: "/action acme/vault#3",
    request: { kind: "link" as const, repo: { owner: "acme", repo: "vault" }, number: 3 },
  };
  const issue = {
    id: 1,
    number: 3,
    repo: "acme/vault",
    isPull: false,
    labels: [] as string[],
    parent: null as string | null,
  };
  const refusal = (found: typeof issue | null) => {
    const facts = {
      subIssues: [],
      recent: [],
      linked: new Map([["acme/vault#3", found]]),
      assignable: new Map(),
    };
    const plan = planActionLines([line], ctx, facts);
    return plan.rejected.map((r) => (r.ok ? "" : r.error));
  };

  it("is refused in the same words whether missing, a pull request or another's sub-issue", () => {
    const missing = refusal(null);
    expect(missing).toEqual([
      "acme/vault#3 can't be linked: it doesn't exist, or you don't have triage access to acme/vault, or it can't be an action item here",
    ]);
    expect(refusal({ ...issue, isPull: true })).toEqual(missing);
    expect(refusal({ ...issue, parent: "acme/vault#1" })).toEqual(missing);
    expect(refusal(issue)).toEqual([]);
  });
});

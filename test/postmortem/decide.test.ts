// The planner alone: the same state gives the same plan, a plan applied asks for nothing
// more, and people's commits are never overwritten.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { decidePostmortem, type PostmortemInput } from "../../src/core/postmortem/decide.js";
import { postmortemPath, slugOf } from "../../src/core/postmortem/paths.js";
import type { PostmortemRepo } from "../../src/core/postmortem/state.js";
import { incidentOf } from "./support.js";

const incident = incidentOf([
  ["alice", "/role ops @bob"],
  ["alice", "/timeline Rolled back v2.31"],
  ["alice", "/resolve"],
]);
const TEMPLATE = "# {{title}}\n{{#timeline}}- {{text}} ({{who}})\n{{/timeline}}";
const hereby = { sha: "a1", author: "hereby[bot]", committer: "hereby[bot]", authorIsBot: true };

function input(
  repo: Partial<PostmortemRepo> = {},
  extra: Partial<PostmortemInput> = {},
): PostmortemInput {
  return {
    incident,
    config: defaultConfig,
    repo: {
      defaultBranch: "main",
      baseSha: "base0",
      branch: null,
      file: null,
      ownVersion: null,
      pulls: [],
      override: null,
      actionItems: [],
      ...repo,
    },
    template: TEMPLATE,
    self: "hereby[bot]",
    repository: "acme/shop",
    incidentUrl: "https://github.com/acme/shop/issues/7",
    trigger: { kind: "resolved" },
    written: new Set(),
    now: new Date("2026-11-24T09:00:00Z"),
    ...extra,
  };
}

const PATH = "docs/postmortems/2026-11-23-7-checkout-is-down.md";
const openPull = {
  number: 9,
  url: "u",
  state: "open" as const,
  merged: false,
  mergedAt: null as string | null,
  author: "hereby[bot]",
};

describe("the postmortem planner", () => {
  it("opens branch, file and pull request in one compound write, with the lead as reviewer", () => {
    const { writes } = decidePostmortem(input());
    expect(writes).toEqual([
      {
        type: "publishPostmortem",
        incident: 7,
        branch: "hereby/postmortem-7",
        base: "main",
        createBranchAt: "base0",
        file: {
          path: PATH,
          content: expect.stringContaining("- Rolled back v2.31 (Incident lead)"),
          message: "Draft the postmortem of #7: Checkout is down",
          sha: null,
        },
        pull: {
          title: "Postmortem: Checkout is down (#7)",
          body: expect.stringContaining("incident #7"),
          reviewers: ["alice"],
        },
      },
    ]);
  });

  it("decides the same plan from the same state, and nothing once it is applied", () => {
    const first = decidePostmortem(input());
    expect(decidePostmortem(input())).toEqual(first);
    const publish = first.writes[0];
    if (publish?.type !== "publishPostmortem" || !publish.file)
      throw new Error("expected a publish");
    const after = decidePostmortem(
      input({
        branch: { sha: "b1", commits: [hereby], files: [PATH] },
        file: { path: PATH, sha: "f1", content: publish.file.content },
        pulls: [openPull],
      }),
    );
    expect(after.writes).toEqual([]);
  });

  it("answers /postmortem on an up-to-date pull request instead of committing", () => {
    const content = (decidePostmortem(input()).writes[0] as { file: { content: string } }).file
      .content;
    const current = {
      branch: { sha: "b1", commits: [hereby], files: [PATH] },
      file: { path: PATH, sha: "f1", content },
      pulls: [openPull],
    };
    const { writes } = decidePostmortem(
      input(current, { trigger: { kind: "command", commentId: 77 } }),
    );
    expect(writes).toMatchObject([
      { type: "comment", issue: 7, body: expect.stringContaining("The draft in #9 is up to date") },
    ]);
  });

  it("refreshes with one commit, naming the blob it replaces, while only hereby has committed", () => {
    const { writes } = decidePostmortem(
      input({
        branch: { sha: "b1", commits: [hereby], files: [PATH] },
        file: { path: PATH, sha: "f1", content: "old" },
        pulls: [openPull],
      }),
    );
    expect(writes).toMatchObject([
      {
        type: "publishPostmortem",
        createBranchAt: null,
        file: { sha: "f1", message: "Refresh the postmortem of #7 from its record" },
        pull: null,
      },
    ]);
  });

  it("never writes the file once a person has committed, and replies with a diff", () => {
    const person = { sha: "c2", author: "bob", committer: "bob", authorIsBot: false };
    const { writes } = decidePostmortem(
      input({
        branch: { sha: "c2", commits: [hereby, person], files: [PATH] },
        file: { path: PATH, sha: "f2", content: "# Bob's version\n" },
        pulls: [openPull],
      }),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      type: "comment",
      issue: 7,
      body: expect.stringContaining("-# Bob's version"),
    });
  });

  it("diffs against what hereby last wrote, so people's edits are not shown as undone", () => {
    const person = { sha: "c2", author: "bob", committer: "bob", authorIsBot: false };
    const wanted = decidePostmortem(input()).writes[0];
    const content = wanted?.type === "publishPostmortem" ? (wanted.file?.content ?? "") : "";
    const branch = { sha: "c2", commits: [hereby, person], files: [PATH] };
    const file = { path: PATH, sha: "f2", content: "# Bob's version\n" };
    expect(
      decidePostmortem(input({ branch, file, ownVersion: content, pulls: [openPull] })).writes,
    ).toEqual([]);
    const older = content.replace("- Rolled back v2.31 (Incident lead)\n", "");
    const { writes } = decidePostmortem(
      input({ branch, file, ownVersion: older, pulls: [openPull] }),
    );
    const body = writes[0]?.type === "comment" ? writes[0].body : "";
    expect(body).toContain("+- Rolled back v2.31 (Incident lead)");
    expect(body).not.toContain("Bob's version");
  });

  it("leaves a branch with a person's commits and no pull request alone, and says so", () => {
    const forged = { sha: "c3", author: "mallory", committer: "mallory", authorIsBot: false };
    const { writes } = decidePostmortem(
      input({ branch: { sha: "c3", commits: [forged], files: [] }, file: null, pulls: [] }),
    );
    expect(writes[0]).toMatchObject({
      type: "comment",
      body: expect.stringContaining("commits hereby didn't make"),
    });
  });

  it("answers /postmortem after the merge, and stays quiet on a redelivered resolve", () => {
    const merged = [
      { ...openPull, state: "closed" as const, merged: true, mergedAt: "2026-11-24T10:00:00Z" },
    ];
    const recorded = new Set(["<!-- hereby:postmortem merged:9 -->"]);
    expect(decidePostmortem(input({ pulls: merged }, { written: recorded })).writes).toEqual([]);
    const asked = decidePostmortem(
      input({ pulls: merged }, { written: recorded, trigger: { kind: "command", commentId: 55 } }),
    );
    expect(asked.writes).toMatchObject([
      { type: "comment", body: expect.stringContaining("merged in #9") },
    ]);
  });

  it("records a merge whose webhook was lost when /postmortem asks", () => {
    const merged = [
      { ...openPull, state: "closed" as const, merged: true, mergedAt: "2026-11-24T10:00:00Z" },
    ];
    expect(decidePostmortem(input({ pulls: merged })).writes).toEqual([]);
    expect(
      decidePostmortem(input({ pulls: merged }, { trigger: { kind: "command", commentId: 3 } }))
        .writes,
    ).toMatchObject([
      {
        type: "comment",
        marker: "<!-- hereby:postmortem merged:9 -->",
        body: expect.stringContaining("Postmortem #9 merged (2026-11-24 10:00 UTC)"),
      },
      { type: "comment", body: expect.stringContaining("merged in #9") },
    ]);
  });

  it("does not repeat a reply already on the incident", () => {
    const closed = [{ ...openPull, state: "closed" as const }];
    const first = decidePostmortem(input({ pulls: closed }));
    const mark = first.writes[0]?.type === "comment" ? first.writes[0].marker : "";
    expect(decidePostmortem(input({ pulls: closed }, { written: new Set([mark]) })).writes).toEqual(
      [],
    );
  });

  it("skips a severity configured to skip on resolve, not on /postmortem", () => {
    const trivial = incidentOf([["alice", "/severity trivial\n/resolve"]]);
    expect(decidePostmortem(input({}, { incident: trivial })).writes).toEqual([]);
    expect(
      decidePostmortem(input({}, { incident: trivial, trigger: { kind: "command", commentId: 1 } }))
        .writes,
    ).toHaveLength(1);
  });
});

describe("postmortem file names", () => {
  it("slugs titles to lower-case ASCII words, at most 50 characters, cut at a word", () => {
    expect(slugOf("Checkout returns 502!")).toBe("checkout-returns-502");
    expect(slugOf("Café: paiement refusé")).toBe("cafe-paiement-refuse");
    expect(slugOf("日本語")).toBe("incident");
    expect(slugOf("a".repeat(30) + " " + "b".repeat(30))).toBe("a".repeat(30));
  });

  it("dates the file the day the incident was declared, in the configured folder", () => {
    expect(
      postmortemPath(
        { ...defaultConfig, postmortem: { folder: "ops/pm" } },
        12,
        "DB down",
        "2026-01-02T23:59:00Z",
      ),
    ).toBe("ops/pm/2026-01-02-12-db-down.md");
  });
});

describe("the postmortem's own entries", () => {
  it("are left out of the document, so announcing it doesn't make the next refresh a commit", () => {
    const before = decidePostmortem(input()).writes[0];
    const announced = {
      ...incident,
      timeline: [
        ...incident.timeline,
        {
          at: "2026-11-23T15:00:00Z",
          kind: "postmortem" as const,
          text: "Postmortem opened: #9",
          by: "hereby[bot]",
          source: "comment:1",
          url: "u",
        },
      ],
    };
    const after = decidePostmortem(input({}, { incident: announced })).writes[0];
    expect(after).toEqual(before);
  });
});

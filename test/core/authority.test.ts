// Who may command is judged from GitHub's answers only: the author's permission now, or
// hereby's own 👍 newer than the comment's last edit.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { judge, MAX_APPROVAL_READS, type AuthorityFacts } from "../../src/core/authority.js";
import { reduceIncident } from "../../src/core/reducer.js";
import { at, comment, snapshot } from "../support/builders.js";

const facts = (
  permissions: Record<string, boolean>,
  approvals: Record<number, string | null> = {},
): AuthorityFacts => ({
  permissions: new Map(Object.entries(permissions)),
  approvals: new Map(Object.entries(approvals).map(([id, when]) => [Number(id), when])),
});

describe("judge", () => {
  it("asks for the permission of every author in the record, once each", () => {
    const s = snapshot({
      comments: [
        comment("bob", "/timeline a", 5),
        comment("bob", "/timeline b", 6),
        comment("carol", "/timeline c", 7),
      ],
    });
    expect(judge(reduceIncident(s, defaultConfig), s, facts({})).needPermission).toEqual([
      "bob",
      "carol",
    ]);
  });

  it.each([
    ["hereby's 👍 is newer than the last edit: kept", { updatedAt: at(5) }, at(5), []],
    ["edited after hereby's 👍: refused", { updatedAt: at(9) }, at(5), ["x"]],
    ["no 👍 of hereby's at all: refused", { updatedAt: at(5) }, null, ["x"]],
  ] as const)("an author without the permission now: %s", (_, revision, approvedAt, refused) => {
    const c = comment("erin", "/severity trivial", 5, { ...revision, thumbsUp: 1 });
    const s = snapshot({ comments: [c] });
    const verdict = judge(
      reduceIncident(s, defaultConfig),
      s,
      facts({ erin: false }, { [c.id]: approvedAt }),
    );
    expect(verdict.refusedComments).toEqual(refused.map(() => c.id));
  });

  it("reads nothing for a comment nobody gave a 👍: refused at once", () => {
    const c = comment("erin", "/severity trivial", 5, { thumbsUp: 0 });
    const s = snapshot({ comments: [c] });
    const verdict = judge(reduceIncident(s, defaultConfig), s, facts({ erin: false }));
    expect(verdict).toMatchObject({ needApproval: [], refusedComments: [c.id] });
  });

  it(`reads at most ${MAX_APPROVAL_READS} comments' reactions, and refuses the rest`, () => {
    const many = Array.from({ length: MAX_APPROVAL_READS + 3 }, (_, i) =>
      comment("erin", `/timeline ${i}`, 5 + i, { thumbsUp: 1 }),
    );
    const s = snapshot({ comments: many });
    const asked = judge(reduceIncident(s, defaultConfig), s, facts({ erin: false }));
    expect(asked.needApproval).toHaveLength(MAX_APPROVAL_READS);
    const approvals = Object.fromEntries(asked.needApproval.map((id) => [id, null]));
    const verdict = judge(reduceIncident(s, defaultConfig), s, facts({ erin: false }, approvals));
    expect(verdict.needApproval).toEqual([]);
    expect(verdict.refusedComments).toHaveLength(many.length);
  });
});

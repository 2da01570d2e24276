// The review policy as pure functions: which incidents a sweep selects from its label
// listings, and what it writes for each, against a fixed clock.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config.js";
import { decideReview } from "../../../src/core/review/policy.js";
import { selectCandidates, type Candidate } from "../../../src/core/review/select.js";
import type { ListedIssue } from "../../../src/core/review/types.js";
import type { ActionItem } from "../../../src/core/types.js";

const SELF = "hereby[bot]";
const NOW = new Date("2026-12-24T09:00:00Z");

function issue(over: Partial<ListedIssue> & { number: number }): ListedIssue {
  return {
    id: 3_000_000 + over.number,
    title: `Issue ${over.number}`,
    body: "",
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    author: "alice",
    authorIsBot: false,
    createdAt: "2026-11-01T00:00:00Z",
    updatedAt: "2026-11-01T00:00:00Z",
    closedAt: null,
    htmlUrl: `https://github.com/acme/shop/issues/${over.number}`,
    subIssues: null,
    parent: null,
    ...over,
  };
}

const incident = (
  number: number,
  status: string,
  closedAt = "2026-11-23T14:00:00Z",
  over: Partial<ListedIssue> = {},
) =>
  issue({
    number,
    labels: ["incident", "severity:major", `status:${status}`],
    state: "closed",
    closedAt,
    ...over,
  });

const review = (number: number, of: number, over: Partial<ListedIssue> = {}) =>
  issue({
    number,
    title: `Incident review: x (#${of})`,
    body: `<!-- hereby:review ${of} -->\ntext`,
    author: SELF,
    authorIsBot: true,
    labels: ["incident-review"],
    ...over,
  });

const item = (
  number: number,
  state: "open" | "closed",
  stateReason: string | null = null,
): ActionItem => ({
  id: 3_000_000 + number,
  number,
  repo: null,
  title: `Item ${number}`,
  state,
  stateReason,
  assignees: ["dave"],
  createdAt: "2026-11-23T15:00:00Z",
  closedAt: state === "closed" ? "2026-12-01T00:00:00Z" : null,
  htmlUrl: "",
});

const select = (
  incidents: ListedIssue[],
  reviews: ListedIssue[] = [],
  openItems: ListedIssue[] = [],
) => selectCandidates({ incidents, reviews, openItems }, defaultConfig, NOW, SELF);

const decide = (candidate: Candidate, items: ActionItem[], cycleRan = false) =>
  decideReview({ candidate, record: null, items, config: defaultConfig, now: NOW, cycleRan });

describe("selecting incidents from the listings", () => {
  it("skips incidents not resolved, cancelled, not yet due, and complete ones with every item closed", () => {
    const got = select([
      incident(1, "investigating", "2026-11-01T00:00:00Z", { state: "open", closedAt: null }),
      incident(2, "cancelled"),
      incident(3, "resolved", "2026-12-01T00:00:00Z"),
      incident(4, "complete", "2026-10-01T00:00:00Z", { subIssues: { total: 2, completed: 2 } }),
      incident(5, "resolved"),
    ]);
    expect(got.map((c) => [c.incident.number, c.kind, c.cycle])).toEqual([[5, "cycle", 1]]);
  });

  it("orders the due oldest first, so a run cut short is continued where it stopped", () => {
    const got = select([
      incident(7, "resolved", "2026-11-20T00:00:00Z"),
      incident(8, "resolved", "2026-09-01T00:00:00Z"),
      incident(9, "resolved", "2026-11-01T00:00:00Z"),
    ]);
    expect(got.map((c) => c.incident.number)).toEqual([8, 9, 7]);
  });

  it("finds the review by hereby's marker, whatever its title now; a deleted one is opened again", () => {
    const renamed = review(20, 5, {
      title: "Our checkout follow-up",
      updatedAt: "2026-12-23T14:05:00Z",
    });
    const [withReview] = select([incident(5, "resolved")], [renamed]);
    expect(withReview).toMatchObject({ kind: "cycle", review: { number: 20 }, check: true });
    const [deleted] = select([incident(5, "resolved")], []);
    expect(deleted).toMatchObject({ kind: "cycle", review: null, check: false });
    expect(decide(deleted!, [item(30, "open")]).writes.map((w) => w.type)).toEqual(["createIssue"]);
  });

  it("ignores a review-like issue someone else wrote, marker and all", () => {
    const forged = review(21, 5, { author: "mallory", authorIsBot: false });
    const [c] = select([incident(5, "resolved")], [forged]);
    expect(c).toMatchObject({ review: null });
  });

  it("an open item under a complete incident (reopened after close-out) brings it back", () => {
    const openItem = issue({ number: 40, labels: ["incident-action"], parent: 6 });
    const [c] = select([incident(6, "complete", "2026-10-01T00:00:00Z")], [], [openItem]);
    expect(c).toMatchObject({ kind: "reopened" });
    // This cycle's close-out already ran: only the status goes back.
    const d = decide(c!, [item(40, "open")], true);
    expect(d.outcome).toBe("back-in-review");
    expect(d.writes).toEqual([
      { type: "updateIssue", issue: 6, labels: ["incident", "severity:major", "status:resolved"] },
    ]);
    // A due date passed since the close-out: the review comes back with it.
    expect(decide(c!, [item(40, "open")]).writes.map((w) => w.type)).toEqual([
      "updateIssue",
      "createIssue",
    ]);
    // GitHub's summary said open, but every item is closed when read: nothing to do.
    expect(decide(c!, [item(40, "closed")]).writes).toEqual([]);
  });
});

describe("what a due review writes", () => {
  const [due] = select(
    [incident(5, "resolved")],
    [review(20, 5, { state: "closed", assignees: [] })],
  );

  it("items closed as not planned with a reason count as closed: close-out lists how each ended", () => {
    const d = decide(due!, [
      item(30, "closed", "completed"),
      { ...item(31, "closed", "not_planned"), closeReason: "replaced by the new pipeline" },
    ]);
    expect(d.outcome).toBe("closed");
    expect(d.writes).toEqual([
      expect.objectContaining({
        type: "comment",
        issue: 20,
        marker: "<!-- hereby:closeout 5:1 -->",
      }),
      { type: "updateIssue", issue: 5, labels: ["incident", "severity:major", "status:complete"] },
    ]);
    const body = (d.writes[0] as { body: string }).body;
    expect(body).toContain("#30 Item 30: done");
    expect(body).toContain("#31 Item 31: not planned: replaced by the new pipeline");
  });

  it("keeps an incident in review while an item closed as not planned has no reason, and asks for it", () => {
    const d = decide(due!, [
      item(30, "closed", "completed"),
      { ...item(31, "closed", "not_planned"), closeReason: null },
    ]);
    expect(d.outcome).not.toBe("closed");
    expect(
      d.writes.some((w) => w.type === "updateIssue" && w.labels?.includes("status:complete")),
    ).toBe(false);
    const comment = d.writes.find((w) => w.type === "comment") as { body: string };
    expect(comment.body).toContain("Closed as not planned without a reason (1)");
    expect(comment.body).toContain(
      "- #31 Item 31: comment on it why, or `/action wontfix #31 <reason>` on #5",
    );
  });

  it("an open item reopens a review closed by hand, with this cycle's comment", () => {
    const d = decide(due!, [item(30, "open"), item(31, "closed", "not_planned")]);
    expect(d.outcome).toBe("reopened");
    expect(d.writes.map((w) => w.type)).toEqual(["updateIssue", "comment"]);
    expect(d.writes[0]).toEqual({
      type: "updateIssue",
      issue: 20,
      state: "open",
      state_reason: "reopened",
    });
    expect((d.writes[1] as { body: string }).body).toContain(
      "1 action item is still open (1 closed)",
    );
  });

  it("escapes item titles and never pings owners", () => {
    const sneaky = {
      ...item(32, "open"),
      title: "fix | <!-- hereby:cycle 5:9 --> @everyone",
      assignees: ["dave"],
    };
    const body = (decide(due!, [sneaky]).writes.at(-1) as { body: string }).body;
    expect(body.match(/<!-- hereby:/g)).toHaveLength(1);
    expect(body).toContain("[dave](https://github.com/dave)");
    expect(body).not.toMatch(/(^|[^`])@everyone/);
  });
});

import { reviewIssueOf } from "../../../src/core/review/record-link.js";

describe("the record's link to the review", () => {
  const comment = (author: string, body: string, bot = author.endsWith("[bot]")) => ({
    id: 1,
    author,
    authorIsBot: bot,
    body,
    createdAt: "",
    updatedAt: "",
    htmlUrl: "",
  });
  it("comes from hereby's own announcement, never from a person's copy of it", () => {
    expect(reviewIssueOf([comment(SELF, "<!-- hereby:reviewissue 42 -->\ntext")], SELF)).toBe(42);
    expect(reviewIssueOf([comment("mallory", "<!-- hereby:reviewissue 7 -->")], SELF)).toBeNull();
  });
});

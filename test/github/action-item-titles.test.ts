// An incident's action items as the record, the reviews and the postmortem show them: an
// item in another repository shows its reference only, since that repository may be
// private while the incident is public (the sub-issue list doesn't say).
import { describe, expect, it } from "vitest";
import type { IssueLike } from "../../src/github/list-issues.js";
import { HIDDEN_TITLE, shownTitle, toActionItem } from "../../src/github/read-action-items.js";
import { actionItemsSection } from "../../src/core/action-items/record-rows.js";

const here = { owner: "acme", repo: "shop" };
const issue = (repository: string, title: string, number: number): IssueLike => ({
  id: number,
  number,
  title,
  state: "open",
  labels: [],
  user: { login: "alice" },
  created_at: "2026-11-23T14:00:00Z",
  updated_at: "2026-11-23T14:00:00Z",
  closed_at: null,
  html_url: `https://github.com/${repository}/issues/${number}`,
  repository_url: `https://api.github.com/repos/${repository}`,
});

describe("action item titles", () => {
  it("shows an item of the incident's own repository with its title", () => {
    expect(shownTitle(issue("acme/shop", "Add a canary", 7), here)).toBe("Add a canary");
    expect(shownTitle(issue("ACME/Shop", "Add a canary", 7), here)).toBe("Add a canary");
  });

  it("shows an item of another repository by its reference alone, never its title", () => {
    const item = toActionItem(
      issue("acme/payments-private", "Rotate the leaked HSM key", 12),
      here,
    );
    expect(item.repo).toBe("acme/payments-private");
    const rows = actionItemsSection([item]).join("\n");
    expect(rows).toContain(`acme/payments-private#12 ${HIDDEN_TITLE}`);
    expect(rows).not.toContain("HSM");
  });
});

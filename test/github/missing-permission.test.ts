// A 403 on the workflow's token names the permission to add to the workflow.
import { describe, expect, it } from "vitest";
import { missingPermission } from "../../src/github/missing-permission.js";

const refusal = (method: string, url: string, headers: Record<string, string> = {}) => ({
  status: 403,
  message: "Resource not accessible by integration",
  request: { method, url },
  response: { headers },
});

describe("missingPermission", () => {
  it("takes the permission GitHub names in x-accepted-github-permissions, as workflow YAML spells it", () => {
    const text = missingPermission(refusal("POST", "https://api.github.com/repos/a/b/pulls", { "x-accepted-github-permissions": "pull_requests=write; contents=write" }));
    expect(text).toBe(
      "GitHub refused POST /repos/a/b/pulls (403): the token lacks `pull-requests: write`. Add `pull-requests: write` under `permissions:` in the workflow that runs hereby (or give the token it is passed that access).",
    );
  });

  it.each([
    ["PATCH", "https://ghe.example/api/v3/repos/a/b/issues/3", "`issues: write`"],
    ["POST", "https://api.github.com/repos/a/b/labels", "`issues: write`"],
    ["GET", "https://api.github.com/repos/a/b/issues/3/timeline?per_page=100", "`issues: read`"],
    ["GET", "https://api.github.com/repos/a/b/contents/.github%2Fhereby.yml", "`contents: read`"],
    ["PUT", "https://api.github.com/repos/a/b/contents/docs/x.md", "`contents: write`"],
    ["POST", "https://api.github.com/repos/a/b/git/refs", "`contents: write`"],
  ])("without the header, %s %s needs %s", (method, url, wanted) => {
    expect(missingPermission(refusal(method, url))).toContain(`the token lacks ${wanted}`);
  });

  it("leaves other failures alone: other statuses, and rate limits (the throttling plugin's)", () => {
    expect(missingPermission({ ...refusal("GET", "https://api.github.com/repos/a/b/issues/1"), status: 404 })).toBeNull();
    expect(missingPermission({ ...refusal("GET", "https://api.github.com/x"), message: "API rate limit exceeded" })).toBeNull();
    expect(missingPermission(new Error("boom"))).toBeNull();
  });
});

// A 403 on the workflow's token names the permission to add to the workflow.
import { describe, expect, it } from "vitest";
import { missingPermission } from "../../src/github/missing-permission.js";

const NOW = new Date("2026-11-23T14:00:00Z");

const refusal = (method: string, url: string, headers: Record<string, string> = {}) => ({
  status: 403,
  message: "Resource not accessible by integration",
  request: { method, url },
  response: { headers },
});

describe("missingPermission", () => {
  it("takes the permission GitHub names in x-accepted-github-permissions, as workflow YAML spells it", () => {
    const text = missingPermission(
      refusal("POST", "https://api.github.com/repos/a/b/pulls", {
        "x-accepted-github-permissions": "pull_requests=write; contents=write",
      }),
      NOW,
    );
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
    expect(missingPermission(refusal(method, url), NOW)).toContain(`the token lacks ${wanted}`);
  });

  it("leaves other failures alone", () => {
    expect(
      missingPermission(
        { ...refusal("GET", "https://api.github.com/repos/a/b/issues/1"), status: 404 },
        NOW,
      ),
    ).toBeNull();
    expect(missingPermission(new Error("boom"), NOW)).toBeNull();
  });

  it("names a secondary rate limit that outlasted the retries, and when hereby tries again", () => {
    const limited = {
      ...refusal("PUT", "https://api.github.com/repos/a/b/contents/docs/x.md", {
        "retry-after": "90",
      }),
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    };
    const text = missingPermission(limited, NOW) ?? "";
    expect(text).toContain("secondary rate limit");
    expect(text).toContain("wait until 14:01 UTC");
    expect(text).toContain("tries again on the next event that runs this workflow");
    expect(text).not.toContain("contents: write");
  });

  it("names the hourly rate limit with its reset time", () => {
    const reset = String(Date.parse("2026-11-23T15:00:00Z") / 1000);
    const limited = {
      ...refusal("GET", "https://api.github.com/repos/a/b/issues/1", {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset,
      }),
      message: "API rate limit exceeded for installation ID 1.",
    };
    expect(missingPermission(limited, NOW)).toContain(
      "hourly API rate limit held the request off after hereby's retries (GitHub asks to wait until 15:00 UTC)",
    );
  });
});

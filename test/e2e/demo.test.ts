// `npm run demo` is the first thing a new user runs: it must tell the whole story and
// write its files, with no request GitHub would reject.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDemo } from "../../packages/simulator/src/demo/run-demo.js";
import { tempFolders } from "../support/temp-folders.js";

const tempFolder = tempFolders();

describe("the offline demo", () => {
  it("plays an incident through its postmortem and its review close-out, and writes demo-output", async () => {
    const dir = tempFolder("demo");
    const lines: string[] = [];
    expect(await runDemo({ out: (l) => lines.push(l), outputDir: dir })).toBe(0);
    const story = lines.join("\n");
    expect(story).toContain("I hereby declare this an incident.");
    expect(story).toContain("labels     → incident, severity:major, status:investigating");
    expect(story).toContain(
      "@acme/payments-oncall: this incident was raised to **critical** severity.",
    );
    expect(story).toContain("Sorry @erin");
    expect(story).toContain('unknown severity "sev9"');
    expect(story).toContain("issue      → closed (completed)");
    expect(story).toContain("Requests GitHub would have rejected: 0.");

    const body = readFileSync(join(dir, "issue-1.md"), "utf8");
    expect(body.startsWith("Support reports that EU customers get a 502 when paying.")).toBe(true);
    expect(body).toContain("| **Status** | complete |");
    expect(body).toContain("#### Action items");
    expect(story).toContain("30 days after the resolution, the scheduled sweep runs");
    expect(story).toContain("review opened");
    expect(story).toContain("closed out: status complete");
    const reviewFile = readdirSync(dir).find((f) => /^review-\d+\.md$/.test(f)) ?? "review.md";
    const review = readFileSync(join(dir, reviewFile), "utf8");
    expect(review).toContain("# Incident review: Checkout returns 502 for EU customers (#1)");
    expect(review).toContain("### Review 1 of #1");
    expect(review).toContain("### Review of #1 closed out");
    expect(body).toContain("postgres://payments:[redacted password]@");
    expect(body).not.toContain("Sup3rS3cret");
    expect(readFileSync(join(dir, "issue-1-comments.md"), "utf8")).toContain("rotate it now");
    expect(readFileSync(join(dir, "requests.txt"), "utf8")).toContain(
      "PATCH /repos/acme/shop/issues/1",
    );
    // Past /resolve: the postmortem pull request, the scribe's edit kept, the merge recorded.
    expect(story).toContain(
      'pull request #2 "Postmortem: Checkout returns 502 for EU customers (#1)"',
    );
    expect(story).toContain("a refresh would have changed:");
    expect(story).toContain("Postmortem #2 merged");
    expect(body).toContain("| **Postmortem** | #2 (merged) |");
    const merged = readFileSync(join(dir, "postmortem.md"), "utf8");
    expect(merged).toContain("The rollback runbook worked first time");
    expect(merged).toContain("| Incident lead 2 | Incident lead 2 | @bob |");
    // The whole loop: the template's Action items filled in, issues opened at the merge and
    // named in the file, the review listing them open, one closed as not planned with its
    // reason, then the close-out listing how each ended.
    expect(merged).toMatch(
      /^\| \[#3\]\(https:\/\/github.com\/acme\/shop\/issues\/3\) \| Alert when the payment gateway returns 5xx/m,
    );
    expect(story).toContain(
      'hereby opens #5 "Retire the old EU gateway so nothing can route to it"',
    );
    expect(review).toContain("3 action items are still open");
    const closeOut = readFileSync(join(dir, "closeout.md"), "utf8");
    expect(closeOut).toContain(
      "#5 Retire the old EU gateway so nothing can route to it: not planned: the vendor shuts the old EU gateway down",
    );
    expect(closeOut).toContain("#3 Alert when the payment gateway returns 5xx for 2 minutes: done");
    // The story agrees with itself: deploy, then the first failure, then the pager, then the declaration.
    expect(body).toContain("| **Impact started** | 2026-11-23 13:40 UTC |");
    expect(body).toContain("| **Time to detect** | 22m |");
    // It ends with the insights report over its incidents.
    const report = readFileSync(join(dir, "report.md"), "utf8");
    expect(lines.slice(-1)[0]).toBe(`    ${report.trimEnd().split("\n").slice(-1)[0]}`);
    expect(report).toContain("# Incident report: acme/shop");
    expect(report).toContain(
      "| [#1](https://github.com/acme/shop/issues/1) | Checkout returns 502 for EU customers | critical (changed) | complete |",
    );
    expect(report).toContain("| review cycles run (incidents reviewed) | 2 (1) |");
    expect(report).toContain("| action items created / closed / open | 3 / 3 / 0 |");
    expect(report).toContain("| postmortems merged | 1 |");
  });
});

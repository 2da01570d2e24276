// After the declaration, an edit of the issue form's "When did it start?" moves the impact
// start and the first timeline entry only when GitHub says the edit's sender holds the
// commands' permission; any other edit is recorded as an edit, and the start stays.
import { describe, expect, it } from "vitest";
import {
  body,
  botComments,
  deliverAll,
  entries,
  start,
  useSimulator,
} from "../support/simulated.js";

useSimulator();

const form = (time: string) =>
  `### Severity\n\nmajor\n\n### What is broken?\n\nCheckout\n\n### Who is affected?\n\nEU\n\n### When did it start?\n\n${time}`;

describe("editing the form's start after the declaration", () => {
  it("records an edit by someone below the permission without moving the start, and moves it for someone with it", async () => {
    // erin (read access) opened the issue, so GitHub lets her edit it.
    const p = await start("timezone: UTC\n");
    const n = await p.openIssue("erin", "Checkout down", form("13:40"));
    await deliverAll(p);
    p.advance(2);
    await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await deliverAll(p);
    expect(body(p, n)).toContain("| **Impact started** | 2026-11-23 13:40 UTC |");

    p.advance(5);
    await p.as("erin").rest.issues.update({
      ...p.repo,
      issue_number: n,
      body: body(p, n).replace("\n13:40", "\n12:00"),
    });
    await deliverAll(p);
    expect(body(p, n)).toContain("| **Impact started** | 2026-11-23 13:40 UTC |");
    expect(entries(p, n)[0]).toBe("Incident started (as reported in the issue form)");
    expect(body(p, n)).toContain("| 2026-11-23 13:40 |");
    expect(body(p, n)).not.toContain("| 2026-11-23 12:00 |");
    expect(entries(p, n)).toContain(
      `@erin edited the form's "When did it start?" to 2026-11-23 12:00 UTC: not applied, it stays 2026-11-23 13:40 UTC.`.replace(
        "@erin",
        "@[erin](https://github.com/erin)",
      ),
    );
    expect(botComments(p, n).join("\n")).toContain(
      "Moving the impact start needs **triage** access",
    );

    p.advance(5);
    await p.as("alice").rest.issues.update({
      ...p.repo,
      issue_number: n,
      body: body(p, n).replace("\n12:00", "\n13:30"),
    });
    await deliverAll(p);
    expect(body(p, n)).toContain("| **Impact started** | 2026-11-23 13:30 UTC |");
    expect(body(p, n)).toContain("| 2026-11-23 13:30 |");
    expect(body(p, n)).not.toContain("| 2026-11-23 13:40 |");
  });
});

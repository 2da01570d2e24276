// An incident title is written by whoever opened the issue: a token or a handle in it
// reaches no pull request title, commit message, file name, heading or diagram of the
// postmortem, no action item row, and no sweep table. Secrets are redacted the same way
// everywhere; in the postmortem, people are named by role as well.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { decidePostmortem } from "../../src/core/postmortem/decide.js";
import { slugOf } from "../../src/core/postmortem/paths.js";
import { sweepTable } from "../../src/core/review/report.js";
import { reduceIncident } from "../../src/core/reducer.js";
import { actionItem, comment, issue, snapshot } from "../support/builders.js";

const TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const TITLE = `Checkout down after @bob pushed ${TOKEN} to prod`;
const template = readFileSync(new URL("../../templates/postmortem.md", import.meta.url), "utf8");

const incident = reduceIncident(
  snapshot({
    issue: issue({ title: TITLE }),
    comments: [comment("alice", "/role ops @bob", 1), comment("alice", "/resolve", 2)],
  }),
  defaultConfig,
  { self: "hereby[bot]" },
);

function publish(actionTitle = "Rotate the token") {
  const item = actionItem(9, actionTitle, { owner: "carol" });
  const repo = {
    defaultBranch: "main",
    baseSha: "base0",
    branch: null,
    file: null,
    ownVersion: null,
    pulls: [],
    override: null,
    actionItems: [item],
  };
  const { writes } = decidePostmortem({
    incident,
    config: defaultConfig,
    repo,
    template,
    self: "hereby[bot]",
    repository: "acme/shop",
    incidentUrl: "https://github.com/acme/shop/issues/7",
    trigger: { kind: "resolved" },
    written: new Set(),
    now: new Date("2026-11-24T09:00:00Z"),
  });
  const write = writes[0];
  if (write?.type !== "publishPostmortem" || !write.file || !write.pull)
    throw new Error("expected a publish");
  return { file: write.file, pull: write.pull };
}

/** The rendered file without its People section (the one place handles belong). */
const outsidePeople = (content: string) => content.replace(/^## People\n[\s\S]*?(?=^## )/m, "");

describe("an incident title with a token and a handle", () => {
  it("reaches the pull request title and commit message redacted, with the role", () => {
    const { file, pull } = publish();
    expect(pull.title).toBe(
      "Postmortem: Checkout down after Operations pushed [redacted GitHub token] to prod (#7)",
    );
    expect(file.message).toBe(
      "Draft the postmortem of #7: Checkout down after Operations pushed [redacted GitHub token] to prod",
    );
  });

  it("leaves only safe words in the file name", () => {
    expect(publish().file.path).toBe(
      "docs/postmortems/2026-11-23-7-checkout-down-after-pushed-to-prod.md",
    );
  });

  it("shows neither in the heading, the diagram or anywhere but People", () => {
    const body = outsidePeople(publish().file.content);
    expect(body).toContain(
      "# Postmortem: Checkout down after Operations pushed \\[redacted GitHub token\\] to prod (#7)",
    );
    expect(body).toContain("title Checkout down after Operations pushed [redacted GitHub…");
    expect(body).not.toContain(TOKEN.slice(4, 20));
    expect(body.toLowerCase()).not.toContain("bob");
  });

  it("redacts an action item's title and names the person in it by role", () => {
    const body = outsidePeople(publish(`Revoke ${TOKEN} and ask @bob`).file.content);
    expect(body).toContain("| Revoke [redacted GitHub token] and ask Operations | Responder 1 |");
    expect(body).not.toContain(TOKEN.slice(4, 20));
  });
});

describe("file names", () => {
  it("keep short and plain words, and drop long letter-digit mixes, handles and addresses", () => {
    expect(slugOf("S3 and IPv6 down: 9f86d081884c7d659a2feaa0c55ad015 from ops@acme.test")).toBe(
      "s3-and-ipv6-down-from",
    );
  });
});

describe("the sweep table", () => {
  it("redacts a token in a title like everywhere else", () => {
    const row = {
      incident: 7,
      title: TITLE,
      due: "2026-12-01T00:00:00Z",
      open: 1,
      outcome: "opened" as const,
      done: "review opened",
    };
    const table = sweepTable([row]);
    expect(table).toContain("[redacted GitHub token]");
    expect(table).not.toContain(TOKEN.slice(4, 20));
  });
});

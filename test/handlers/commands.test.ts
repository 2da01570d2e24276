// Every command on a declared incident (alice declared it at 14:01 with the label; bob,
// with write access, comments at 14:10), and the exact writes a user notices.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import {
  declaredIncident,
  deliver,
  expectRequests,
  FakeGitHub,
  ISSUE_URL,
  nock,
  USER_BODY,
  userPart,
  type FakeOptions,
  type WebhookEvent,
  probot,
  useProbot,
  incident,
  idOf,
  POSTMORTEM_READS,
} from "./support.js";

useProbot();

const link = (id: number) => `[↗](${ISSUE_URL}#issuecomment-${id})`;
const DECLARED_ROW = `| 2026-11-23 14:01 | Incident declared [↗](${ISSUE_URL}) | [alice](https://github.com/alice) |`;

/**
 * What every accepted command on an incident costs: reads (the org's `.github` config
 * only when the repository has none), one PATCH, the read-back, +1.
 */
function acceptedLines(fake: FakeGitHub, author: string, commentId: number): string[] {
  // A `/lead` naming someone else first checks GitHub can assign them.
  const body = fake.timeline.find((t) => t.id === commentId)?.body ?? "";
  const leadChecks = [...body.matchAll(/^\/lead @(\S+)/gm)]
    .filter((m) => m[1] !== author)
    .map((m) => `GET /repos/acme/shop/assignees/${m[1]}`);
  return [
    ...leadChecks,
    "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
    "GET /repos/acme/shop/issues/7",
    "GET /repos/acme/shop/issues/7/timeline?per_page=100",
    `GET /repos/acme/shop/collaborators/${author}/permission`,
    ...(fake.config === null ? ["GET /repos/acme/.github/contents/.github%2Fhereby.yml"] : []),
    "PATCH /repos/acme/shop/issues/7",
    "GET /repos/acme/shop/issues/7",
    "GET /repos/acme/shop/issues/7/timeline?per_page=100",
    // 👍 means applied: it comes after the write it vouches for.
    `POST /repos/acme/shop/issues/comments/${commentId}/reactions`,
  ];
}

/** The common assertions for an accepted command comment: 👍, one PATCH, user text kept, no reply. */
function expectAccepted(fake: FakeGitHub, author: string, commentId: number, more: string[] = []): Record<string, unknown> {
  expectRequests(fake, [...acceptedLines(fake, author, commentId), ...more]);
  expect(fake.reacted).toEqual([{ commentId, content: "+1" }]);
  expect(fake.patches).toHaveLength(1);
  expect(fake.posted).toEqual([]);
  expect(userPart(fake.issue.body)).toBe(`${USER_BODY}\n\n`);
  return fake.patches[0]!;
}

describe("/severity", () => {
  it.each(["critical", "sev1", "P1", "CRITICAL"])("/severity %s swaps the label for severity:critical", async (word) => {
    const fake = await incident();
    const event = fake.comment("bob", `/severity ${word}`, 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
    expect(patch["labels"]).toEqual(["incident", "status:investigating", "severity:critical"]);
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:critical"]);
    expect(fake.field("Severity")).toBe("critical");
    expect(fake.recordTimeline).toEqual([
      DECLARED_ROW,
      `| 2026-11-23 14:10 | Severity set to critical ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
    expect(fake.record).toContain(`<!-- hereby:state ${idOf(event)} -->`);
  });

  it.each([
    ["minor", "severity:minor"],
    ["sev3", "severity:minor"],
    ["trivial", "severity:trivial"],
    ["p4", "severity:trivial"],
  ])("/severity %s lowers it", async (word, label) => {
    const fake = await incident();
    const event = fake.comment("bob", `/severity ${word}`, 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(patch["labels"]).toEqual(["incident", "status:investigating", label]);
    expect(fake.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual([label]);
  });
});

describe("/timeline", () => {
  it("adds an entry at the comment's time", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/timeline rolled back the 14:02 deploy | v2.3.1", 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(Object.keys(patch)).toEqual(["body"]);
    expect(fake.recordTimeline).toEqual([
      DECLARED_ROW,
      `| 2026-11-23 14:10 | rolled back the 14:02 deploy \\| v2.3.1 ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
    expect(fake.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
  });

  it.each([
    // November: London is on UTC.
    ["Europe/London", "/timeline 14:05 rolled back", 10, "2026-11-23 14:05", "2026-11-23 14:05", "rolled back"],
    // A time later than the comment means yesterday.
    ["Europe/London", "/timeline 23:50 first alert fired", 10, "2026-11-22 23:50", "2026-11-22 23:50", "first alert fired"],
    // The zone matters: 09:05 in New York is 14:05 UTC (comment at 15:20 UTC).
    ["America/New_York", "/timeline 09:05 - rolled back", 80, "2026-11-23 14:05", "2026-11-23 09:05", "rolled back"],
  ])("HH:MM is read in the configured zone (%s): %j, and shown in it beside UTC", async (zone, text, minute, row, local, entry) => {
    const fake = await incident({ config: `timezone: ${zone}\n` });
    const event = fake.comment("bob", text, minute);
    await deliver(probot, event);

    expectAccepted(fake, "bob", idOf(event));
    const lines = fake.record.split("\n");
    expect(lines).toContain(`| Time (UTC) | ${zone} | Entry | By |`);
    expect(lines).toContain(`| ${row} | ${local} | ${entry} ${link(idOf(event))} | [bob](https://github.com/bob) |`);
  });

  it.each([
    ["/timeline 2026-11-23T14:05Z rolled back", "2026-11-23 14:05"],
    ["/timeline 2026-11-23T15:05+01:00 rolled back", "2026-11-23 14:05"],
    ["/timeline 2026-11-23 14:05 rolled back", "2026-11-23 14:05"],
  ])("an ISO 8601 time given first: %j", async (text, row) => {
    const fake = await incident();
    const event = fake.comment("bob", text, 10);
    await deliver(probot, event);

    expectAccepted(fake, "bob", idOf(event));
    expect(fake.recordTimeline).toEqual([DECLARED_ROW, `| ${row} | rolled back ${link(idOf(event))} | [bob](https://github.com/bob) |`]);
  });

  it("escapes what would break the record or ping people", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/timeline paged @carol <!-- hereby:end --> | done", 10);
    await deliver(probot, event);

    expectAccepted(fake, "bob", idOf(event));
    expect(fake.recordTimeline).toContain(
      `| 2026-11-23 14:10 | paged @[carol](https://github.com/carol) &lt;!-- hereby:end --&gt; \\| done ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    );
    expect(fake.issue.body!.match(/<!-- hereby:end -->/g)).toHaveLength(1);
  });
});

describe("/status", () => {
  it("/status identified <text> swaps the status label and adds the entry", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/status identified: bad config push", 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:identified"]);
    expect(fake.field("Status")).toBe("identified");
    expect(fake.recordTimeline).toEqual([
      DECLARED_ROW,
      `| 2026-11-23 14:10 | Status set to identified: bad config push ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
    expect(fake.issue.state).toBe("open");
  });

  it.each(["monitoring", "investigating"])("/status %s", async (status) => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", "/status identified", 10));
    fake.resetLog();
    const event = fake.comment("bob", `/status ${status}`, 12);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(patch["labels"]).toEqual(["incident", "severity:major", `status:${status}`]);
    expect(fake.issue.labels.filter((l) => l.startsWith("status:"))).toEqual([`status:${status}`]);
  });
});

describe("/summary", () => {
  it("sets the summary at the top of the record", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/summary Checkout returns 502 for EU customers since 13:58.", 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(Object.keys(patch)).toEqual(["body"]);
    expect(fake.record).toContain("**Summary:** Checkout returns 502 for EU customers since 13:58.");
    expect(fake.record).not.toContain("No summary yet");
    expect(fake.recordTimeline).toEqual([
      DECLARED_ROW,
      `| 2026-11-23 14:10 | Summary updated ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });
});

describe("/lead and /role", () => {
  it("/lead @carol moves the assignee from the former lead", async () => {
    const fake = await incident({ issue: { assignees: ["zed"] } });
    expect(fake.issue.assignees).toEqual(["zed", "alice"]);
    fake.resetLog();
    const event = fake.comment("bob", "/lead @carol", 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(Object.keys(patch).sort()).toEqual(["assignees", "body"]);
    // Someone assigned by hand stays; the former lead goes.
    expect(patch["assignees"]).toEqual(["zed", "carol"]);
    expect(fake.field("Lead")).toBe("[carol](https://github.com/carol)");
    expect(fake.recordTimeline).toEqual([
      DECLARED_ROW,
      `| 2026-11-23 14:10 | Lead: @[carol](https://github.com/carol) ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });

  it("/lead me makes the commenter the lead", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/lead me", 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(patch["assignees"]).toEqual(["bob"]);
    expect(fake.field("Lead")).toBe("[bob](https://github.com/bob)");
  });

  it("a second /lead unassigns the first", async () => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", "/lead @carol", 10));
    fake.resetLog();
    const event = fake.comment("bob", "/lead @dave", 11);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(patch["assignees"]).toEqual(["dave"]);
  });

  it.each([
    ["/role comms @dave", "Communications", "dave"],
    ["/role @dave ops", "Operations", "dave"],
    ["/role scribe me", "Scribe", "bob"],
  ])("%j fills the role in the record, assigning nobody", async (text, title, holder) => {
    const fake = await incident();
    const event = fake.comment("bob", text, 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(Object.keys(patch)).toEqual(["body"]);
    expect(fake.field(title)).toBe(`[${holder}](https://github.com/${holder})`);
    expect(fake.issue.assignees).toEqual(["alice"]);
    expect(fake.recordTimeline).toContain(`| 2026-11-23 14:10 | ${title}: @[${holder}](https://github.com/${holder}) ${link(idOf(event))} | [bob](https://github.com/bob) |`);
  });
});

describe("/resolve", () => {
  it("sets status:resolved and closes the issue as completed in the same PATCH", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/resolve rolled back, error rate normal", 10);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event), POSTMORTEM_READS);
    expect(Object.keys(patch).sort()).toEqual(["body", "labels", "state", "state_reason"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:resolved"]);
    expect(patch["state"]).toBe("closed");
    expect(patch["state_reason"]).toBe("completed");
    expect(fake.issue.state).toBe("closed");
    expect(fake.field("Status")).toBe("resolved");
    expect(fake.field("Resolved")).toBe("2026-11-23 14:10 UTC");
    expect(fake.field("Duration")).toBe("9m");
    expect(fake.recordTimeline).toEqual([
      DECLARED_ROW,
      `| 2026-11-23 14:10 | Resolved: rolled back, error rate normal ${link(idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });

  it("a status command after /resolve reopens the issue", async () => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", "/resolve", 10));
    fake.resetLog();
    const event = fake.comment("bob", "/status monitoring errors are back", 20);
    await deliver(probot, event);

    const patch = expectAccepted(fake, "bob", idOf(event));
    expect(patch["state"]).toBe("open");
    expect(patch["state_reason"]).toBe("reopened");
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:monitoring"]);
    expect(fake.field("Resolved")).toBe("—");
  });
});

describe("/help", () => {
  it("replies with the command reference", async () => {
    const fake = await incident({ config: "timezone: Europe/London\n" });
    const before = fake.issue.body!;
    const event = fake.comment("bob", "/help", 10);
    await deliver(probot, event);
    const id = idOf(event);

    // Nothing in the record changes: reads, 👍 and the reply, no PATCH.
    const lines = acceptedLines(fake, "bob", id).filter((l) => !l.startsWith("PATCH"));
    expectRequests(fake, [...lines.slice(0, -3), "POST /repos/acme/shop/issues/7/comments", lines.at(-1)!]);
    expect(fake.reacted).toEqual([{ commentId: id, content: "+1" }]);
    expect(fake.posted).toHaveLength(1);
    const reply = fake.posted[0]!;
    expect(reply.split("\n").slice(0, 2)).toEqual([`<!-- hereby:help ${id} -->`, "### hereby commands"]);
    for (const usage of [
      "/declare",
      "/severity <level>",
      "/timeline [HH:MM \\| ISO 8601 time] <text>",
      "/status <investigating\\|identified\\|monitoring\\|resolved> [text]",
      "/summary <text>",
      "/lead <@user\\|me>",
      "/role <role> <@user\\|me> [@user…]",
      "/resolve [text]",
      "/help",
    ]) {
      expect(reply).toContain(`| \`${usage}\``);
    }
    expect(reply).toContain("`critical` (`sev1`, `p1`)");
    expect(reply).toContain("`comms` (Communications)");
    expect(reply).toContain("24-hour in Europe/London");

    expect(fake.patches).toHaveLength(0);
    expect(fake.issue.body).toBe(before);
  });
});

describe("several commands in one comment", () => {
  it("are applied in order, in one PATCH", async () => {
    const fake = await incident({ config: "timezone: Europe/London\n" });
    const text = [
      "Found it, rolling back now.",
      "/severity critical",
      "/status identified bad config push",
      "/lead @carol",
      "/lead @dave",
      "/role comms @erin",
      "/timeline 14:05 config pushed",
      "/summary Checkout down for EU customers",
      "/severity sev2",
    ].join("\n");
    const event = fake.comment("bob", text, 10);
    await deliver(probot, event);
    const id = idOf(event);

    const patch = expectAccepted(fake, "bob", id);
    // The last /severity wins, the last /lead is assigned, the first lead is not.
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:identified"]);
    expect(patch["assignees"]).toEqual(["dave"]);
    expect(fake.field("Severity")).toBe("major");
    expect(fake.field("Status")).toBe("identified");
    expect(fake.field("Lead")).toBe("[dave](https://github.com/dave)");
    expect(fake.field("Communications")).toBe("[erin](https://github.com/erin)");
    expect(fake.record).toContain("**Summary:** Checkout down for EU customers");
    // Europe/London in November is UTC+0: the local column shows the same times.
    const rows = fake.record.split("\n").filter((l) => /^\| \d{4}-/.test(l));
    expect(rows.map((r) => r.split(" [↗]")[0]!.replace(/^(\| [^|]+ \|) [^|]+ \|/, "$1"))).toEqual([
      "| 2026-11-23 14:01 | Incident declared",
      "| 2026-11-23 14:05 | config pushed",
      "| 2026-11-23 14:10 | Severity set to critical",
      "| 2026-11-23 14:10 | Status set to identified: bad config push",
      "| 2026-11-23 14:10 | Lead: @[carol](https://github.com/carol)",
      "| 2026-11-23 14:10 | Lead: @[dave](https://github.com/dave)",
      "| 2026-11-23 14:10 | Communications: @[erin](https://github.com/erin)",
      "| 2026-11-23 14:10 | Summary updated",
      "| 2026-11-23 14:10 | Severity set to major",
    ]);
  });
});

describe("fenced code blocks", () => {
  it("a comment whose commands are all inside a fence makes no request at all", async () => {
    const fake = await incident();
    await deliver(probot, fake.comment("bob", "Use it like this:\n\n```\n/severity critical\n/resolve\n```\n\n~~~md\n/lead me\n~~~", 10));

    expect(fake.requests).toEqual([]);
  });

  it("lines inside a fence are ignored, the others applied", async () => {
    const fake = await incident();
    const event = fake.comment("bob", "/timeline rolled back\n\n````\n```\n/severity critical\n```\n/resolve\n````\n", 10);
    await deliver(probot, event);

    expectAccepted(fake, "bob", idOf(event));
    expect(fake.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(fake.issue.state).toBe("open");
    expect(fake.recordTimeline).toEqual([DECLARED_ROW, `| 2026-11-23 14:10 | rolled back ${link(idOf(event))} | [bob](https://github.com/bob) |`]);
  });
});

describe("the record across commands", () => {
  it("keeps the user's text before the block byte for byte, and text after it too", async () => {
    const fake = await incident();
    // Someone adds a note after the block by hand.
    fake.issue.body = `${fake.issue.body}\r\n\r\nLater note by hand.`;
    const bodies: string[] = [];
    for (const [i, text] of ["/severity critical", "/timeline one", "/summary two", "/role ops @dave", "/resolve"].entries()) {
      await deliver(probot, fake.comment("bob", text, 10 + i));
      bodies.push(fake.issue.body!);
    }
    for (const body of bodies) {
      expect(userPart(body)).toBe(`${USER_BODY}\n\n`);
      expect(body.endsWith("<!-- hereby:end -->\r\n\r\nLater note by hand.")).toBe(true);
      expect(body.match(/<!-- hereby:start -->/g)).toHaveLength(1);
    }
    expect(fake.patches).toHaveLength(5);
  });
});

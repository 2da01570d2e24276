// Every command on a declared incident (alice declared it at 14:01 with the label; bob,
// with write access, comments at 14:10), and the exact writes a user notices.
import { describe, expect, it } from "vitest";
import { useSimulator, userPart } from "../support/simulated.js";
import {
  SimIssue,
  expectRequests,
  postmortemOpening,
  idOf,
  USER_BODY,
} from "../support/sim-issue.js";

useSimulator();

const link = (sim: SimIssue, id: number) => `[↗](${sim.url}#issuecomment-${id})`;
const DECLARED_ROW = (sim: SimIssue) =>
  `| 2026-11-23 14:01 | Incident declared [↗](${sim.url}) | [alice](https://github.com/alice) |`;

/**
 * What every accepted command on an incident costs: reads (the org's `.github` config
 * only when the repository has none), one PATCH with its +1, the timeline read back.
 */
function acceptedLines(sim: SimIssue, author: string, commentId: number): string[] {
  // A `/lead` naming someone else first checks GitHub can assign them.
  const body = sim.commentBody(commentId);
  const leadChecks = [...body.matchAll(/^\/lead @(\S+)/gm)]
    .filter((m) => m[1] !== author)
    .map((m) => `GET /repos/acme/shop/assignees/${m[1]}`);
  return [
    ...leadChecks,
    "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
    `GET ${sim.path}`,
    `GET ${sim.path}/timeline?per_page=100`,
    `GET /repos/acme/shop/collaborators/${author}/permission`,
    ...(!sim.hasConfig ? ["GET /repos/acme/.github/contents/.github%2Fhereby.yml"] : []),
    // 👍 goes with the write it vouches for (taken back if that fails); the PATCH's answer
    // is the read-back's issue.
    `PATCH ${sim.path}`,
    `POST /repos/acme/shop/issues/comments/${commentId}/reactions`,
    `GET ${sim.path}/timeline?per_page=100`,
  ];
}

/** The common assertions for an accepted command comment: 👍, one PATCH, user text kept, no reply. */
function expectAccepted(
  sim: SimIssue,
  author: string,
  commentId: number,
  more: string[] = [],
): Record<string, unknown> {
  expectRequests(sim, [...acceptedLines(sim, author, commentId), ...more]);
  expect(sim.reacted).toEqual([{ commentId, content: "+1" }]);
  expect(sim.patches).toHaveLength(1);
  expect(sim.posted).toEqual([]);
  expect(userPart(sim.issue.body)).toBe(`${USER_BODY}\n\n`);
  return sim.patches[0]!;
}

describe("/severity", () => {
  it.each(["critical", "sev1", "P1", "CRITICAL"])(
    "/severity %s swaps the label for severity:critical",
    async (word) => {
      const sim = await SimIssue.declared();
      const event = await sim.comment("bob", `/severity ${word}`, 10);
      await sim.deliver(event);

      const patch = expectAccepted(sim, "bob", idOf(event));
      expect(Object.keys(patch).sort()).toEqual(["body", "labels"]);
      expect(patch["labels"]).toEqual(["incident", "status:investigating", "severity:critical"]);
      expect(sim.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual([
        "severity:critical",
      ]);
      expect(sim.field("Severity")).toBe("critical");
      expect(sim.recordTimeline).toEqual([
        DECLARED_ROW(sim),
        `| 2026-11-23 14:10 | Severity set to critical ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
      ]);
      expect(sim.record).toContain(`<!-- hereby:state ${idOf(event)} -->`);
    },
  );

  it.each([
    ["minor", "severity:minor"],
    ["sev3", "severity:minor"],
    ["trivial", "severity:trivial"],
    ["p4", "severity:trivial"],
  ])("/severity %s lowers it", async (word, label) => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", `/severity ${word}`, 10);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(patch["labels"]).toEqual(["incident", "status:investigating", label]);
    expect(sim.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual([label]);
  });
});

describe("/timeline", () => {
  it("adds an entry at the comment's time", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/timeline rolled back the 14:02 deploy | v2.3.1", 10);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(Object.keys(patch)).toEqual(["body"]);
    expect(sim.recordTimeline).toEqual([
      DECLARED_ROW(sim),
      `| 2026-11-23 14:10 | rolled back the 14:02 deploy \\| v2.3.1 ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
  });

  it.each([
    // November: London is on UTC.
    [
      "Europe/London",
      "/timeline 14:05 rolled back",
      10,
      "2026-11-23 14:05",
      "2026-11-23 14:05",
      "rolled back",
    ],
    // A time later than the comment means yesterday.
    [
      "Europe/London",
      "/timeline 23:50 first alert fired",
      10,
      "2026-11-22 23:50",
      "2026-11-22 23:50",
      "first alert fired",
    ],
    // The zone matters: 09:05 in New York is 14:05 UTC (comment at 15:20 UTC).
    [
      "America/New_York",
      "/timeline 09:05 - rolled back",
      80,
      "2026-11-23 14:05",
      "2026-11-23 09:05",
      "rolled back",
    ],
  ])(
    "HH:MM is read in the configured zone (%s): %j, and shown in it beside UTC",
    async (zone, text, minute, row, local, entry) => {
      const sim = await SimIssue.declared({ config: `timezone: ${zone}\n` });
      const event = await sim.comment("bob", text, minute);
      await sim.deliver(event);

      // An entry before the declaration is also offered as the impact start, in a reply.
      if (row < "2026-11-23 14:01") {
        expect(sim.reacted).toEqual([{ commentId: idOf(event), content: "+1" }]);
        expect(JSON.stringify(sim.posted)).toContain("hereby:impactoffer");
      } else expectAccepted(sim, "bob", idOf(event));
      const lines = sim.record.split("\n");
      expect(lines).toContain(`| Time (UTC) | ${zone} | Entry | By |`);
      expect(lines).toContain(
        `| ${row} | ${local} | ${entry} ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
      );
    },
  );

  it.each([
    ["/timeline 2026-11-23T14:05Z rolled back", "2026-11-23 14:05"],
    ["/timeline 2026-11-23T15:05+01:00 rolled back", "2026-11-23 14:05"],
    ["/timeline 2026-11-23 14:05 rolled back", "2026-11-23 14:05"],
  ])("an ISO 8601 time given first: %j", async (text, row) => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", text, 10);
    await sim.deliver(event);

    expectAccepted(sim, "bob", idOf(event));
    expect(sim.recordTimeline).toEqual([
      DECLARED_ROW(sim),
      `| ${row} | rolled back ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });

  it("escapes what would break the record or ping people", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/timeline paged @carol <!-- hereby:end --> | done", 10);
    await sim.deliver(event);

    expectAccepted(sim, "bob", idOf(event));
    expect(sim.recordTimeline).toContain(
      `| 2026-11-23 14:10 | paged @[carol](https://github.com/carol) &lt;!-- hereby:end --&gt; \\| done ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    );
    expect(sim.issue.body!.match(/<!-- hereby:end -->/g)).toHaveLength(1);
  });
});

describe("/status", () => {
  it("/status identified <text> swaps the status label and adds the entry", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/status identified: bad config push", 10);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:identified"]);
    expect(sim.field("Status")).toBe("identified");
    expect(sim.recordTimeline).toEqual([
      DECLARED_ROW(sim),
      `| 2026-11-23 14:10 | Status set to identified: bad config push ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
    expect(sim.issue.state).toBe("open");
  });

  it.each(["monitoring", "investigating"])("/status %s", async (status) => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.comment("bob", "/status identified", 10));
    sim.resetLog();
    const event = await sim.comment("bob", `/status ${status}`, 12);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(patch["labels"]).toEqual(["incident", "severity:major", `status:${status}`]);
    expect(sim.issue.labels.filter((l) => l.startsWith("status:"))).toEqual([`status:${status}`]);
  });
});

describe("/summary", () => {
  it("sets the summary at the top of the record", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment(
      "bob",
      "/summary Checkout returns 502 for EU customers since 13:58.",
      10,
    );
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(Object.keys(patch)).toEqual(["body"]);
    expect(sim.record).toContain("**Summary:** Checkout returns 502 for EU customers since 13:58.");
    expect(sim.record).not.toContain("No summary yet");
    expect(sim.recordTimeline).toEqual([
      DECLARED_ROW(sim),
      `| 2026-11-23 14:10 | Summary updated ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });
});

describe("/lead and /role", () => {
  it("/lead @carol moves the assignee from the former lead", async () => {
    const sim = await SimIssue.declared({ issue: { assignees: ["zed"] } });
    expect(sim.issue.assignees).toEqual(["zed", "alice"]);
    sim.resetLog();
    const event = await sim.comment("bob", "/lead @carol", 10);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(Object.keys(patch).sort()).toEqual(["assignees", "body"]);
    // Someone assigned by hand stays; the former lead goes.
    expect(patch["assignees"]).toEqual(["zed", "carol"]);
    expect(sim.field("Lead")).toBe("[carol](https://github.com/carol)");
    expect(sim.recordTimeline).toEqual([
      DECLARED_ROW(sim),
      `| 2026-11-23 14:10 | Lead: @[carol](https://github.com/carol) ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });

  it("/lead me makes the commenter the lead", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/lead me", 10);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(patch["assignees"]).toEqual(["bob"]);
    expect(sim.field("Lead")).toBe("[bob](https://github.com/bob)");
  });

  it("a second /lead unassigns the first", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.comment("bob", "/lead @carol", 10));
    sim.resetLog();
    const event = await sim.comment("bob", "/lead @dave", 11);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(patch["assignees"]).toEqual(["dave"]);
  });

  it.each([
    ["/role comms @dave", "Communications", "dave"],
    ["/role @dave ops", "Operations", "dave"],
    ["/role scribe me", "Scribe", "bob"],
  ])("%j fills the role in the record, assigning nobody", async (text, title, holder) => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", text, 10);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(Object.keys(patch)).toEqual(["body"]);
    expect(sim.field(title)).toBe(`[${holder}](https://github.com/${holder})`);
    expect(sim.issue.assignees).toEqual(["alice"]);
    expect(sim.recordTimeline).toContain(
      `| 2026-11-23 14:10 | ${title}: @[${holder}](https://github.com/${holder}) ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    );
  });
});

describe("/resolve", () => {
  it("sets status:resolved and closes the issue as completed in the same PATCH, then opens the postmortem", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/resolve rolled back, error rate normal", 10);
    await sim.deliver(event);

    // The close, its 👍, then the postmortem pull request (test/postmortem covers it) with
    // its announcement, and the record entry decided from the announcement's POST answer.
    const accepted = acceptedLines(sim, "bob", idOf(event));
    expectRequests(sim, [
      ...accepted,
      ...postmortemOpening(sim),
      `PATCH ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
    ]);
    expect(sim.reacted).toEqual([{ commentId: idOf(event), content: "+1" }]);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain("<!-- hereby:postmortem opened:2 -->");
    expect(userPart(sim.issue.body)).toBe(`${USER_BODY}\n\n`);
    expect(sim.patches).toHaveLength(2);
    const patch = sim.patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(["body", "labels", "state", "state_reason"]);
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:resolved"]);
    expect(patch["state"]).toBe("closed");
    expect(patch["state_reason"]).toBe("completed");
    expect(Object.keys(sim.patches[1]!)).toEqual(["body"]);
    expect(sim.issue.state).toBe("closed");
    expect(sim.field("Status")).toBe("resolved");
    expect(sim.field("Resolved")).toBe("2026-11-23 14:10 UTC");
    expect(sim.field("Time to resolve")).toBe("9m (from declaration)");
    expect(sim.recordTimeline.map((r) => r.split(" [↗]")[0])).toEqual([
      "| 2026-11-23 14:01 | Incident declared",
      "| 2026-11-23 14:10 | Resolved: rolled back, error rate normal",
      "| 2026-11-23 14:10 | Postmortem opened: #2",
    ]);
    expect(sim.recordTimeline[1]).toBe(
      `| 2026-11-23 14:10 | Resolved: rolled back, error rate normal ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    );
  });

  it("a status command after /resolve reopens the issue", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.comment("bob", "/resolve", 10));
    sim.resetLog();
    const event = await sim.comment("bob", "/status monitoring errors are back", 20);
    await sim.deliver(event);

    const patch = expectAccepted(sim, "bob", idOf(event));
    expect(patch["state"]).toBe("open");
    expect(patch["state_reason"]).toBe("reopened");
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:monitoring"]);
    expect(sim.field("Resolved")).toBe("—");
  });
});

describe("/help", () => {
  it("replies with the command reference", async () => {
    const sim = await SimIssue.declared({ config: "timezone: Europe/London\n" });
    const before = sim.issue.body!;
    const event = await sim.comment("bob", "/help", 10);
    await sim.deliver(event);
    const id = idOf(event);

    // Nothing in the record changes: reads, 👍 and the reply, no PATCH.
    const lines = acceptedLines(sim, "bob", id).filter((l) => !l.startsWith("PATCH"));
    expectRequests(sim, [...lines.slice(0, -2), `POST ${sim.path}/comments`, lines.at(-2)!]);
    expect(sim.reacted).toEqual([{ commentId: id, content: "+1" }]);
    expect(sim.posted).toHaveLength(1);
    const reply = sim.posted[0]!;
    expect(reply.split("\n").slice(0, 2)).toEqual([
      `<!-- hereby:help ${id} -->`,
      "### hereby commands",
    ]);
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

    expect(sim.patches).toHaveLength(0);
    expect(sim.issue.body).toBe(before);
  });
});

describe("several commands in one comment", () => {
  it("are applied in order, in one PATCH", async () => {
    const sim = await SimIssue.declared({ config: "timezone: Europe/London\n" });
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
    const event = await sim.comment("bob", text, 10);
    await sim.deliver(event);
    const id = idOf(event);

    const patch = expectAccepted(sim, "bob", id);
    // The last /severity wins, the last /lead is assigned, the first lead is not.
    expect(patch["labels"]).toEqual(["incident", "severity:major", "status:identified"]);
    expect(patch["assignees"]).toEqual(["dave"]);
    expect(sim.field("Severity")).toBe("major");
    expect(sim.field("Status")).toBe("identified");
    expect(sim.field("Lead")).toBe("[dave](https://github.com/dave)");
    expect(sim.field("Communications")).toBe("[erin](https://github.com/erin)");
    expect(sim.record).toContain("**Summary:** Checkout down for EU customers");
    // Europe/London in November is UTC+0: the local column shows the same times.
    const rows = sim.record.split("\n").filter((l) => /^\| \d{4}-/.test(l));
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
    const sim = await SimIssue.declared();
    await sim.deliver(
      await sim.comment(
        "bob",
        "Use it like this:\n\n```\n/severity critical\n/resolve\n```\n\n~~~md\n/lead me\n~~~",
        10,
      ),
    );

    expect(sim.requests).toEqual([]);
  });

  it("lines inside a fence are ignored, the others applied", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment(
      "bob",
      "/timeline rolled back\n\n````\n```\n/severity critical\n```\n/resolve\n````\n",
      10,
    );
    await sim.deliver(event);

    expectAccepted(sim, "bob", idOf(event));
    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue.state).toBe("open");
    expect(sim.recordTimeline).toEqual([
      DECLARED_ROW(sim),
      `| 2026-11-23 14:10 | rolled back ${link(sim, idOf(event))} | [bob](https://github.com/bob) |`,
    ]);
  });
});

describe("the record across commands", () => {
  it("keeps the user's text before the block byte for byte, and text after it too", async () => {
    const sim = await SimIssue.declared();
    // Someone adds a note after the block by hand.
    await sim.deliver(
      await sim.editBody("alice", `${sim.issue.body}\r\n\r\nLater note by hand.`, 5),
    );
    sim.resetLog();
    const bodies: string[] = [];
    for (const [i, text] of [
      "/severity critical",
      "/timeline one",
      "/summary two",
      "/role ops @dave",
      "/resolve",
    ].entries()) {
      await sim.deliver(await sim.comment("bob", text, 10 + i));
      bodies.push(sim.issue.body!);
    }
    for (const body of bodies) {
      expect(userPart(body)).toBe(`${USER_BODY}\n\n`);
      expect(body.endsWith("<!-- hereby:end -->\r\n\r\nLater note by hand.")).toBe(true);
      expect(body.match(/<!-- hereby:start -->/g)).toHaveLength(1);
    }
    // One PATCH a command, and the "postmortem opened" entry after /resolve.
    expect(sim.patches).toHaveLength(6);
  });
});

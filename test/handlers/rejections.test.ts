// Every way a comment is turned away: mistakes (😕 and one reply naming the line, what
// was wrong and the usage; nothing applied), people without access (a refusal), and
// comments hereby must not touch at all (bots, no commands, pull requests).
import { textHash } from "../../src/core/markers.js";
import { marked } from "marked";
import { describe, expect, it } from "vitest";
import {
  useSimulator,
  start,
  deliverAll,
  field,
  entries,
  reactions,
  assignees,
  rendered,
  liveMentions,
  type Role,
} from "../support/simulated.js";
import { SimIssue, expectRequests, idOf, type Delivery } from "../support/sim-issue.js";

useSimulator();

const READS = (sim: SimIssue) => [
  "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
  `GET ${sim.path}`,
  `GET ${sim.path}/timeline?per_page=100`,
];

const SEVERITIES = "critical (sev1, p1), major (sev2, p2), minor (sev3, p3), trivial (sev4, p4)";
const ROLES = "comms (Communications), ops (Operations), planning (Planning), scribe (Scribe)";

describe("a comment with a mistake", () => {
  it.each([
    {
      what: "an unknown command",
      text: "/sevrity critical",
      lines: [
        {
          n: 1,
          raw: "/sevrity critical",
          error: "unknown command /sevrity; did you mean /severity?",
          usage: "/help lists the commands",
        },
      ],
    },
    {
      what: "an unknown command with no near match",
      text: "/page @oncall",
      lines: [
        {
          n: 1,
          raw: "/page @oncall",
          error: "unknown command /page",
          usage: "/help lists the commands",
        },
      ],
    },
    {
      what: "a bad severity",
      text: "/severity huge",
      lines: [
        {
          n: 1,
          raw: "/severity huge",
          error: `unknown severity "huge"; use one of: ${SEVERITIES}`,
          usage: "/severity <level>",
        },
      ],
    },
    {
      what: "a missing severity",
      text: "/severity",
      lines: [
        {
          n: 1,
          raw: "/severity",
          error: `missing severity level; use one of: ${SEVERITIES}`,
          usage: "/severity <level>",
        },
      ],
    },
    {
      what: "the status complete",
      text: "/status complete",
      lines: [
        {
          n: 1,
          raw: "/status complete",
          error:
            'status "complete" is set automatically once every action item is closed; use one of: investigating, identified, monitoring, resolved',
          usage: "/status <investigating|identified|monitoring|resolved> [text]",
        },
      ],
    },
    {
      what: "an unknown status",
      text: "/status fixed",
      lines: [
        {
          n: 1,
          raw: "/status fixed",
          error:
            'unknown status "fixed"; use one of: investigating, identified, monitoring, resolved',
          usage: "/status <investigating|identified|monitoring|resolved> [text]",
        },
      ],
    },
    {
      what: "an unknown role",
      text: "/role chef @dave",
      lines: [
        {
          n: 1,
          raw: "/role chef @dave",
          error: `unknown role "chef"; use one of: ${ROLES}`,
          usage: "/role <role> <@user|me> [@user…]",
        },
      ],
    },
    {
      what: "/role lead",
      text: "/role lead @dave",
      lines: [
        {
          n: 1,
          raw: "/role lead @dave",
          error: "the lead is set with /lead <@user|me>, not /role",
          usage: "/role <role> <@user|me> [@user…]",
        },
      ],
    },
    {
      what: "/lead with no user",
      text: "/lead",
      lines: [
        {
          n: 1,
          raw: "/lead",
          error: "missing person for the lead; use @user or me",
          usage: "/lead <@user|me>",
        },
      ],
    },
    {
      what: "/lead with a team",
      text: "/lead @acme/sre",
      lines: [
        {
          n: 1,
          raw: "/lead @acme/sre",
          error: '"@acme/sre" is a team; the lead must be one person: use @user or me',
          usage: "/lead <@user|me>",
        },
      ],
    },
    {
      what: "a bad time",
      text: "/timeline 25:00 rolled back",
      lines: [
        {
          n: 1,
          raw: "/timeline 25:00 rolled back",
          error:
            'time "25:00" is not valid: hour 25 is out of range 0-23; use HH:MM (24-hour, UTC) or an ISO 8601 time such as 2026-11-23T14:05Z',
          usage: "/timeline [HH:MM | ISO 8601 time] <text>",
        },
      ],
    },
    {
      what: "/summary with no text",
      text: "/summary",
      lines: [
        {
          n: 1,
          raw: "/summary",
          error: "missing summary text: write what happened and who was affected after /summary",
          usage: "/summary <text>",
        },
      ],
    },
  ])(
    "$what: 😕 and one reply naming the line, what was wrong and the usage",
    async ({ text, lines }) => {
      const sim = await SimIssue.declared();
      const before = {
        body: sim.issue.body,
        labels: [...sim.issue.labels],
        assignees: [...sim.issue.assignees],
      };
      const event = await sim.comment("bob", text, 10);
      const id = idOf(event);
      await sim.deliver(event);

      expectRequests(sim, [
        ...READS(sim),
        "GET /repos/acme/shop/collaborators/bob/permission",
        "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
        `POST /repos/acme/shop/issues/comments/${id}/reactions`,
        `POST ${sim.path}/comments`,
      ]);
      expect(sim.reacted).toEqual([{ commentId: id, content: "confused" }]);
      expect(sim.patches).toEqual([]);
      expect(sim.posted).toHaveLength(1);
      // Nobody is pinged by a rejection (handles in the error text are defused).
      expect(liveMentions(sim.posted[0]!)).toEqual([]);
      const reply = rendered(sim.posted[0]!).split("\n");
      expect(reply[0]).toMatch(new RegExp(`^<!-- hereby:rejected ${id}@[0-9a-z]+ -->$`));
      expect(reply[1]).toBe(
        `Nothing in [your comment](#issuecomment-${id}) was applied: one command was not understood.`,
      );
      expect(reply.slice(3, 3 + lines.length * 2)).toEqual(
        // Handles in the reason show as code (`@user` is a placeholder, not a profile to link).
        lines.flatMap((l) => [
          `- line ${l.n}: \`${l.raw}\`: ${l.error.replace(/(?<![A-Za-z0-9])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_-]+)?/g, (m) => `\`${m}\``)}`,
          `  usage: \`${l.usage}\``,
        ]),
      );
      expect(reply.at(-1)).toBe(
        "Fix the comment (editing it works) or post the commands again. `/help` lists every command.",
      );
      expect(sim.issue).toMatchObject(before);
    },
  );

  it("one bad line among good ones: nothing is applied, no PATCH, the reply names that line", async () => {
    const sim = await SimIssue.declared();
    const before = sim.issue.body;
    const event = await sim.comment(
      "bob",
      "Rolling back.\n/severity critical\n/timeline rolled back\n/status complete\n/lead @carol",
      10,
    );
    const id = idOf(event);
    await sim.deliver(event);

    expect(sim.patches).toEqual([]);
    expect(sim.lines.filter((l) => !l.startsWith("GET"))).toEqual([
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
      `POST ${sim.path}/comments`,
    ]);
    expect(sim.reacted).toEqual([{ commentId: id, content: "confused" }]);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain(
      '- line 4: `/status complete`: status "complete" is set automatically',
    );
    expect(sim.posted[0]).not.toContain("line 2");
    expect(sim.issue.body).toBe(before);
    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(sim.issue.assignees).toEqual(["alice"]);
  });

  // The reason quotes the user's words: an unpaired backtick among them would pair with the
  // usage's code span after it and leave `@user` outside code, pinging the account "user".
  it("a stray backtick in the line leaves the usage in its code span", async () => {
    const sim = await SimIssue.declared();
    await sim.deliver(await sim.comment("bob", "/lead @carol `", 10));

    expect(sim.posted).toHaveLength(1);
    const html = marked.parse(sim.posted[0]!, { async: false });
    expect(html).toContain("<code>/lead &lt;@user|me&gt;</code>");
    expect(html.replace(/<code>[^<]*<\/code>/g, "")).not.toMatch(/@user/);
  });

  it("several bad lines are all named in the one reply", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/severity huge\n/timeline ok\n/role chef @dave", 10);
    await sim.deliver(event);

    expect(sim.posted).toHaveLength(1);
    const reply = rendered(sim.posted[0]!);
    expect(reply).toContain("was applied: 2 commands were not understood.");
    expect(reply).toContain('- line 1: `/severity huge`: unknown severity "huge"');
    expect(reply).toContain('- line 3: `/role chef @dave`: unknown role "chef"');
    expect(sim.patches).toEqual([]);
  });

  it("a fix by editing the comment applies it", async () => {
    const sim = await SimIssue.declared();
    const event = await sim.comment("bob", "/severity huge", 10);
    const id = idOf(event);
    await sim.deliver(event);
    sim.resetLog();

    await sim.deliver(await sim.editComment(id, "/severity critical", 11));

    expect(sim.reacted).toEqual([{ commentId: id, content: "+1" }]);
    // The 😕 from before the fix is taken back: one verdict on the comment.
    expect(sim.lines.filter((l) => l.startsWith("DELETE"))).toHaveLength(1);
    expect(sim.reactionsOn(id)).toEqual(["+1"]);
    expect(sim.patches).toHaveLength(1);
    expect(sim.issue.labels).toEqual(["incident", "status:investigating", "severity:critical"]);
    expect(sim.posted).toEqual([]);
  });
});

describe("people without the access commands need", () => {
  it.each([
    ["read", "triage"],
    ["none", "triage"],
    ["triage", "write"],
  ])("role %s (needs %s): a refusal reply, 😕, nothing applied, no PATCH", async (role, needed) => {
    const sim = await SimIssue.declared({
      // Without access eve can't comment on the private repository: she loses it after.
      permissions: { eve: role === "none" ? "read" : (role as Role) },
      ...(needed === "write" ? { config: "permission: write\n" } : {}),
    });
    const before = sim.issue.body;
    const event = await sim.comment("eve", "/severity critical\n/lead me", 10);
    if (role === "none") sim.pg.sim.setPermission("eve", "none");
    const id = idOf(event);
    await sim.deliver(event);

    expect(sim.reacted).toEqual([{ commentId: id, content: "confused" }]);
    expect(sim.patches).toEqual([]);
    expect(sim.posted).toEqual([
      `<!-- hereby:refused ${id}@${textHash("/severity critical\n/lead me")} -->\nSorry @eve, incident commands need at least **${needed}** access to this repository, so nothing in [your comment](#issuecomment-${id}) was applied. Ask a maintainer to run it, or to grant you ${needed} access.`,
    ]);
    // The record never showed the comment: reads, 😕, the refusal, nothing else.
    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/shop/collaborators/eve/permission",
      ...(needed === "write" ? [] : ["GET /repos/acme/.github/contents/.github%2Fhereby.yml"]),
      `POST /repos/acme/shop/issues/comments/${id}/reactions`,
      `POST ${sim.path}/comments`,
    ]);
    expect(sim.issue.body).toBe(before);
    expect(sim.issue.labels).toEqual(["incident", "severity:major", "status:investigating"]);
  });

  it("a command by someone without access, met first by another comment's handler, is refused there", async () => {
    const sim = await SimIssue.declared({ permissions: { eve: "read" } });
    const refused = await sim.comment("eve", "/severity minor", 10);
    const other = await sim.comment("bob", "/timeline paged the database team", 10);
    // Bob's handler sees Eve's command about to enter the record: it checks her access
    // before writing, keeps her command out, and answers her.
    await sim.deliver(other);
    expect(sim.issue.labels.filter((l) => l.startsWith("severity:"))).toEqual(["severity:major"]);
    expect(sim.field("Severity")).toBe("major");
    expect(sim.recordTimeline.join("\n")).toContain("paged the database team");
    expect(sim.recordTimeline.join("\n")).not.toContain("Severity set to minor");
    expect(sim.reacted).toContainEqual({ commentId: idOf(refused), content: "confused" });
    expect(
      sim.posted.filter((c) => c.includes(`<!-- hereby:refused ${idOf(refused)}@`)),
    ).toHaveLength(1);

    // Eve's own delivery then finds her answered: no second reply, no PATCH.
    sim.resetLog();
    await sim.deliver(refused);
    expect(sim.posted).toEqual([]);
    expect(sim.patches).toEqual([]);
  });

  // Any handler checks the access of people whose commands are about to enter the record
  // for the first time (src/core/converge.ts), so a lost delivery lets nothing through.
  it("a command by someone without access whose own delivery was lost is not applied by the next event", async () => {
    const sim = await SimIssue.declared({ permissions: { eve: "read" } });
    await sim.comment("eve", "/resolve", 10); // never delivered
    await sim.deliver(await sim.comment("bob", "/timeline paged the database team", 11));

    expect(sim.issue.state).toBe("open");
    expect(sim.issue.labels).toContain("status:investigating");
  });

  it("a refused comment stays out of the record when a later command rewrites it", async () => {
    const sim = await SimIssue.declared({ permissions: { eve: "read" } });
    await sim.deliver(await sim.comment("eve", "/severity critical", 10));
    sim.resetLog();
    await sim.deliver(await sim.comment("bob", "/timeline rolled back", 11));

    expect(sim.patches).toHaveLength(1);
    expect(sim.issue.labels).toContain("severity:major");
    expect(sim.record).not.toContain("critical");
  });

  it("role triage is enough by default", async () => {
    const sim = await SimIssue.declared({ permissions: { tess: "triage" } });
    const event = await sim.comment("tess", "/severity critical", 10);
    await sim.deliver(event);

    expect(sim.reacted).toEqual([{ commentId: idOf(event), content: "+1" }]);
    expect(sim.issue.labels).toContain("severity:critical");
    expect(sim.posted).toEqual([]);
  });

  it("/declare by someone with read access is refused, and the issue stays ordinary", async () => {
    const sim = await SimIssue.open({ permissions: { eve: "read" }, issue: { labels: ["bug"] } });
    const event = await sim.comment("eve", "I hereby declare this an incident", 3);
    await sim.deliver(event);

    expect(sim.reacted).toEqual([{ commentId: idOf(event), content: "confused" }]);
    expect(sim.patches).toEqual([]);
    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain(
      "Sorry @eve, incident commands need at least **triage** access",
    );
    expect(sim.issue.labels).toEqual(["bug"]);
  });
});

describe("comments hereby does not touch: no request at all", () => {
  async function expectNoRequest(sim: SimIssue, event: Delivery): Promise<void> {
    sim.resetLog();
    await sim.deliver(event);
    expect(sim.requests).toEqual([]);
  }

  it.each([
    ["another app", "deploy-bot[bot]"],
    ["hereby itself", "hereby[bot]"],
    ["GitHub Actions", "github-actions[bot]"],
  ])("a command by a bot (%s)", async (_what, login) => {
    const sim = await SimIssue.open({
      issue: { labels: ["incident", "severity:major", "status:investigating"] },
    });
    await expectNoRequest(sim, await sim.comment(login, "/severity critical\n/resolve", 10));
  });

  it.each([
    ["plain text", "Rolling back now, will report in 10 minutes."],
    ["a path mid-line", "see /var/log/nginx for details"],
    ["an indented code block line", "    /severity critical"],
    ["a quoted command", "> /severity critical"],
    ["a fenced block", "```\n/severity critical\n```"],
    ["inline code", "`/severity critical` sets it"],
    ["an HTML comment", "<!--\n/severity critical\n-->"],
  ])("a comment without commands (%s)", async (_what, text) => {
    const sim = await SimIssue.open({
      issue: { labels: ["incident", "severity:major", "status:investigating"] },
    });
    await expectNoRequest(sim, await sim.comment("bob", text, 10));
  });

  it("a command on a pull request", async () => {
    const sim = await SimIssue.open();
    const { pg } = sim;
    pg.sim.pushFile("bob", "fix.md", "the fix\n", "fix");
    const { data: pull } = await pg
      .as("bob")
      .rest.pulls.create({ ...pg.repo, title: "Fix checkout", head: "fix", base: "main" });
    await pg
      .as("alice")
      .rest.issues.addLabels({ ...pg.repo, issue_number: pull.number, labels: ["incident"] });
    pg.sim.takeDeliveries();
    await pg.comment("bob", pull.number, "/severity critical");
    const [event] = pg.sim.takeDeliveries();
    expect(
      (event?.payload as unknown as { issue: { pull_request?: unknown } }).issue.pull_request,
    ).toBeDefined();
    await expectNoRequest(sim, event!);
  });

  it("a label hereby itself adds to an incident (the App knows its login from GET /app)", async () => {
    const sim = await SimIssue.open({
      issue: { labels: ["incident", "severity:major", "status:investigating"] },
    });
    await expectNoRequest(sim, await sim.addLabel("hereby[bot]", "severity:critical", 10));
  });
});

describe("a /lead GitHub can't assign", () => {
  // GitHub refuses a whole PATCH (422) that assigns an unassignable login; the record must keep updating.
  it("a /lead naming someone GitHub can't assign doesn't stop later commands from reaching the record", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/lead @bbo");
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/timeline rollback started");
    p.advance(1);
    await p.comment("carol", n, "/severity critical");
    const errors = await deliverAll(p);
    expect(errors.map(String)).toEqual([]);
    expect(entries(p, n)).toContain("rollback started");
    expect(p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name))).toContain(
      "severity:critical",
    );
  });

  // Webhooks aren't ordered: another command's handler converges first and meets the 422.
  it("a /lead GitHub can't assign, handled after a concurrent command, changes nothing", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @bbo");
    await p.comment("carol", n, "/timeline rollback started");
    // carol's delivery first, then bob's.
    for (const d of p.sim.takeDeliveries().reverse()) await p.handle(d);
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(entries(p, n)).toEqual(["Incident declared", "rollback started"]);
    expect(field(p, n, "Lead")).toBe("[alice](https://github.com/alice)");
    expect(assignees(p, n)).toEqual(["alice"]);
  });
});

// `.github/hereby.yml` through Probot's config loader: where it is read from, what it
// changes, and what an invalid file gets (one reply naming every bad key, nothing else).
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import {
  API,
  createProbot,
  declaredIncident,
  deliver,
  expectRequests,
  FakeGitHub,
  nock,
  rendered,
  USER_BODY,
  type FakeOptions,
  type WebhookEvent,
  probot,
  useProbot,
  incident,
  idOf,
} from "./support.js";

useProbot();

/** Timeline rows without their links, and without the local-time column a zone other than
 * UTC adds (the UTC time stays first). */
const entries = (fake: FakeGitHub) =>
  fake.record
    .split("\n")
    .filter((l) => /^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/.test(l))
    .map((r) => r.replace(/ \[↗\]\([^)]*\)/, "").replace(/^(\| [^|]+ \|) \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/, "$1"));

describe("no config file: Probot's loader, with exact nock scopes", () => {
  it("reads acme/shop then acme/.github (both 404), and runs /timeline with the defaults", async () => {
    // A declared incident, as the fake leaves it; then every request spelled out.
    const fake = await incident();
    const event = fake.comment("bob", "/timeline rolled back", 10);
    const issue = fake.issueJson();
    const timeline = structuredClone(fake.timeline);
    nock.cleanAll();
    const cold = await createProbot();

    let patched: { body?: string } = {};
    const scope = nock(API)
      .post("/app/installations/2/access_tokens")
      .reply(201, { token: "test", expires_at: "2099-01-01T00:00:00Z", permissions: { issues: "write", contents: "read", metadata: "read" } })
      .get("/repos/acme/shop/contents/.github%2Fhereby.yml")
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/.github/contents/.github%2Fhereby.yml")
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/shop/issues/7")
      .reply(200, issue)
      .get("/repos/acme/shop/issues/7/timeline?per_page=100")
      .reply(200, timeline)
      .get("/repos/acme/shop/collaborators/bob/permission")
      .reply(200, { permission: "write", role_name: "write" })
      .post(`/repos/acme/shop/issues/comments/${idOf(event)}/reactions`, { content: "+1" })
      .reply(201, { id: 1, content: "+1" })
      .patch("/repos/acme/shop/issues/7", (body: { body?: string }) => {
        patched = body;
        return Object.keys(body).join() === "body";
      })
      .reply(200, () => ({ ...issue, body: patched.body }))
      .get("/repos/acme/shop/issues/7")
      .reply(200, () => ({ ...issue, body: patched.body }))
      .get("/repos/acme/shop/issues/7/timeline?per_page=100")
      .reply(200, timeline);

    await deliver(cold, event);

    expect(scope.pendingMocks()).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(patched.body?.startsWith(`${USER_BODY}\n\n<!-- hereby:start -->`)).toBe(true);
    expect(patched.body).toContain("| 2026-11-23 14:10 | rolled back [↗]");
  });
});

describe("where the config comes from", () => {
  it("the organisation's .github repository when the repository has none", async () => {
    const fake = await incident({ orgConfig: "timezone: America/New_York\n" });
    await deliver(probot, fake.comment("bob", "/timeline 09:05 rolled back", 80));

    expect(fake.lines).toEqual(expect.arrayContaining([
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/shop/collaborators/bob/permission",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
    ]));
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:05 | rolled back | [bob](https://github.com/bob) |");
  });

  it("the repository's file wins, and the org's is not read", async () => {
    const fake = await incident({ config: "timezone: Europe/Berlin\n", orgConfig: "timezone: America/New_York\n" });
    await deliver(probot, fake.comment("bob", "/timeline 15:05 rolled back", 10));

    expect(fake.lines).not.toContain("GET /repos/acme/.github/contents/.github%2Fhereby.yml");
    expect(entries(fake).at(-1)).toBe("| 2026-11-23 14:05 | rolled back | [bob](https://github.com/bob) |");
  });

  it("_extends: .github merges the org's file; arrays replace rather than concatenate", async () => {
    const org = [
      "timezone: America/New_York",
      "roles:",
      "  - { name: ops, title: Operations }",
      "  - { name: scribe, title: Scribe }",
    ].join("\n");
    const repo = ["_extends: .github", "roles:", "  - { name: comms, title: Comms }"].join("\n");
    const fake = await incident({ config: repo, orgConfig: org });

    await deliver(probot, fake.comment("bob", "/timeline 09:05 rolled back\n/role comms @dave", 80));
    expect(fake.lines.filter((l) => l.includes("contents"))).toEqual([
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
    ]);
    expect(entries(fake).slice(-2)).toEqual([
      "| 2026-11-23 14:05 | rolled back | [bob](https://github.com/bob) |",
      "| 2026-11-23 15:20 | Comms: @[dave](https://github.com/dave) | [bob](https://github.com/bob) |",
    ]);
    expect(fake.field("Operations")).toBeUndefined();

    fake.resetLog();
    await deliver(probot, fake.comment("bob", "/role ops @erin", 81));
    expect(rendered(fake.posted[0] ?? "")).toContain('unknown role "ops"; use one of: comms (Comms)');
  });

  it("custom label names are used for declaring and created with them", async () => {
    const config = ["labels:", "  incident: outage", '  severity_prefix: "sev/"', '  status_prefix: "state/"', "default_severity: minor"].join("\n");
    const fake = new FakeGitHub({ config, repoLabels: [] }).install();
    await deliver(probot, fake.addLabel("alice", "outage", 1));

    expect(fake.issue.labels).toEqual(["outage", "sev/minor", "state/investigating"]);
    expect(fake.createdLabels.slice(0, 2).map((l) => l.name)).toEqual(["sev/minor", "state/investigating"]);
    expect(fake.createdLabels.map((l) => l.name)).toContain("sev/critical");
    expect(fake.field("Severity")).toBe("minor");
  });
});

describe("an invalid .github/hereby.yml", () => {
  const INVALID = "severities:\n  - { name: X, color: zz }\ncolour_scheme: dark\n";

  function expectConfigReply(reply: string | undefined): void {
    const text = rendered(reply ?? "");
    expect(text.split("\n")[0]).toMatch(/^<!-- hereby:config [0-9a-z]+ -->$/);
    expect(text).toContain("`.github/hereby.yml` is not valid, so nothing was changed.");
    // Each bad key by its path, and why.
    expect(text).toMatch(/- `severities\.0\.name`: lowercase letters, digits and '-'/);
    expect(text).toMatch(/- `severities\.0\.color`: a 6-digit hex colour/);
    expect(text).toMatch(/- .*colour_scheme.*(unknown|Unrecognized)/i);
  }

  it("a command on the incident: one reply naming each bad key, nothing else written", async () => {
    const fake = await incident();
    fake.config = INVALID;
    const before = fake.issue.body;
    await deliver(probot, fake.comment("bob", "/severity critical", 10));

    expectRequests(fake, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      "GET /repos/acme/shop/collaborators/bob/permission",
      "POST /repos/acme/shop/issues/7/comments",
    ]);
    expect(fake.posted).toHaveLength(1);
    expectConfigReply(fake.posted[0]);
    expect(fake.reacted).toEqual([]);
    expect(fake.patches).toEqual([]);
    expect(fake.issue.body).toBe(before);
  });

  it("the next command with the same broken file: no second reply", async () => {
    const fake = await incident();
    fake.config = INVALID;
    await deliver(probot, fake.comment("bob", "/severity critical", 10));
    fake.resetLog();
    await deliver(probot, fake.comment("carol", "/timeline x", 11));

    expect(fake.writes).toEqual([]);
  });

  it("fixed file: commands work again", async () => {
    const fake = await incident();
    fake.config = INVALID;
    await deliver(probot, fake.comment("bob", "/severity critical", 10));
    fake.config = "timezone: UTC\n";
    fake.resetLog();
    const event = fake.comment("bob", "/severity critical", 11);
    await deliver(probot, event);

    // The earlier comment enters the record now too, and gets its 👍 with it.
    expect(fake.reacted).toContainEqual({ commentId: idOf(event), content: "+1" });
    expect(fake.reacted.every((r) => r.content === "+1")).toBe(true);
    expect(fake.issue.labels).toContain("severity:critical");
  });

  it("the incident label added: the reply, no declaration", async () => {
    const fake = new FakeGitHub({ config: INVALID }).install();
    await deliver(probot, fake.addLabel("alice", "incident", 1));

    expectRequests(fake, [
      "POST /app/installations/2/access_tokens",
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/shop/issues/7",
      "GET /repos/acme/shop/issues/7/timeline?per_page=100",
      // read alongside the config, before it turned out invalid
      "GET /repos/acme/shop/labels?per_page=100",
      "POST /repos/acme/shop/issues/7/comments",
    ]);
    expectConfigReply(fake.posted[0]);
    expect(fake.issue.body).toBe(USER_BODY);
    expect(fake.issue.labels).toEqual(["incident"]);
  });

  it("an incident closed by hand: the reply", async () => {
    const fake = await incident();
    fake.config = INVALID;
    await deliver(probot, fake.close("carol", 30));

    expect(fake.posted).toHaveLength(1);
    expectConfigReply(fake.posted[0]);
    expect(fake.patches).toEqual([]);
  });

  it("unreadable YAML: the reply says it could not be parsed", async () => {
    const fake = await incident();
    fake.config = "severities: [\n";
    await deliver(probot, fake.comment("bob", "/timeline x", 10));

    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toContain("is not valid, so nothing was changed.");
    expect(fake.posted[0]).toMatch(/`\.github\/hereby\.yml` is not valid YAML, line \d+, column \d+/);
    expect(fake.posted[0]).not.toContain("https://");
    expect(fake.patches).toEqual([]);
  });

  it("a label on an ordinary issue: no reply", async () => {
    const fake = new FakeGitHub({ config: INVALID, issue: { labels: ["bug"] } }).install();
    await deliver(probot, fake.addLabel("alice", "needs-triage", 1));

    expect(fake.writes).toEqual([]);
  });

  // Pins a fix (src/handlers/comment.ts, the `"error" in configResult` branch): with an invalid
  // config the comment handler replies before it checks that the issue is an incident,
  // so any comment with a line starting `/word` (Prow-style `/cc @bob`, `/assign`, a
  // path like `/tmp is full`) on ANY issue gets hereby's config-error reply. README and
  // SPEC: "Invalid files get a reply on the incident"; the issues handler only replies
  // where the incident label is.
  it("a /word line on an ordinary issue: no reply", async () => {
    const fake = new FakeGitHub({ config: INVALID, issue: { labels: ["bug"] } }).install();
    await deliver(probot, fake.comment("bob", "/cc @carol", 3));

    expect(fake.writes).toEqual([]);
  });
});

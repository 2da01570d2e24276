// `.github/hereby.yml` through Probot's config loader: where it is read from, what it
// changes, and what an invalid file gets (one reply naming every bad key, nothing else).
import { describe, expect, it } from "vitest";
import { useSimulator, rendered } from "../support/simulated.js";
import { SimIssue, expectRequests, idOf, USER_BODY } from "../support/sim-issue.js";

useSimulator();

/** Timeline rows without their links, and without the local-time column a zone other than
 * UTC adds (the UTC time stays first). */
const entries = (sim: SimIssue) =>
  sim.record
    .split("\n")
    .filter((l) => /^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/.test(l))
    .map((r) =>
      r
        .replace(/ \[↗\]\([^)]*\)/, "")
        .replace(/^(\| [^|]+ \|) \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/, "$1"),
    );

describe("where the config comes from", () => {
  it("the organisation's .github repository when the repository has none", async () => {
    const sim = await SimIssue.declared({ orgConfig: "timezone: America/New_York\n" });
    await sim.deliver(await sim.comment("bob", "/timeline 09:05 rolled back", 80));

    expect(sim.lines).toEqual(
      expect.arrayContaining([
        "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
        `GET ${sim.path}`,
        `GET ${sim.path}/timeline?per_page=100`,
        "GET /repos/acme/shop/collaborators/bob/permission",
        "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
      ]),
    );
    expect(entries(sim).at(-1)).toBe(
      "| 2026-11-23 14:05 | rolled back | [bob](https://github.com/bob) |",
    );
  });

  it("the repository's file wins, and the org's is not read", async () => {
    const sim = await SimIssue.declared({
      config: "timezone: Europe/Berlin\n",
      orgConfig: "timezone: America/New_York\n",
    });
    await sim.deliver(await sim.comment("bob", "/timeline 15:05 rolled back", 10));

    expect(sim.lines).not.toContain("GET /repos/acme/.github/contents/.github%2Fhereby.yml");
    expect(entries(sim).at(-1)).toBe(
      "| 2026-11-23 14:05 | rolled back | [bob](https://github.com/bob) |",
    );
  });

  it("_extends: .github merges the org's file; arrays replace rather than concatenate", async () => {
    const org = [
      "timezone: America/New_York",
      "roles:",
      "  - { name: ops, title: Operations }",
      "  - { name: scribe, title: Scribe }",
    ].join("\n");
    const repo = ["_extends: .github", "roles:", "  - { name: comms, title: Comms }"].join("\n");
    const sim = await SimIssue.declared({ config: repo, orgConfig: org });

    await sim.deliver(
      await sim.comment("bob", "/timeline 09:05 rolled back\n/role comms @dave", 80),
    );
    expect(sim.lines.filter((l) => l.includes("contents"))).toEqual([
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      "GET /repos/acme/.github/contents/.github%2Fhereby.yml",
    ]);
    expect(entries(sim).slice(-2)).toEqual([
      "| 2026-11-23 14:05 | rolled back | [bob](https://github.com/bob) |",
      "| 2026-11-23 15:20 | Comms: @[dave](https://github.com/dave) | [bob](https://github.com/bob) |",
    ]);
    expect(sim.field("Operations")).toBeUndefined();

    sim.resetLog();
    await sim.deliver(await sim.comment("bob", "/role ops @erin", 81));
    expect(rendered(sim.posted[0] ?? "")).toContain(
      'unknown role "ops"; use one of: comms (Comms)',
    );
  });

  it("custom label names are used for declaring, and the ones applied are created with them", async () => {
    const config = [
      "labels:",
      "  incident: outage",
      '  severity_prefix: "sev/"',
      '  status_prefix: "state/"',
      "default_severity: minor",
    ].join("\n");
    const sim = await SimIssue.open({ config, repoLabels: [] });
    await sim.deliver(await sim.addLabel("alice", "outage", 1));

    expect(sim.issue.labels).toEqual(["outage", "sev/minor", "state/investigating"]);
    expect(sim.createdLabels.slice(0, 2).map((l) => l.name)).toEqual([
      "sev/minor",
      "state/investigating",
    ]);
    // Only the labels it applies: the others come with `hereby setup` or on first use.
    expect(sim.createdLabels.map((l) => l.name)).not.toContain("sev/critical");
    expect(sim.field("Severity")).toBe("minor");
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
    const sim = await SimIssue.declared();
    sim.setConfig(INVALID);
    const before = sim.issue.body;
    await sim.deliver(await sim.comment("bob", "/severity critical", 10));

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      "GET /repos/acme/shop/collaborators/bob/permission",
      `POST ${sim.path}/comments`,
    ]);
    expect(sim.posted).toHaveLength(1);
    expectConfigReply(sim.posted[0]);
    expect(sim.reacted).toEqual([]);
    expect(sim.patches).toEqual([]);
    expect(sim.issue.body).toBe(before);
  });

  it("the next command with the same broken file: no second reply", async () => {
    const sim = await SimIssue.declared();
    sim.setConfig(INVALID);
    await sim.deliver(await sim.comment("bob", "/severity critical", 10));
    sim.resetLog();
    await sim.deliver(await sim.comment("carol", "/timeline x", 11));

    expect(sim.writes).toEqual([]);
  });

  it("fixed file: commands work again", async () => {
    const sim = await SimIssue.declared();
    sim.setConfig(INVALID);
    await sim.deliver(await sim.comment("bob", "/severity critical", 10));
    sim.setConfig("timezone: UTC\n");
    sim.resetLog();
    const event = await sim.comment("bob", "/severity critical", 11);
    await sim.deliver(event);

    // The earlier comment enters the record now too, and gets its 👍 with it.
    expect(sim.reacted).toContainEqual({ commentId: idOf(event), content: "+1" });
    expect(sim.reacted.every((r) => r.content === "+1")).toBe(true);
    expect(sim.issue.labels).toContain("severity:critical");
  });

  it("the incident label added: the reply, no declaration", async () => {
    const sim = await SimIssue.open({ config: INVALID });
    await sim.deliver(await sim.addLabel("alice", "incident", 1));

    expectRequests(sim, [
      "GET /repos/acme/shop/contents/.github%2Fhereby.yml",
      `GET ${sim.path}`,
      `GET ${sim.path}/timeline?per_page=100`,
      // read alongside the config, before it turned out invalid
      "GET /repos/acme/shop/labels?per_page=100",
      `POST ${sim.path}/comments`,
    ]);
    expectConfigReply(sim.posted[0]);
    expect(sim.issue.body).toBe(USER_BODY);
    expect(sim.issue.labels).toEqual(["incident"]);
  });

  it("an incident closed by hand: the reply", async () => {
    const sim = await SimIssue.declared();
    sim.setConfig(INVALID);
    await sim.deliver(await sim.close("carol", 30));

    expect(sim.posted).toHaveLength(1);
    expectConfigReply(sim.posted[0]);
    expect(sim.patches).toEqual([]);
  });

  it("unreadable YAML: the reply says it could not be parsed", async () => {
    const sim = await SimIssue.declared();
    sim.setConfig("severities: [\n");
    await sim.deliver(await sim.comment("bob", "/timeline x", 10));

    expect(sim.posted).toHaveLength(1);
    expect(sim.posted[0]).toContain("is not valid, so nothing was changed.");
    expect(sim.posted[0]).toMatch(
      /`\.github\/hereby\.yml` is not valid YAML, line \d+, column \d+/,
    );
    expect(sim.posted[0]).not.toContain("https://");
    expect(sim.patches).toEqual([]);
  });

  it("a label on an ordinary issue: no reply", async () => {
    const sim = await SimIssue.open({ config: INVALID, issue: { labels: ["bug"] } });
    await sim.deliver(await sim.addLabel("alice", "needs-triage", 1));

    expect(sim.writes).toEqual([]);
  });

  // Pins a fix (src/handlers/comment.ts, the `"error" in configResult` branch): with an invalid
  // config the comment handler replies before it checks that the issue is an incident,
  // so any comment with a line starting `/word` (Prow-style `/cc @bob`, `/assign`, a
  // path like `/tmp is full`) on ANY issue gets hereby's config-error reply. README and
  // SPEC: "Invalid files get a reply on the incident"; the issues handler only replies
  // where the incident label is.
  it("a /word line on an ordinary issue: no reply", async () => {
    const sim = await SimIssue.open({ config: INVALID, issue: { labels: ["bug"] } });
    await sim.deliver(await sim.comment("bob", "/cc @carol", 3));

    expect(sim.writes).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { BLOCK_END, BLOCK_START } from "../../src/core/markers.js";
import { MAX_BODY, recordedCommentIds, userText, withRecord } from "../../src/core/record.js";
import { reduceIncident } from "../../src/core/reducer.js";
import { decideRecord } from "../../src/core/sync.js";
import { comment, issue, snapshot } from "../support/builders.js";

const config = defaultConfig;

describe("the managed block", () => {
  it.each([
    ["plain", "Customers see 502."],
    ["CRLF and trailing spaces", "Line one  \r\nLine two\r\n\r\n"],
    ["empty", ""],
    ["markers typed by a user earlier", "Note: <!-- hereby:start --> is ours\n"],
    ["unicode", "🚨 Zahlungen schlagen fehl — 決済エラー"],
  ])("keeps the user's text byte for byte (%s)", (_name, body) => {
    const incident = reduceIncident(snapshot({ issue: issue({ body }) }), config);
    const first = withRecord(body, incident, config);
    const second = withRecord(first, { ...incident, summary: "changed" }, config);
    const prefix = body.length > 0 ? `${body}\n\n` : "";
    expect(first.startsWith(prefix)).toBe(true);
    expect(second.startsWith(prefix)).toBe(true);
    expect(second.endsWith(BLOCK_END)).toBe(true);
    expect(second.match(/<!-- hereby:start -->/g)?.length).toBe(
      first.match(/<!-- hereby:start -->/g)?.length,
    );
  });

  it("keeps text a user wrote after the block", () => {
    const incident = reduceIncident(snapshot(), config);
    const body = `${withRecord("intro", incident, config)}\n\nP.S. added later`;
    const next = withRecord(body, { ...incident, summary: "new" }, config);
    expect(next.startsWith("intro\n\n")).toBe(true);
    expect(next.endsWith("\n\nP.S. added later")).toBe(true);
    expect(userText(next)).toBe("intro\n\n\n\nP.S. added later");
  });

  it("escapes user text so it cannot close the block, break the table or ping", () => {
    const nasty = `/timeline x ${BLOCK_END} | cell | @everyone ${BLOCK_START}`;
    const s = snapshot({ comments: [comment("bob", nasty, 3)] });
    const body = decideRecord(s, config).update?.body ?? "";
    expect(body.match(/<!-- hereby:end -->/g)).toHaveLength(1);
    expect(body.match(/<!-- hereby:start -->/g)).toHaveLength(1);
    const row = body.split("\n").find((l) => l.includes("cell")) ?? "";
    expect(row.split(/(?<!\\)\|/).length).toBe(5); // 3 cells + 2 outer edges
    expect(body).not.toMatch(/(^|\s)@everyone/);
  });

  it("stays within GitHub's body limit and says what it left out", () => {
    const comments = Array.from({ length: 1500 }, (_, i) =>
      comment("bob", `/timeline step ${i} ${"x".repeat(80)}`, 1 + i / 100),
    );
    const userBody = "y".repeat(10_000);
    const s = snapshot({ issue: issue({ body: userBody }), comments });
    const body = decideRecord(s, config).update?.body ?? "";
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body.startsWith(userBody)).toBe(true);
    expect(body).toContain("entries left out");
    expect(body).toContain("step 0 ");
    expect(body).toContain("step 1499 ");
    expect(recordedCommentIds(body)).toHaveLength(1500);
  });

  it.each([
    ["nearly full", 65_300, true],
    ["full", 65_536, false],
  ])("never cuts the user's text to make room (%s description)", (_name, size, hasNote) => {
    const userBody = "z".repeat(size);
    const body =
      decideRecord(
        snapshot({
          issue: issue({ body: userBody }),
          comments: [comment("bob", "/timeline a", 3)],
        }),
        config,
      ).update?.body ?? userBody;
    expect(body.startsWith(userBody)).toBe(true);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body.includes("does not fit")).toBe(hasNote);
  });

  it("lists the comments it reflects, for the convergence check", () => {
    const c = comment("bob", "/timeline a", 3);
    const body = decideRecord(snapshot({ comments: [c] }), config).update?.body ?? "";
    expect(recordedCommentIds(body)).toEqual([c.id]);
  });
});

describe("decideRecord", () => {
  it("asks for labels, lead and record on a fresh declaration, then for nothing", () => {
    const s = snapshot({ issue: issue({ labels: ["incident", "bug"] }) });
    const { update } = decideRecord(s, config);
    expect(update).toMatchObject({
      labels: ["incident", "bug", "severity:major", "status:investigating"],
      assignees: ["alice"],
    });
    const applied = {
      ...s,
      issue: {
        ...s.issue,
        labels: update?.labels ?? [],
        assignees: update?.assignees ?? [],
        body: update?.body ?? null,
      },
    };
    expect(decideRecord(applied, config).update).toBeNull();
  });

  it("swaps severity and keeps exactly one, keeping people's other labels", () => {
    const s = snapshot({
      issue: issue({
        labels: ["incident", "severity:major", "status:investigating", "team:payments"],
        assignees: ["alice"],
      }),
      comments: [comment("bob", "/severity critical", 4)],
    });
    expect(decideRecord(s, config).update?.labels).toEqual([
      "incident",
      "status:investigating",
      "team:payments",
      "severity:critical",
    ]);
  });

  it("closes on /resolve and moves the lead's assignment on /lead", () => {
    const s = snapshot({
      issue: issue({
        labels: ["incident", "severity:major", "status:investigating"],
        assignees: ["alice", "zoe"],
      }),
      comments: [comment("bob", "/lead @carol\n/resolve", 4)],
    });
    expect(decideRecord(s, config).update).toMatchObject({
      state: "closed",
      state_reason: "completed",
      assignees: ["zoe", "carol"],
      labels: ["incident", "severity:major", "status:resolved"],
    });
  });
});

describe("people and times in the record", () => {
  const s = () =>
    snapshot({
      comments: [comment("bob", "/lead me\n/role comms @carol\n/timeline paged @dave", 3)],
    });

  it("record: people show as links to their profile, with no zero-width space", () => {
    const body = withRecord("", reduceIncident(s(), config), config);
    expect(body).not.toContain("\u200B");
    expect(body).toContain("| **Lead** | [bob](https://github.com/bob) |");
    expect(body).toContain("| **Communications** | [carol](https://github.com/carol) |");
    expect(body).toContain("Lead: @[bob](https://github.com/bob)");
    expect(body).toContain("paged @[dave](https://github.com/dave)");
    // No live mention anywhere: every `@` is followed by a link or sits in a URL.
    expect(body).not.toMatch(/(?<![A-Za-z0-9])@[A-Za-z0-9]/);
  });

  it("record: on GitHub Enterprise Server, profile links go to the issue's own host", () => {
    const ghes = snapshot({
      ...s(),
      issue: issue({ htmlUrl: "https://ghe.example.com/acme/shop/issues/7" }),
    });
    const body = withRecord("", reduceIncident(ghes, config), config);
    expect(body).toContain("| **Lead** | [bob](https://ghe.example.com/bob) |");
    expect(body).not.toMatch(/\(https:\/\/github\.com\/(bob|carol|dave|alice)\)/);
  });

  it("record: with a zone other than UTC, the timeline shows its time beside UTC", () => {
    const berlin = { ...config, timezone: "Europe/Berlin" };
    const body = withRecord("", reduceIncident(s(), berlin), berlin);
    expect(body).toContain("| Time (UTC) | Europe/Berlin | Entry | By |");
    const row = body.split("\n").find((l) => l.includes("paged @"));
    // November: Berlin is UTC+1.
    expect(row).toMatch(/^\| 2026-11-23 14:03 \| 2026-11-23 15:03 \| paged /);
  });

  it("record: with UTC configured, there is one time column", () => {
    const body = withRecord("", reduceIncident(s(), config), config);
    expect(body).toContain("| Time (UTC) | Entry | By |");
    expect(body).not.toMatch(/^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \| \d{4}-/m);
  });
});

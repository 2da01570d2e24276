// The report's three renderings: every Mermaid chart through the real parser, CSV per
// RFC 4180 and safe in a spreadsheet, users' text redacted and escaped.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeReport } from "../../src/core/report/compute.js";
import { renderReport } from "../../src/core/report/index.js";
import { csvField, renderCsv } from "../../src/core/report/render-csv.js";
import { perMonthChart, resolveTrendChart } from "../../src/core/report/render-md.js";
import { parseMermaid } from "../postmortem/support.js";
import { MAX_BODY } from "../../src/core/limits.js";
import { config, HAND_SET } from "./cases.js";
import { incidentInput } from "./support.js";

const mermaidBlocks = (md: string) =>
  [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? "");
const token = "gh" + "p_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

describe("Mermaid charts", () => {
  it("draws incidents per month and the resolve trend, one series each, accepted by Mermaid's parser", async () => {
    const md = renderReport(HAND_SET, config, "md");
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) await expect(parseMermaid(block)).resolves.toBeTruthy();
    expect(blocks[0]).toContain('x-axis ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]');
    expect(blocks[0]).toContain("bar [1, 2, 2, 0, 1]");
    expect(blocks.join("\n")).toContain("line [3, 4, 1, 0, 0]");
  });

  it("draws every chart with one series, so no bar hides behind another and no legend is needed", () => {
    const md = renderReport(HAND_SET, config, "md");
    for (const block of mermaidBlocks(md))
      expect(block.match(/^\s*(bar|line) \[/gm) ?? []).toHaveLength(1);
    expect(md).not.toContain("```mermaid\npie");
    // The split by severity is a table with a column per severity and the month's total.
    expect(md).toContain("| month | critical | major | minor | trivial | all |");
    expect(md).toContain("| 2026-04 | 1 | 1 | 0 | 0 | 2 |");
  });

  it("has a parser that refuses a broken chart (so the checks above can fail)", async () => {
    await expect(parseMermaid('xychart-beta\n  x-axis ["a", "b"]\n  bar [1, 2')).rejects.toThrow();
  });

  it("renders the charts of docs/examples/report.md, which Mermaid parses too", async () => {
    const example = readFileSync(new URL("../../docs/examples/report.md", import.meta.url), "utf8");
    const blocks = mermaidBlocks(example);
    expect(blocks.length).toBe(2);
    for (const block of blocks) expect(block.match(/^\s*(bar|line) \[/gm) ?? []).toHaveLength(1);
    for (const block of blocks) await expect(parseMermaid(block)).resolves.toBeTruthy();
  });

  it("leaves a chart out rather than draw an empty one", async () => {
    const empty = computeReport(
      { ...HAND_SET, incidents: [], actionItems: [], reviews: [] },
      config,
    );
    expect([perMonthChart(empty), resolveTrendChart(empty)]).toEqual([null, null]);
    const md = renderReport(
      { ...HAND_SET, incidents: [], actionItems: [], reviews: [] },
      config,
      "md",
    );
    expect(md).toContain("**0** incidents");
    expect(mermaidBlocks(md)).toEqual([]);
  });

  it("parses a single-month report too", async () => {
    const one = computeReport({ ...HAND_SET, incidents: HAND_SET.incidents.slice(0, 1) }, config);
    for (const chart of [perMonthChart(one), resolveTrendChart(one)])
      await expect(parseMermaid(chart ?? "")).resolves.toBeTruthy();
  });
});

describe("Markdown", () => {
  it("says how severities changed midway are counted, and marks them", () => {
    const md = renderReport(HAND_SET, config, "md");
    expect(md).toContain(
      "1 changed severity midway: each counts once, at the highest severity it had.",
    );
    expect(md).toContain("| critical (changed) | complete |");
    expect(md).toContain("| critical | 2 | 3h 30m | 4h 0m |");
    expect(md).toContain("**6** incidents, and **1** cancelled");
  });

  it("escapes and redacts titles so they cannot break the table, ping anyone or leak a secret", () => {
    const evil = incidentInput({
      number: 9,
      title: `DB | down @alice <!-- x --> ${token}`,
      severity: "major",
      status: "investigating",
      declaredAt: "2026-05-02T00:00:00.000Z",
    });
    const md = renderReport({ ...HAND_SET, incidents: [evil] }, config, "md");
    const line = md.split("\n").find((l) => l.startsWith("| [#9]")) ?? "";
    expect(line).toContain("DB \\| down");
    expect(line).not.toContain("@alice");
    expect(line).not.toContain("<!--");
    expect(md).not.toContain(token);
  });
});

describe("a report fitted to one comment", () => {
  it("report: 2,000 incidents fit GitHub's 65,536 characters with every chart whole and the rows cut, saying how many", async () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      incidentInput({
        number: i + 1,
        title: `Checkout returns 502 for customers in region ${i} `.repeat(3),
        severity: "major",
        status: "resolved",
        declaredAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
        resolvedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 + 60_000).toISOString(),
      }),
    );
    const whole = renderReport({ ...HAND_SET, incidents: many }, config, "md");
    expect(whole.length).toBeGreaterThan(MAX_BODY);
    const md = renderReport({ ...HAND_SET, incidents: many }, config, "md", MAX_BODY - 100);
    expect(md.length).toBeLessThanOrEqual(MAX_BODY - 100);
    const rows = md.split("\n").filter((l) => l.startsWith("| [#"));
    expect(rows.length).toBeGreaterThan(100);
    expect(md).toContain(
      `…and ${2000 - rows.length} more: \`hereby report --repo acme/shop\` lists every incident.`,
    );
    expect(mermaidBlocks(md)).toEqual(mermaidBlocks(whole));
    for (const block of mermaidBlocks(md)) await expect(parseMermaid(block)).resolves.toBeTruthy();
  });

  it("report: a report that fits is not cut", () => {
    expect(renderReport(HAND_SET, config, "md", MAX_BODY)).toBe(
      renderReport(HAND_SET, config, "md"),
    );
  });
});

describe("CSV", () => {
  it("quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });

  it.each(['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])(
    "keeps %j from running as a formula",
    (text) => {
      const cell = csvField(text);
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("writes one CRLF-ended row per incident with a header, redacting titles", () => {
    const evil = incidentInput({
      number: 9,
      title: `=cmd|"/c calc", ${token}`,
      severity: "major",
      status: "investigating",
      declaredAt: "2026-05-02T00:00:00.000Z",
    });
    const csv = renderCsv(
      computeReport({ ...HAND_SET, incidents: [...HAND_SET.incidents, evil] }, config),
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toMatch(
      /^number,title,url,severity,severity_changed,status,cancelled,declared_at/,
    );
    expect(lines).toHaveLength(7 + 1 + 2);
    expect(csv).not.toContain(token);
    expect(lines.find((l) => l.startsWith("9,"))).toContain(`"'=cmd|""/c calc"", [redacted`);
    expect(lines.find((l) => l.startsWith("2,"))).toContain(
      ",critical,true,complete,false,2026-04-10T10:00:00.000Z,2026-04,",
    );
  });
});

describe("JSON", () => {
  it("holds every figure and the incidents, titles redacted", () => {
    const evil = incidentInput({
      number: 9,
      title: `leak ${token}`,
      severity: "major",
      status: "investigating",
      declaredAt: "2026-05-02T00:00:00.000Z",
    });
    const json = renderReport({ ...HAND_SET, incidents: [evil] }, config, "json");
    expect(json).not.toContain(token);
    expect(JSON.parse(json)).toMatchObject({
      repository: "acme/shop",
      total: 1,
      incidents: [{ number: 9, severity: "major" }],
    });
  });
});

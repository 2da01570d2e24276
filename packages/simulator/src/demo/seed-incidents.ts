// A history of resolved incidents in the simulator, for the report's request-count test
// and benchmark: each is an issue with its managed block (rendered by the real record
// renderer) and the label and close events GitHub would hold. Every fourth one changes
// severity midway; every other one passes through `status:monitoring`.
import { defaultConfig } from "../../../../src/config.js";
import { withRecord } from "../../../../src/core/record.js";
import type { Incident } from "../../../../src/core/types.js";
import type { GitHub, RepoRef } from "../../../../src/github/client.js";

const LEVELS = ["critical", "major", "minor", "trivial"] as const;
const HOUR = 3_600_000;

function record(
  number: number,
  title: string,
  severity: string,
  declaredAt: string,
  resolvedAt: string,
  backdated: boolean,
): Incident {
  const entry = (at: string, text: string) => ({
    at,
    kind: "note" as const,
    text,
    by: "alice",
    source: "issue",
    url: "",
  });
  const before = backdated
    ? [entry(new Date(Date.parse(declaredAt) - 20 * 60_000).toISOString(), "Alert fired")]
    : [];
  return {
    number,
    title,
    severity,
    status: "resolved",
    lead: "alice",
    roles: {},
    declaredAt,
    declaredBy: "alice",
    resolvedAt,
    summary: null,
    timeline: [...before, entry(declaredAt, "Declared"), entry(resolvedAt, "Resolved")],
    commandCommentIds: [],
    redacted: false,
    formerLeads: [],
    wantOpen: null,
    severityChanges: [],
    appliedComments: [],
    postmortem: null,
    gatedEvents: [],
  };
}

export interface SeedOptions {
  start?: number;
  /** Hours between two declarations (default 7). */
  stepHours?: number;
  /** Later incidents resolve faster (an extra hour for the oldest quarter, and so on). */
  improving?: boolean;
}

/** Seeds `count` incidents from `start`, moving the simulator's clock; every tenth has a
 * timeline entry 20 minutes before its declaration. */
export async function seedIncidents(
  octokit: GitHub,
  repo: RepoRef,
  setClock: (at: Date) => void,
  count: number,
  options: SeedOptions = {},
): Promise<void> {
  const { start = Date.UTC(2026, 0, 1), stepHours = 7, improving = false } = options;
  for (let i = 0; i < count; i++) {
    const declared = start + i * stepHours * HOUR;
    const severity = LEVELS[i % LEVELS.length] ?? "major";
    const extra = improving ? Math.floor(((count - i) * 4) / count) : 0;
    const resolved = new Date(declared + (1 + (i % 5) + extra) * HOUR).toISOString();
    const title = `Incident ${i + 1}`;
    setClock(new Date(declared));
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title,
      labels: ["incident", `severity:${severity}`, "status:investigating"],
    });
    const n = data.number;
    const body = withRecord(
      "What users saw.",
      record(n, title, severity, new Date(declared).toISOString(), resolved, i % 10 === 5),
      defaultConfig,
    );
    setClock(new Date(declared + HOUR / 2));
    if (i % 4 === 3)
      await octokit.rest.issues.setLabels({
        ...repo,
        issue_number: n,
        labels: ["incident", "severity:critical", "status:investigating"],
      });
    if (i % 2 === 0)
      await octokit.rest.issues.addLabels({
        ...repo,
        issue_number: n,
        labels: ["status:monitoring"],
      });
    setClock(new Date(resolved));
    await octokit.rest.issues.update({
      ...repo,
      issue_number: n,
      body,
      state: "closed",
      state_reason: "completed",
      labels: ["incident", `severity:${severity}`, "status:resolved"],
    });
  }
}

/** Follow-up around the seeded incidents: a cancelled one, action items (some closed,
 * some old) and a review issue with two cycles hereby ran on incident #1. */
export async function seedFollowUp(
  octokit: GitHub,
  repo: RepoRef,
  setClock: (at: Date) => void,
  start = Date.UTC(2026, 0, 1),
): Promise<void> {
  setClock(new Date(start + 30 * HOUR));
  await octokit.rest.issues.create({
    ...repo,
    title: "False alarm: synthetic check flapped",
    labels: ["incident", "severity:major", "status:cancelled"],
  });
  for (let i = 0; i < 6; i++) {
    setClock(new Date(start + (i * 20 + 2) * 24 * HOUR));
    const { data } = await octokit.rest.issues.create({
      ...repo,
      title: `Follow-up ${i + 1}`,
      labels: ["incident-action"],
    });
    if (i % 2 === 0)
      await octokit.rest.issues.update({
        ...repo,
        issue_number: data.number,
        state: "closed",
        state_reason: "completed",
      });
  }
  setClock(new Date(start + 31 * 24 * HOUR));
  const { data: review } = await octokit.rest.issues.create({
    ...repo,
    title: "Incident review: Incident 1 (#1)",
    labels: ["incident-review"],
  });
  for (const cycle of [1, 2]) {
    setClock(new Date(start + (1 + 30 * cycle) * 24 * HOUR));
    await octokit.rest.issues.createComment({
      ...repo,
      issue_number: review.number,
      body: `<!-- hereby:cycle 1:${cycle} -->\n### Review ${cycle} of #1: open action items.`,
    });
  }
}

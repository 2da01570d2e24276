// A history of resolved incidents in the simulator, for the report's request-count test
// and benchmark: each is an issue with its managed block (rendered by the real record
// renderer) and the label and close events GitHub would hold. Every fourth one changes
// severity midway; every other one passes through `status:monitoring`.
import { defaultConfig } from "../config.js";
import { withRecord } from "../core/record.js";
import type { Incident } from "../core/types.js";
import type { GitHub, RepoRef } from "../github/client.js";

const LEVELS = ["critical", "major", "minor", "trivial"] as const;
const HOUR = 3_600_000;

function record(number: number, title: string, severity: string, declaredAt: string, resolvedAt: string): Incident {
  const entry = (at: string, text: string) => ({ at, kind: "note" as const, text, by: "alice", source: "issue", url: "" });
  return {
    number, title, severity, status: "resolved", lead: "alice", roles: {}, declaredAt, declaredBy: "alice", resolvedAt, summary: null,
    timeline: [entry(declaredAt, "Declared"), entry(resolvedAt, "Resolved")],
    commandCommentIds: [], redacted: false, formerLeads: [], wantOpen: null, severityChanges: [], appliedComments: [], postmortem: null,
  };
}

/** Seeds `count` incidents, one every 7 hours from `start`, moving the simulator's clock. */
export async function seedIncidents(octokit: GitHub, repo: RepoRef, setClock: (at: Date) => void, count: number, start = Date.UTC(2026, 0, 1)): Promise<void> {
  for (let i = 0; i < count; i++) {
    const declared = start + i * 7 * HOUR;
    const severity = LEVELS[i % LEVELS.length] ?? "major";
    const resolved = new Date(declared + (1 + (i % 5)) * HOUR).toISOString();
    const title = `Incident ${i + 1}`;
    setClock(new Date(declared));
    const { data } = await octokit.rest.issues.create({ ...repo, title, labels: ["incident", `severity:${severity}`, "status:investigating"] });
    const n = data.number;
    const body = withRecord("What users saw.", record(n, title, severity, new Date(declared).toISOString(), resolved), defaultConfig);
    setClock(new Date(declared + HOUR / 2));
    if (i % 4 === 3) await octokit.rest.issues.setLabels({ ...repo, issue_number: n, labels: ["incident", "severity:critical", "status:investigating"] });
    if (i % 2 === 0) await octokit.rest.issues.addLabels({ ...repo, issue_number: n, labels: ["status:monitoring"] });
    setClock(new Date(resolved));
    await octokit.rest.issues.update({ ...repo, issue_number: n, body, state: "closed", state_reason: "completed", labels: ["incident", `severity:${severity}`, "status:resolved"] });
  }
}

// Handler tests on the simulated GitHub: people act with their own tokens, deliveries go
// through the real handlers as the App (or the Action) hands them over, and every request
// is checked against GitHub's description.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { afterEach, expect } from "vitest";
import { Playground, type Delivery } from "../../src/demo/playground.js";
import { handleEvent } from "../../src/handlers/index.js";

export type Role = "read" | "triage" | "write" | "maintain" | "admin";
export const PEOPLE: Record<string, Role> = { alice: "write", bob: "write", carol: "triage", dave: "triage", erin: "read" };

export const NOTIFY_CONFIG = `timezone: UTC
severities:
  - { name: critical, aliases: [sev1, p1], notify: ["@acme/oncall"] }
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
`;

let current: Playground | undefined;

/** Closes the test's simulator after it, failing on any request GitHub would reject. */
export function useSimulator(): void {
  afterEach(async () => {
    if (current) {
      expect(current.sim.violations, "requests GitHub would reject").toEqual([]);
      await current.close();
      current = undefined;
    }
  });
}

export async function start(config = "timezone: UTC\n"): Promise<Playground> {
  current = await Playground.start({ config, people: { ...PEOPLE } });
  return current;
}

/** Hands over every pending delivery; a handler that throws doesn't stop the others (in
 * production each delivery is its own request). Returns the errors. */
export async function deliverAll(p: Playground, action = false): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) break;
    for (const d of pending) {
      try {
        await (action ? asAction(p, d) : p.handle(d));
      } catch (error) {
        errors.push(error);
      }
    }
  }
  return errors;
}

/** As the Action with the workflow's GITHUB_TOKEN: hereby doesn't know its login. */
function asAction(p: Playground, d: Delivery) {
  return handleEvent(d as EmitterWebhookEvent, {
    octokit: p.bot,
    repo: p.repo,
    clock: () => p.clock(),
    log: { info: () => {}, warn: () => {} },
    self: null,
  });
}

/** An incident declared by alice's label; returns its number. */
export async function incident(p: Playground, author = "alice", action = false): Promise<number> {
  const n = await p.openIssue(author, "Checkout down", "Customers see 502s.");
  await deliverAll(p, action);
  p.advance(1);
  await p.as("alice").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
  await deliverAll(p, action);
  p.advance(1);
  return n;
}

export const body = (p: Playground, n: number) => p.sim.issue(n).body ?? "";
export const labels = (p: Playground, n: number) => p.sim.issue(n).labels.map((l) => (typeof l === "string" ? l : l.name)).sort();
export const reactions = (p: Playground, id: number) => p.sim.reactions(id).map((r) => r.content).sort();
export const botComments = (p: Playground, n: number) =>
  p.sim.comments(n).filter((c) => c.user?.login === "hereby[bot]").map((c) => c.body ?? "");
export const field = (p: Playground, n: number, name: string) =>
  new RegExp(`\\| \\*\\*${name}\\*\\* \\| ([^|]*) \\|`).exec(body(p, n))?.[1]?.trim();
/** The record's timeline entries, text only. */
export const entries = (p: Playground, n: number) =>
  body(p, n)
    .slice(body(p, n).lastIndexOf("<!-- hereby:start -->"))
    .split("\n")
    .filter((l) => l.startsWith("| 20"))
    .map((l) => (l.split(" | ")[1] ?? "").replace(/ \[↗\]\(.*$/, ""));
/** Requests the bot made since `from` (an index into the request log). */
export const botRequests = (p: Playground, from = 0) => p.sim.requests.slice(from).filter((r) => r.actor === "hereby[bot]");

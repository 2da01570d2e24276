// What the review tests share: a simulated GitHub per test (checked for requests GitHub
// would reject), deliveries handed over as the App or the Action would, and ways to read
// what a person sees on the issue.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { afterEach, expect } from "vitest";
import { Playground } from "../../src/demo/playground.js";
import type { GitHub } from "../../src/github/client.js";
import { tokenLogin } from "../../src/github/identity.js";
import { handleEvent } from "../../src/handlers/index.js";

export type Role = "read" | "triage" | "write" | "maintain" | "admin";
export const PEOPLE: Record<string, Role> = { alice: "write", bob: "write", carol: "triage", dave: "triage", erin: "read" };

let pg: Playground | undefined;

/** Closes the test's simulator after it, failing on any request GitHub would reject. */
export function useSimulator(): void {
  afterEach(async () => {
    if (pg) {
      expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
      await pg.close();
      pg = undefined;
    }
  });
}

export async function start(extra: Record<string, Role> = {}): Promise<Playground> {
  pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE, ...extra } });
  return pg;
}

/** Like pg.settle(), but a handler that throws doesn't stop the other deliveries (as in
 * production, where each delivery is its own request). */
export async function deliverAll(p: Playground): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) break;
    for (const d of pending) {
      try {
        await p.handle(d);
      } catch (error) {
        errors.push(error);
      }
    }
  }
  return errors;
}

/** Deliveries handled as the Action handles them (src/action.ts): a person's token is
 * asked who it is; an installation token (`ghs_`) is not. */
export async function deliverAsAction(p: Playground, octokit: GitHub, token = "ghs_"): Promise<void> {
  const self = await tokenLogin(octokit, token);
  for (let round = 0; round < 20; round++) {
    const pending = p.sim.takeDeliveries();
    if (pending.length === 0) return;
    for (const d of pending) {
      await handleEvent(d as EmitterWebhookEvent, {
        octokit,
        repo: p.repo,
        clock: () => p.clock(),
        log: { info: () => {}, warn: () => {} },
        self,
      });
    }
  }
}

/** The record's timeline rows, the entry text only. */
export function entries(p: Playground, n: number): string[] {
  const body = p.sim.issue(n).body ?? "";
  const block = body.slice(body.lastIndexOf("<!-- hereby:start -->"));
  return block
    .split("\n")
    .filter((l) => l.startsWith("| 20"))
    .map((l) => (l.split(" | ")[1] ?? "").replace(/ \[↗\]\(.*$/, ""));
}

/** A row of the record's summary table, e.g. "Lead" → "[bob](https://github.com/bob)". */
export const recordField = (p: Playground, n: number, name: string) =>
  new RegExp(`\\| \\*\\*${name}\\*\\* \\| ([^|]*) \\|`).exec(p.sim.issue(n).body ?? "")?.[1];
export const reactions = (p: Playground, id: number) => p.sim.reactions(id).map((r) => r.content);
export const botComments = (p: Playground, n: number, by = "hereby[bot]") =>
  p.sim.comments(n).filter((c) => c.user?.login === by).map((c) => c.body ?? "");
export const assignees = (p: Playground, n: number) => (p.sim.issue(n).assignees ?? []).map((a) => a.login).sort();
/** Text as GitHub's renderer sees it after decoding numeric character references. */
export const decoded = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));

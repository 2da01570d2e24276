// What changed around an incident: deployments, releases, merged pull requests (reverts
// flagged) and failed workflow runs, as hereby offers them in its "Changes around this
// incident" comment. Gathered in src/github/changes-read.ts; everything here is pure.
import type { Login } from "../types.js";

export const CHANGE_KINDS = ["deploy", "release", "merge", "revert", "failed-run"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  /** Stable identity across reads and webhooks: `<kind>:<owner/repo>:<id>` (a deployment
   * keeps its key while its status moves on). */
  key: string;
  kind: ChangeKind;
  /** ISO 8601 instant the change happened (deployed, published, merged, run started). */
  at: string;
  /** `owner/repo`. */
  repo: string;
  /** Raw title as GitHub has it; redacted and escaped only when rendered. */
  title: string;
  url: string;
  /** Who made the change; null when GitHub names nobody. */
  by: Login | null;
  /** Deployments: environment, ref and latest state (`success`, `failure`, …). */
  deploy?: { environment: string; ref: string; state: string | null };
}

/** One line of the comment: a change, its number for `/keep <n>` (stable: given in the
 * order changes were first listed, never reused), and who kept it. */
export interface ChangeEntry {
  n: number;
  change: Change;
  /** Set by hereby once it checked the keeper's permission. */
  kept?: { by: Login; at: string };
  /** `/keep` comments already applied to this entry: a redelivered or edited comment
   * doesn't toggle it twice. */
  applied?: number[];
  /** The box as the comment shows it (a person's tick hereby hasn't confirmed yet stays). */
  ticked: boolean;
}

/** What the comment holds: the window's start and its entries. */
export interface ChangesList {
  since: string;
  entries: ChangeEntry[];
}

export const KIND_LABEL: Record<ChangeKind, string> = {
  deploy: "deploy",
  release: "release",
  merge: "merged PR",
  revert: "revert",
  "failed-run": "failed run",
};

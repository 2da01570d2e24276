// A plan is what a decision wrote down for GitHub. The executor (src/github/executor.ts)
// is the only code that turns it into requests; dry runs print it; tests assert on it.

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export type Write =
  | { type: "createLabel"; label: LabelSpec }
  | { type: "react"; commentId: number; content: "+1" | "confused" }
  /** Takes back one of hereby's own reactions (an edit changed the verdict). */
  | { type: "unreact"; commentId: number; reactionId: number }
  | {
      type: "comment";
      issue: number;
      body: string;
      /** The marker inside `body`: the executor never writes a second comment holding it. */
      marker: string;
    }
  /** Rewrites one of hereby's own comments in place (the changes list). */
  | { type: "updateComment"; issue: number; commentId: number; body: string }
  | {
      type: "updateIssue";
      issue: number;
      body?: string;
      labels?: string[];
      assignees?: string[];
      state?: "open" | "closed";
      state_reason?: "completed" | "reopened" | "not_planned";
    }
  // ---- postmortem pull request ----
  /** One commit of the postmortem file on its branch (contents API), creating the branch
   * and opening the pull request when they don't exist yet. The executor makes these
   * requests in order; each counts as a write. The lead (`pull.reviewers`) is asked by a
   * `requestReviewers` write once the pull request has its number. */
  | {
      type: "publishPostmortem";
      incident: number;
      branch: string;
      base: string;
      /** Create the branch at this commit first; null when it exists. */
      createBranchAt: string | null;
      /** The file to commit; null when the branch holds it as it should be. `sha`: the
       * blob being replaced (GitHub refuses the commit if it changed meanwhile). */
      file: { path: string; content: string; message: string; sha: string | null } | null;
      /** The pull request to open; null when it is open already. */
      pull: { title: string; body: string; reviewers: string[] } | null;
    }
  /** Asks people to review a pull request (the postmortem's lead, once it is open). */
  | { type: "requestReviewers"; pull: number; reviewers: string[] }
  // ---- end postmortem ----
  // ---- action items and reviews ----
  | CreateIssueWrite
  | {
      /** Links an issue (found by its `id`, not its number) as a sub-issue of `issue`. */
      type: "addSubIssue";
      issue: number;
      subIssueId: number;
      /** `#12` or `acme/api#12`: for dry runs and logs. */
      child: string;
    }
  | {
      /** Adds labels to an issue, in this repository or another of the same owner. */
      type: "addLabels";
      target: IssueTarget;
      labels: string[];
    };

/** What a write found out that the plan could not know: the pull request it opened. */
export interface WriteOutcome {
  /** Requests made (a compound write makes several). */
  requests: number;
  pull?: { number: number; url: string };
}

/** An issue in this repository (`repo` absent) or another one. */
export interface IssueTarget {
  repo?: { owner: string; repo: string };
  number: number;
}

/**
 * Opens an issue, then, in order: looks back for a copy a concurrent run created (the
 * earliest of hereby's issues holding `marker` wins, a later copy is closed as a
 * duplicate), links the winner under `parent`, and posts `comment` on it.
 */
export interface CreateIssueWrite {
  type: "createIssue";
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  /** Inside `body`; also what the look-back matches. */
  marker: string;
  /** The label the look-back lists (the issue carries it). */
  lookBackLabel: string;
  parent?: number;
  comment?: { body: string; marker: string };
  /** Then a comment on another issue naming the new one: `{number}` in its body and
   * marker is the new issue's number (the review announced on its incident). */
  announce?: { issue: number; body: string; marker: string };
}

/**
 * What one decision wrote down for GitHub: batches, applied one after another by the
 * executor; the writes of one batch don't depend on each other and are sent together (if
 * one fails, a 👍 sent beside it is taken back: a 👍 means the record holds the command).
 * Replies, warnings and notifications are `comment` writes keyed by their marker, so a
 * rerun that finds the marker writes nothing; a verdict is one `react` (and the `unreact`
 * of hereby's opposite one), which GitHub keeps once.
 */
export interface Plan {
  readonly batches: readonly (readonly Write[])[];
}

/** Writes that each may depend on the one before: one batch each. */
export function inOrder(writes: readonly Write[]): Plan {
  return { batches: writes.map((w) => [w]) };
}

/** Writes that don't depend on each other: one batch. */
export function together(writes: readonly Write[]): Plan {
  return { batches: writes.length > 0 ? [writes] : [] };
}

/** Every write of a plan, in the order its batches go. */
export function writesOf(plan: Plan): Write[] {
  return plan.batches.flat();
}

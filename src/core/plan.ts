// A plan is what a handler decided to write. The executor (src/github/executor.ts) is the
// only code that turns it into requests; dry runs print it; tests assert on it.

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** Changes to an incident issue, relative to whatever it holds when they are applied. */
export interface IssueChanges {
  addLabels: string[];
  removeLabels: string[];
  addAssignees: string[];
  removeAssignees: string[];
  state?: { state: "open" | "closed"; reason: "completed" | "reopened" | "not_planned" };
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
  | {
      type: "updateIssue";
      issue: number;
      body?: string;
      labels?: string[];
      assignees?: string[];
      state?: "open" | "closed";
      state_reason?: "completed" | "reopened" | "not_planned";
    }
  // ---- postmortem pull request (issue 9) ----
  /** One commit of the postmortem file on its branch (contents API), creating the branch
   * and opening the pull request with the lead as reviewer when they don't exist yet.
   * The executor makes these requests in order; each counts as a write. */
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

export interface Plan {
  /** Writes in order. */
  writes: Write[];
  /** Changes to fold into the issue when the record is synced (one PATCH with the body). */
  changes: IssueChanges | null;
  /** Whether the managed block must be re-rendered after the writes. */
  sync: boolean;
  /** Why nothing (or something) happens, for logs and dry runs. */
  notes: string[];
}

export function emptyChanges(): IssueChanges {
  return { addLabels: [], removeLabels: [], addAssignees: [], removeAssignees: [] };
}

export function emptyPlan(note?: string): Plan {
  return { writes: [], changes: null, sync: false, notes: note ? [note] : [] };
}

/** Applies changes to label and assignee lists as read, keeping everything else there. */
export function applyChanges(
  labels: string[],
  assignees: string[],
  changes: IssueChanges,
): { labels: string[]; assignees: string[] } {
  const lower = (s: string) => s.toLowerCase();
  const removeL = new Set(changes.removeLabels.map(lower));
  const nextLabels = labels.filter((l) => !removeL.has(lower(l)));
  for (const l of changes.addLabels) {
    if (!nextLabels.some((x) => lower(x) === lower(l))) nextLabels.push(l);
  }
  const removeA = new Set(changes.removeAssignees.map(lower));
  const nextAssignees = assignees.filter((a) => !removeA.has(lower(a)));
  for (const a of changes.addAssignees) {
    if (!nextAssignees.some((x) => lower(x) === lower(a))) nextAssignees.push(a);
  }
  return { labels: nextLabels, assignees: nextAssignees };
}

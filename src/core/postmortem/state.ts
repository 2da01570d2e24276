// What the postmortem planner knows about the repository: read by
// src/github/gather-postmortem.ts in one go, as plain data.
import type { Login } from "../types.js";
import type { ActionItem } from "../types.js";

export interface PostmortemPull {
  number: number;
  url: string;
  state: "open" | "closed";
  merged: boolean;
  /** When it was merged (null while it is not). */
  mergedAt: string | null;
  author: Login;
}

export interface BranchCommit {
  sha: string;
  /** The GitHub accounts the commit is attributed to (null: an e-mail GitHub can't link). */
  author: Login | null;
  committer: Login | null;
  authorIsBot: boolean;
}

export interface PostmortemRepo {
  defaultBranch: string;
  /** Head of the default branch (null when it could not be read). */
  baseSha: string | null;
  /** The postmortem branch: null when it doesn't exist. */
  branch: {
    sha: string;
    /** Commits on it that the default branch doesn't have. */
    commits: BranchCommit[];
    /** Files those commits changed. */
    files: string[];
  } | null;
  /** The postmortem file on the branch, when there is one. */
  file: { path: string; sha: string; content: string } | null;
  /** The file as hereby last committed it, read only when others have committed since. */
  ownVersion: string | null;
  /** Pull requests whose head is the branch, newest first. */
  pulls: PostmortemPull[];
  /** `.github/hereby/postmortem.md` on the default branch, when the repository has one. */
  override: string | null;
  actionItems: ActionItem[];
}

export const OVERRIDE_PATH = ".github/hereby/postmortem.md";

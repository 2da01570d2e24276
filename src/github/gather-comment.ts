// Gather for a command comment: every read its decision needs, in one round trip.
import type { Permission } from "../config.js";
import type { IssueSnapshot } from "../core/types.js";
import { canBeAssigned } from "./assignable.js";
import type { GitHub, RepoRef } from "./client.js";
import { readPermission } from "./permission.js";
import { listReactions, type ReactionSeen } from "./reactions.js";
import { readIssueSnapshot } from "./read-issue.js";

export interface CommentReads {
  snapshot: IssueSnapshot;
  /** The author's permission now (GitHub's answer for this revision); null when not
   * asked (the delivery's text had no command: see `ensurePermission`). */
  permission: Permission | "none" | null;
  /** The comment's reactions, read for an edit (its verdict may change); else null. */
  reactions: ReactionSeen[] | null;
  /** The repository's default branch, as the delivery named it. */
  defaultBranch: string | null;
}

/** Where the comment is, as its delivery says. */
export interface CommentAt {
  issue: number;
  commentId: number;
  author: string;
  edited: boolean;
  commands: boolean;
  association?: string;
  /** The delivery's issue has sub-issues (read with the issue). */
  subIssues?: boolean;
  defaultBranch?: string | null;
}

export async function gatherComment(
  octokit: GitHub,
  repo: RepoRef,
  at: CommentAt,
): Promise<CommentReads> {
  // GitHub's own word in the delivery: the repository's owner (or the organisation's) is an
  // admin of it, so there is nothing to ask. Any other association names no level.
  const owner = at.association === "OWNER" ? Promise.resolve<Permission>("admin") : null;
  const [snapshot, permission, reactions] = await Promise.all([
    readIssueSnapshot(octokit, repo, at.issue, { subIssues: at.subIssues ?? false }),
    at.commands ? (owner ?? readPermission(octokit, repo, at.author)) : Promise.resolve(null),
    at.edited && at.commands ? listReactions(octokit, repo, at.commentId) : Promise.resolve(null),
  ]);
  return { snapshot, permission, reactions, defaultBranch: at.defaultBranch ?? null };
}

/** The permission, asked now if the gather didn't (the comment as it is now has commands
 * its delivery's copy didn't). */
export async function ensurePermission(
  octokit: GitHub,
  repo: RepoRef,
  reads: CommentReads,
  author: string,
): Promise<Permission | "none"> {
  return reads.permission ?? readPermission(octokit, repo, author);
}

/** Whether GitHub would assign each of these people here: one request per person, in
 * parallel (the caller dedupes and bounds them, after the author's permission passed). */
export async function gatherAssignable(
  octokit: GitHub,
  repo: RepoRef,
  users: string[],
): Promise<Map<string, boolean>> {
  const answers = await Promise.all(
    users.map(async (u) => [u.toLowerCase(), await canBeAssigned(octokit, repo, u)] as const),
  );
  return new Map(answers);
}

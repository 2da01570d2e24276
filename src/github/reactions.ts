// Reactions on a comment: hereby's 👍 is a mark only its identity can make.
import { RequestError } from "@octokit/request-error";
import type { Approval } from "../core/converge.js";
import type { Write } from "../core/plan.js";
import type { GitHub, RepoRef } from "./client.js";

/** Gives the reaction; returns its id (to take it back). */
export async function react(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "react" }>,
): Promise<number> {
  const { commentId, content } = write;
  const { data } = await octokit.rest.reactions.createForIssueComment({
    ...repo,
    comment_id: commentId,
    content,
  });
  return data.id;
}

/** Takes one of hereby's reactions back; one already gone is what was wanted. */
export async function unreact(
  octokit: GitHub,
  repo: RepoRef,
  write: Extract<Write, { type: "unreact" }>,
): Promise<void> {
  const { commentId, reactionId } = write;
  try {
    await octokit.rest.reactions.deleteForIssueComment({
      ...repo,
      comment_id: commentId,
      reaction_id: reactionId,
    });
  } catch (error) {
    if (!(error instanceof RequestError) || error.status !== 404) throw error;
  }
}

export interface ReactionSeen {
  id: number;
  content: string;
  login: string | null;
  isBot: boolean;
  createdAt: string;
}

export async function listReactions(
  octokit: GitHub,
  repo: RepoRef,
  commentId: number,
  content?: "+1",
): Promise<ReactionSeen[]> {
  const reactions = await octokit.paginate(octokit.rest.reactions.listForIssueComment, {
    ...repo,
    comment_id: commentId,
    ...(content ? { content } : {}),
    per_page: 100,
  });
  return reactions.map((r) => ({
    id: r.id,
    content: r.content,
    login: r.user?.login ?? null,
    isBot: r.user?.type === "Bot",
    createdAt: r.created_at,
  }));
}

/** `self`'s 👍 on each comment: when it was given (null: never) and its ids, in parallel. */
export async function approvals(
  octokit: GitHub,
  repo: RepoRef,
  commentIds: number[],
  self: string | null,
): Promise<Map<number, Approval>> {
  const found = await Promise.all(
    commentIds.map(async (id) => {
      const mine =
        self === null
          ? []
          : (await listReactions(octokit, repo, id, "+1")).filter(
              (r) => r.login?.toLowerCase() === self,
            );
      const approval: Approval = {
        at:
          mine
            .map((r) => r.createdAt)
            .sort()
            .at(-1) ?? null,
        reactionIds: mine.map((r) => r.id),
      };
      return [id, approval] as const;
    }),
  );
  return new Map(found);
}

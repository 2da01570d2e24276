// The executor's side of the write slots (write-slot.ts): whether a write still has
// anything to do, given what hereby already gave or what GitHub answered last.
import type { Write } from "../core/plan.js";
import type { RepoRef } from "./client.js";
import { issueKey, reactionKey, type WriteSlots } from "./write-slot.js";

type IssueUpdate = Extract<Write, { type: "updateIssue" }>;

interface IssueFields {
  body?: string | null;
  state?: string;
  labels?: (string | { name?: string })[];
  assignees?: ({ login: string } | null)[] | null;
}

const lowerSet = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
const sameSet = (a: string[], b: string[]) => {
  const x = lowerSet(a);
  const y = lowerSet(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/** Whether `issue` (an answer GitHub gave) already holds everything `write` would set. */
export function alreadyHolds(issue: IssueFields, write: IssueUpdate): boolean {
  const labels = (issue.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? "")));
  const assignees = (issue.assignees ?? []).flatMap((a) => (a ? [a.login] : []));
  return (
    (write.body === undefined || write.body === (issue.body ?? "")) &&
    (write.labels === undefined || sameSet(write.labels, labels)) &&
    (write.assignees === undefined || sameSet(write.assignees, assignees)) &&
    (write.state === undefined || write.state === issue.state)
  );
}

/** The newest answer for the issue when it already holds the PATCH: the PATCH is dropped. */
export async function answerHolding(
  slots: WriteSlots,
  repo: RepoRef,
  write: IssueUpdate,
): Promise<unknown> {
  const latest = await slots.latest(issueKey(repo, write.issue));
  return latest && alreadyHolds(latest.issue as IssueFields, write) ? latest.issue : null;
}

const CONTENTS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

/** Claims a reaction before it is sent: false when hereby gave (or is giving) it already. */
export const claimReaction = (
  slots: WriteSlots,
  repo: RepoRef,
  write: Extract<Write, { type: "react" }>,
) => slots.claimReaction(reactionKey(repo, write.commentId, write.content));

/** A reaction taken back, or whose POST failed: it may be given again. */
export async function releaseReactions(
  slots: WriteSlots,
  repo: RepoRef,
  commentId: number,
  content?: string,
): Promise<void> {
  await Promise.all(
    (content ? [content] : CONTENTS).map((c) =>
      slots.releaseReaction(reactionKey(repo, commentId, c)),
    ),
  );
}

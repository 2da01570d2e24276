// Whether the commands and hand changes a record would apply were allowed, decided only
// from what GitHub says: the author's permission now, and hereby's own 👍 on a comment
// (a mark only hereby's identity can make). Nothing in a description or a comment counts:
// the state list in the managed block is bookkeeping anyone who edits the body can forge.
//
// Every revision of a comment is a new command: a comment whose author lacks the
// permission now counts only if hereby's 👍 is newer than its last edit (it was approved,
// in this revision, while they had it). A hand close or reopen GitHub let through without
// the permission (an issue's author may close it) counts only if its actor has it.
import { lower } from "./incident-draft.js";
import type { Incident, IssueSnapshot, Login } from "./types.js";

export interface AuthorityFacts {
  /** Lowercased login → whether GitHub says they may command now. */
  permissions: ReadonlyMap<string, boolean>;
  /** Comment id → when hereby's own 👍 was put on it (null: never). */
  approvals: ReadonlyMap<number, string | null>;
}

export interface Judgement {
  refusedComments: number[];
  refusedEvents: number[];
  /** Facts missing for a verdict: ask GitHub, then judge again. */
  needPermission: Login[];
  needApproval: number[];
}

/** Reactions read per decision for authors without the permission: beyond it, their
 * comments don't count (a read-only user can't make hereby spend a request per comment). */
export const MAX_APPROVAL_READS = 10;

export function judge(
  incident: Incident,
  snapshot: IssueSnapshot,
  facts: AuthorityFacts,
): Judgement {
  const subjects = [
    ...incident.appliedComments.map((c) => c.author),
    ...incident.gatedEvents.map((e) => e.actor),
  ];
  const needPermission = [...new Set(subjects.map(lower))].filter(
    (login) => !facts.permissions.has(login),
  );
  const denied = (login: Login) => facts.permissions.get(lower(login)) === false;
  const refusedComments: number[] = [];
  const needApproval: number[] = [];
  for (const applied of incident.appliedComments) {
    if (!denied(applied.author)) continue;
    const comment = snapshot.comments.find((c) => c.id === applied.id);
    const approvedAt = facts.approvals.get(applied.id);
    // Nobody's 👍 on it (the timeline's rollup says so): nothing to read.
    const unmarked = comment?.thumbsUp === 0;
    if (
      approvedAt === undefined &&
      !unmarked &&
      facts.approvals.size + needApproval.length < MAX_APPROVAL_READS
    )
      needApproval.push(applied.id);
    else if (!(approvedAt && comment && approvedAt >= comment.updatedAt))
      refusedComments.push(applied.id);
  }
  const refusedEvents = incident.gatedEvents.filter((e) => denied(e.actor)).map((e) => e.id);
  return {
    refusedComments: needApproval.length > 0 ? [] : refusedComments,
    refusedEvents,
    needPermission,
    needApproval,
  };
}

// Convergence over locking. Two handlers (two App replicas, a redelivery, eight commands
// posted at once) may each write the record from what they read. After every write the
// writer reads the issue back and decides again: if the record it reads still lacks a
// comment it now knows about, or a label was lost to a concurrent write, it writes
// again. Every writer aims at the same derived state, so the last one leaves it right.
//
// Every decision is authorized first (authority.ts), whichever handler makes it: a command
// whose own webhook was lost (or whose handler hasn't answered yet) never slips in
// unchecked, and nothing read from the description counts as "already checked".
import type { Config } from "../config.js";
import { judge, type AuthorityFacts } from "./authority.js";
import { resolveSelf } from "./self.js";
import { decideRecord, type DecideOptions, type IssueUpdate } from "./sync.js";
import type { Incident, IssueSnapshot, Login } from "./types.js";

export interface RecordPort {
  read(): Promise<IssueSnapshot>;
  /** `incident`: the record the update writes (writes that go with it are decided from it).
   * GitHub refusing the assignees (a login it won't assign) is an answer, not a failure. */
  write(update: IssueUpdate, incident: Incident): Promise<WriteAnswer>;
  /** Whether these people may run commands (only asked for authors not yet known). */
  mayCommand(logins: Login[]): Promise<Map<string, boolean>>;
  /** `self`'s 👍 on each of these comments: when it was given (null: never), and its ids. */
  approvals(commentIds: number[], self: Login | null): Promise<Map<number, Approval>>;
  /** Runs one round (decide, write) as the record's only writer, when runs share slots. */
  exclusive?<T>(round: () => Promise<T>): Promise<T>;
  /** The issue read again when another run wrote it since this one last read it, else
   * null: the round then decides from what that write left. */
  refresh?(): Promise<IssueSnapshot | null>;
}

/** How GitHub answered the record's PATCH: written, or the assignees refused (`error`:
 * what to throw when no assignee this update added can be dropped). */
export type WriteAnswer = { written: true } | { written: false; refusedAssignees: unknown };

export interface Approval {
  at: string | null;
  reactionIds: number[];
}

export interface Refused {
  /** `thumbsUp`: hereby's 👍 on it, from an earlier revision, to take back. */
  comments: { id: number; author: Login; body: string; thumbsUp: number[] }[];
  events: { id: number; actor: Login; event: string }[];
}

export interface Convergence {
  incident: Incident;
  /** The issue as first read, before any write here. */
  first: IssueSnapshot;
  snapshot: IssueSnapshot;
  /** PATCHes written. */
  writes: number;
  /** Snapshots read (the first one included when it was read here). */
  reads: number;
  /** False when the record still wanted a write after `maxRounds`. */
  converged: boolean;
  /** Comments and hand changes refused here because their authors lack the permission. */
  refused: Refused;
  /** Logins GitHub refused to assign. */
  unassignable: Login[];
  /** Who may run commands, as known now (lower-cased logins): what was given and asked. */
  permissions: Map<string, boolean>;
}

export const MAX_ROUNDS = 5;

export interface ConvergeOptions {
  first?: IssueSnapshot;
  dryRun?: boolean;
  maxRounds?: number;
  self?: string | null;
  /** Permissions already known (the author of the comment being handled). */
  known?: Map<string, boolean>;
}

interface Verdicts {
  facts: { permissions: Map<string, boolean>; approvals: Map<number, string | null> };
  thumbs: Map<number, number[]>;
  comments: Map<number, Login>;
  events: Map<number, Login>;
  unassignable: Set<string>;
}

/** The record's decision for a snapshot, with every command and hand change authorized. */
async function authorizedDecision(
  port: RecordPort,
  snapshot: IssueSnapshot,
  config: Config,
  v: Verdicts,
  self: string | null,
) {
  const options = (): DecideOptions => ({
    self,
    refused: new Set(v.comments.keys()),
    refusedEvents: new Set(v.events.keys()),
    unassignable: v.unassignable,
  });
  let decision = decideRecord(snapshot, config, options());
  for (let pass = 0; pass < 8; pass++) {
    const facts: AuthorityFacts = v.facts;
    let verdict = judge(decision.incident, snapshot, facts);
    if (verdict.needPermission.length > 0) {
      for (const [login, ok] of await port.mayCommand(verdict.needPermission))
        v.facts.permissions.set(login.toLowerCase(), ok);
      verdict = judge(decision.incident, snapshot, facts);
    }
    if (verdict.needApproval.length > 0) {
      const approvals = await port.approvals(
        verdict.needApproval,
        resolveSelf(snapshot.comments, self),
      );
      for (const id of verdict.needApproval) {
        v.facts.approvals.set(id, approvals.get(id)?.at ?? null);
        v.thumbs.set(id, approvals.get(id)?.reactionIds ?? []);
      }
      continue;
    }
    const authorOf = (id: number) =>
      decision.incident.appliedComments.find((c) => c.id === id)?.author ?? "";
    const actorOf = (id: number) =>
      decision.incident.gatedEvents.find((e) => e.id === id)?.actor ?? "";
    const fresh = [
      ...verdict.refusedComments.filter((id) => !v.comments.has(id)),
      ...verdict.refusedEvents.filter((id) => !v.events.has(id)),
    ];
    if (fresh.length === 0) return decision;
    for (const id of verdict.refusedComments) v.comments.set(id, authorOf(id));
    for (const id of verdict.refusedEvents) v.events.set(id, actorOf(id));
    decision = decideRecord(snapshot, config, options());
  }
  return decision;
}

export async function convergeRecord(
  port: RecordPort,
  config: Config,
  options: ConvergeOptions = {},
): Promise<Convergence> {
  let reads = 0;
  let snapshot = options.first ?? (reads++, await port.read());
  const first = snapshot;
  let writes = 0;
  const v = verdictsOf(options.known);
  const decide = () => authorizedDecision(port, snapshot, config, v, options.self ?? null);
  const done = (incident: Incident, converged: boolean): Convergence => ({
    incident,
    first,
    snapshot,
    writes,
    reads,
    converged,
    refused: refusedOf(v, snapshot),
    unassignable: [...v.unassignable],
    permissions: v.facts.permissions,
  });

  // Under the slot: what the writers before left, the decision, the write. A round
  // whose record is already on GitHub writes nothing.
  const round = async (): Promise<{ incident: Incident; wrote: boolean | "retry" }> => {
    const fresh = port.refresh ? await port.refresh() : null;
    if (fresh) [snapshot, reads] = [fresh, reads + 1];
    const { update, incident } = await decide();
    if (update === null) return { incident, wrote: false };
    const answer = await port.write(update, incident);
    if (answer.written) return { incident, wrote: true };
    const added = (update.assignees ?? []).filter(
      (a) => !snapshot.issue.assignees.some((b) => b.toLowerCase() === a.toLowerCase()),
    );
    if (added.length === 0) throw answer.refusedAssignees;
    for (const login of added) v.unassignable.add(login.toLowerCase());
    return { incident, wrote: "retry" };
  };
  for (let n = 0; n < (options.maxRounds ?? MAX_ROUNDS); n++) {
    const { incident, wrote } = await (port.exclusive ? port.exclusive(round) : round());
    if (wrote === false) return done(incident, true);
    if (wrote === "retry") continue;
    writes++;
    if (options.dryRun) return done(incident, true);
    snapshot = await port.read();
    reads++;
  }
  const { update, incident } = await decide();
  return done(incident, update === null);
}

/** What is known before the first decision: the permissions given (lower-cased). */
function verdictsOf(known: Map<string, boolean> | undefined): Verdicts {
  const given = [...(known ?? new Map<string, boolean>())];
  const permissions = new Map(given.map(([k, ok]) => [k.toLowerCase(), ok]));
  // A lead GitHub won't assign (no access, a deleted account) must not keep the record
  // from being written: the assignment is dropped and the rest goes through.
  const none = { thumbs: new Map(), comments: new Map(), events: new Map() };
  return { facts: { permissions, approvals: new Map() }, ...none, unassignable: new Set() };
}

function refusedOf(v: Verdicts, snapshot: IssueSnapshot): Refused {
  return {
    comments: [...v.comments].map(([id, author]) => ({
      id,
      author,
      body: snapshot.comments.find((c) => c.id === id)?.body ?? "",
      thumbsUp: v.thumbs.get(id) ?? [],
    })),
    events: [...v.events].map(([id, actor]) => ({
      id,
      actor,
      event: snapshot.events.find((e) => e.id === id)?.event ?? "closed",
    })),
  };
}

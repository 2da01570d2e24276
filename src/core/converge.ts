// Convergence over locking. Two handlers (two App replicas, a redelivery, eight commands
// posted at once) may each write the record from what they read. After every write the
// writer reads the issue back and decides again: if the record it reads still lacks a
// comment it now knows about, or a label was lost to a concurrent write, it writes
// again. Every writer aims at the same derived state, so the last one leaves it right.
//
// This file holds the decisions of that loop, pure: what a round writes, which facts
// (permissions, 👍s) it must know first, what GitHub refusing assignees drops. The loop
// itself (read, ask, write, read back) is github/reconcile.ts.
//
// Every decision is authorized first (authority.ts), whichever handler makes it: a command
// whose own webhook was lost (or whose handler hasn't answered yet) never slips in
// unchecked, and nothing read from the description counts as "already checked".
import type { Config } from "../config.js";
import { judge } from "./authority.js";
import { resolveSelf } from "./self.js";
import { decideRecord, type DecideOptions, type IssueUpdate } from "./sync.js";
import type { Incident, IssueSnapshot, Login } from "./types.js";

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
  /** False when the record still wanted a write after `MAX_ROUNDS`. */
  converged: boolean;
  /** Comments and hand changes refused here because their authors lack the permission. */
  refused: Refused;
  /** Logins GitHub refused to assign. */
  unassignable: Login[];
  /** Who may run commands, as known now (lower-cased logins): what was given and asked. */
  permissions: Map<string, boolean>;
}

/** Rounds (decide, write, read back) before a convergence gives up. */
export const MAX_ROUNDS = 5;

/** Passes of one round's decision (an ask of 👍s, a decision again without the newly
 * refused) before it is taken as it stands. */
const MAX_PASSES = 8;

/** What one convergence has learned so far; the step functions below add to it. */
export interface Known {
  facts: { permissions: Map<string, boolean>; approvals: Map<number, string | null> };
  thumbs: Map<number, number[]>;
  /** Refused comments and hand changes, with their authors. */
  comments: Map<number, Login>;
  events: Map<number, Login>;
  unassignable: Set<string>;
}

/** What is known before the first decision: the permissions given (lower-cased). */
export function knownFrom(given: Map<string, boolean>): Known {
  const permissions = new Map([...given].map(([k, ok]) => [k.toLowerCase(), ok]));
  // A lead GitHub won't assign (no access, a deleted account) must not keep the record
  // from being written: the assignment is dropped and the rest goes through.
  const none = { thumbs: new Map(), comments: new Map(), events: new Map() };
  return { facts: { permissions, approvals: new Map() }, ...none, unassignable: new Set() };
}

export interface RecordDecision {
  update: IssueUpdate | null;
  incident: Incident;
}

/** A fact a round's decision needs from GitHub before it can be made. */
export type Need =
  | { kind: "permissions"; logins: Login[] }
  | { kind: "approvals"; commentIds: number[]; self: Login | null };

/** The round's decision, or what to ask first and the pass to go on from once it is known. */
export type RoundStep = { need: null; decision: RecordDecision } | { need: Need; pass: number };

/** The record's decision for a snapshot, with every command and hand change authorized,
 * or the fact it needs first. Comments and changes it refuses are added to `known`.
 * `pass`: where the round got to (0 at its start; then the `pass` of the last step). */
export function decideRound(
  snapshot: IssueSnapshot,
  config: Config,
  known: Known,
  at: { self: string | null; pass: number },
): RoundStep {
  const options = (): DecideOptions => ({
    self: at.self,
    refused: new Set(known.comments.keys()),
    refusedEvents: new Set(known.events.keys()),
    unassignable: known.unassignable,
  });
  let decision = decideRecord(snapshot, config, options());
  for (let pass = at.pass; pass < MAX_PASSES; pass++) {
    const verdict = judge(decision.incident, snapshot, known.facts);
    if (verdict.needPermission.length > 0)
      return { need: { kind: "permissions", logins: verdict.needPermission }, pass };
    if (verdict.needApproval.length > 0) {
      const self = resolveSelf(snapshot.comments, at.self);
      const need = { kind: "approvals" as const, commentIds: verdict.needApproval, self };
      return { need, pass: pass + 1 };
    }
    const authorOf = (id: number) =>
      decision.incident.appliedComments.find((c) => c.id === id)?.author ?? "";
    const actorOf = (id: number) =>
      decision.incident.gatedEvents.find((e) => e.id === id)?.actor ?? "";
    const fresh = [
      ...verdict.refusedComments.filter((id) => !known.comments.has(id)),
      ...verdict.refusedEvents.filter((id) => !known.events.has(id)),
    ];
    if (fresh.length === 0) return { need: null, decision };
    for (const id of verdict.refusedComments) known.comments.set(id, authorOf(id));
    for (const id of verdict.refusedEvents) known.events.set(id, actorOf(id));
    decision = decideRecord(snapshot, config, options());
  }
  return { need: null, decision };
}

/** GitHub's answer to who may command (logins as asked). */
export function learnPermissions(known: Known, answers: Map<string, boolean>): void {
  for (const [login, ok] of answers) known.facts.permissions.set(login.toLowerCase(), ok);
}

/** hereby's 👍 on each comment asked about (absent: never given). */
export function learnApprovals(
  known: Known,
  commentIds: number[],
  answers: Map<number, Approval>,
): void {
  for (const id of commentIds) {
    known.facts.approvals.set(id, answers.get(id)?.at ?? null);
    known.thumbs.set(id, answers.get(id)?.reactionIds ?? []);
  }
}

/** GitHub refused the update's assignees: the ones it adds are dropped from now on. False
 * when it adds none, so nothing can be dropped (the refusal is then an error). */
export function dropUnassignable(
  known: Known,
  update: IssueUpdate,
  snapshot: IssueSnapshot,
): boolean {
  const added = (update.assignees ?? []).filter(
    (a) => !snapshot.issue.assignees.some((b) => b.toLowerCase() === a.toLowerCase()),
  );
  for (const login of added) known.unassignable.add(login.toLowerCase());
  return added.length > 0;
}

/** The result of a convergence, from where its loop ended. */
export function convergenceOf(
  known: Known,
  end: Omit<Convergence, "refused" | "unassignable" | "permissions">,
): Convergence {
  return {
    ...end,
    refused: refusedOf(known, end.snapshot),
    unassignable: [...known.unassignable],
    permissions: known.facts.permissions,
  };
}

function refusedOf(known: Known, snapshot: IssueSnapshot): Refused {
  return {
    comments: [...known.comments].map(([id, author]) => ({
      id,
      author,
      body: snapshot.comments.find((c) => c.id === id)?.body ?? "",
      thumbsUp: known.thumbs.get(id) ?? [],
    })),
    events: [...known.events].map(([id, actor]) => ({
      id,
      actor,
      event: snapshot.events.find((e) => e.id === id)?.event ?? "closed",
    })),
  };
}

// Convergence over locking. Two handlers (two App replicas, a redelivery, eight commands
// posted at once) may each write the record from what they read. After every write the
// writer reads the issue back and decides again: if the record it reads still lacks a
// comment it now knows about, or a label was lost to a concurrent write, it writes
// again. Every writer aims at the same derived state, so the last one leaves it right.
//
// Before a command shows up in the record for the first time, its author's permission is
// checked, whichever handler gets there first: a command whose own webhook was lost (or
// whose handler hasn't answered yet) never slips in unchecked.
import type { Config } from "../config.js";
import { recordedCommentIds } from "./record.js";
import { decideRecord, type DecideOptions, type IssueUpdate } from "./sync.js";
import type { Incident, IssueSnapshot, Login } from "./types.js";

export interface RecordPort {
  read(): Promise<IssueSnapshot>;
  write(update: IssueUpdate): Promise<void>;
  /** Whether these people may run commands (only asked for authors not yet known). */
  mayCommand(logins: Login[]): Promise<Map<string, boolean>>;
}

export interface Convergence {
  incident: Incident;
  snapshot: IssueSnapshot;
  /** PATCHes written. */
  writes: number;
  /** Snapshots read (the first one included when it was read here). */
  reads: number;
  /** False when the record still wanted a write after `maxRounds`. */
  converged: boolean;
  /** Comments refused here because their authors lack the permission. */
  refused: { id: number; author: Login; body: string }[];
  /** Logins GitHub refused to assign. */
  unassignable: Login[];
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

export async function convergeRecord(port: RecordPort, config: Config, options: ConvergeOptions = {}): Promise<Convergence> {
  let reads = 0;
  let snapshot = options.first ?? (reads++, await port.read());
  let writes = 0;
  const known = new Map<string, boolean>([...(options.known ?? new Map<string, boolean>())].map(([k, v]) => [k.toLowerCase(), v]));
  const refused = new Map<number, Login>();
  // A lead GitHub won't assign (no access, a deleted account) must not keep the record
  // from being written: the assignment is dropped and the rest goes through.
  const unassignable = new Set<string>();

  const decide = async () => {
    const reduceOptions = (): DecideOptions => ({ self: options.self ?? null, refused: new Set(refused.keys()), unassignable });
    let decision = decideRecord(snapshot, config, reduceOptions());
    // Commands about to enter the record for the first time: check their authors.
    const shown = new Set(recordedCommentIds(snapshot.issue.body));
    const entering = decision.incident.appliedComments.filter((c) => !shown.has(c.id));
    const unknown = [...new Set(entering.map((c) => c.author.toLowerCase()))].filter((a) => !known.has(a));
    if (unknown.length > 0) for (const [login, ok] of await port.mayCommand(unknown)) known.set(login.toLowerCase(), ok);
    const denied = entering.filter((c) => known.get(c.author.toLowerCase()) === false);
    if (denied.length > 0) {
      for (const c of denied) refused.set(c.id, c.author);
      decision = decideRecord(snapshot, config, reduceOptions());
    }
    return decision;
  };
  const done = (incident: Incident, converged: boolean): Convergence => ({
    incident,
    snapshot,
    writes,
    reads,
    converged,
    refused: [...refused].map(([id, author]) => ({ id, author, body: snapshot.comments.find((c) => c.id === id)?.body ?? "" })),
    unassignable: [...unassignable],
  });

  for (let round = 0; round < (options.maxRounds ?? MAX_ROUNDS); round++) {
    const { update, incident } = await decide();
    if (update === null) return done(incident, true);
    try {
      await port.write(update);
    } catch (error) {
      const added = (update.assignees ?? []).filter((a) => !snapshot.issue.assignees.some((b) => b.toLowerCase() === a.toLowerCase()));
      if (!refusesAssignees(error) || added.length === 0) throw error;
      for (const login of added) unassignable.add(login.toLowerCase());
      continue;
    }
    writes++;
    if (options.dryRun) return done(incident, true);
    snapshot = await port.read();
    reads++;
  }
  const { update, incident } = await decide();
  return done(incident, update === null);
}

/** GitHub's 422 naming the assignees field (an invalid or inaccessible login). */
function refusesAssignees(error: unknown): boolean {
  const e = error as { status?: number; response?: { data?: { errors?: { field?: string }[] } } };
  return e.status === 422 && (e.response?.data?.errors ?? []).some((x) => x.field === "assignees");
}

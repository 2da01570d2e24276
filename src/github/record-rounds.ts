// The rounds of one record's convergence, against GitHub: read the issue (unless given),
// decide (the core's decision, with what it needs asked of GitHub), write, read back, until
// a round has nothing to write or MAX_ROUNDS have written. The reads, the writes and the
// asks are github/reconcile.ts's; each decision is core/converge.ts's, made from data.
import {
  convergenceOf,
  dropUnassignable,
  MAX_ROUNDS,
  type Convergence,
  type Known,
  type RecordDecision,
} from "../core/converge.js";
import type { IssueUpdate } from "../core/sync.js";
import type { Incident, IssueSnapshot } from "../core/types.js";

/** One convergence's reads and writes of the record. */
export interface RecordIO {
  read(): Promise<IssueSnapshot>;
  /** `incident`: the record the update writes (writes that go with it are decided from it).
   * GitHub refusing the assignees (a login it won't assign) is an answer, not a failure. */
  write(update: IssueUpdate, incident: Incident): Promise<WriteAnswer>;
  /** The round's authorized decision (asking GitHub what it needs). */
  decide(snapshot: IssueSnapshot, known: Known): Promise<RecordDecision>;
  /** Runs one round (decide, write) as the record's only writer, when runs share slots. */
  hold?<T>(round: () => Promise<T>): Promise<T>;
  /** The issue read again when another run wrote it since this one last read it, else
   * null: the round then decides from what that write left. */
  refresh?(): Promise<IssueSnapshot | null>;
}

/** How GitHub answered the record's PATCH: written, or the assignees refused (`error`:
 * what to throw when no assignee this update added can be dropped). */
export type WriteAnswer = { written: true } | { written: false; error: unknown };

/** Read (unless given), decide, write, read back, until a round has nothing to write or
 * MAX_ROUNDS have written; a dry run stops after its first write. */
export async function converge(
  record: RecordIO,
  start: { first: IssueSnapshot | undefined; known: Known; dryRun: boolean },
): Promise<Convergence> {
  const { known } = start;
  let reads = 0;
  let snapshot = start.first ?? (reads++, await record.read());
  const first = snapshot;
  let writes = 0;
  const done = (incident: Incident, converged: boolean) =>
    convergenceOf(known, { incident, first, snapshot, writes, reads, converged });

  // Under the slot: what the writers before left, the decision, the write. A round
  // whose record is already on GitHub writes nothing.
  const round = async (): Promise<{ incident: Incident; wrote: boolean | "retry" }> => {
    const fresh = record.refresh ? await record.refresh() : null;
    if (fresh) [snapshot, reads] = [fresh, reads + 1];
    const { update, incident } = await record.decide(snapshot, known);
    if (update === null) return { incident, wrote: false };
    const answer = await record.write(update, incident);
    if (answer.written) return { incident, wrote: true };
    if (!dropUnassignable(known, update, snapshot)) throw answer.error;
    return { incident, wrote: "retry" };
  };
  for (let n = 0; n < MAX_ROUNDS; n++) {
    const { incident, wrote } = await (record.hold ? record.hold(round) : round());
    if (wrote === false) return done(incident, true);
    if (wrote === "retry") continue;
    writes++;
    if (start.dryRun) return done(incident, true);
    snapshot = await record.read();
    reads++;
  }
  const { update, incident } = await record.decide(snapshot, known);
  return done(incident, update === null);
}

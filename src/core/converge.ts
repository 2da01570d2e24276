// Convergence over locking. Two handlers (two App replicas, a redelivery, eight commands
// posted at once) may each write the record from what they read. After every write the
// writer reads the issue back and decides again: if the record it reads still lacks a
// comment it now knows about, or a label was lost to a concurrent write, it writes
// again. Every writer aims at the same derived state, so the last one leaves it right.
import type { Config } from "../config.js";
import { decideRecord, type IssueUpdate } from "./sync.js";
import type { Incident, IssueSnapshot } from "./types.js";

export interface RecordPort {
  read(): Promise<IssueSnapshot>;
  write(update: IssueUpdate): Promise<void>;
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
}

export const MAX_ROUNDS = 5;

export async function convergeRecord(
  port: RecordPort,
  config: Config,
  options: { first?: IssueSnapshot; dryRun?: boolean; maxRounds?: number } = {},
): Promise<Convergence> {
  let reads = 0;
  let snapshot = options.first ?? (reads++, await port.read());
  let writes = 0;
  for (let round = 0; round < (options.maxRounds ?? MAX_ROUNDS); round++) {
    const { update, incident } = decideRecord(snapshot, config);
    if (update === null) return { incident, snapshot, writes, reads, converged: true };
    await port.write(update);
    writes++;
    if (options.dryRun) return { incident, snapshot, writes, reads, converged: true };
    snapshot = await port.read();
    reads++;
  }
  const { update, incident } = decideRecord(snapshot, config);
  return { incident, snapshot, writes, reads, converged: update === null };
}

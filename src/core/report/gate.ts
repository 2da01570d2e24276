// How often a repository pays for a full report. Each one reads every incident's timeline
// (about one request per incident: 1,000 incidents is the Action token's hourly budget),
// so per repository:
//   - at most one full report per REPORT_REPEAT_MINUTES; other asks get a link to it;
//   - asks that arrive while one is being gathered get that one (single flight: the claim
//     is taken before the first read);
//   - people below the configured permission get at most one an hour between them.
// The issue's own comments say the same for one issue across restarts (reply.ts); this map
// covers the rest of the repository within a process. The clock comes in as `now`.

/** A second report in the same repository within this many minutes gets a link instead. */
export const REPORT_REPEAT_MINUTES = 10;
/** Reports asked by people below the permission, per repository: one in this many minutes. */
export const READER_REPORT_MINUTES = 60;

const MINUTE = 60_000;

export interface ReportSeen {
  /** Where the report is (the issue it was posted on). */
  url: string;
  at: Date;
}

export type Claim =
  /** Gather and post it; `release(false)` when that failed, so the next ask runs again. */
  | { kind: "run"; release: (ok: boolean) => void }
  | { kind: "recent"; last: ReportSeen }
  | { kind: "limited"; next: Date; last: ReportSeen | null };

export class ReportGate {
  private readonly last = new Map<string, ReportSeen>();
  private readonly byReaders = new Map<string, Date>();

  /** `reader`: the asker is below the configured permission. */
  claim(repo: string, url: string, now: Date, reader: boolean): Claim {
    const key = repo.toLowerCase();
    const last = this.last.get(key) ?? null;
    if (last && now.getTime() - last.at.getTime() < REPORT_REPEAT_MINUTES * MINUTE)
      return { kind: "recent", last };
    const readers = this.byReaders.get(key);
    if (reader && readers && now.getTime() - readers.getTime() < READER_REPORT_MINUTES * MINUTE) {
      return {
        kind: "limited",
        next: new Date(readers.getTime() + READER_REPORT_MINUTES * MINUTE),
        last,
      };
    }
    this.last.set(key, { url, at: now });
    if (reader) this.byReaders.set(key, now);
    return {
      kind: "run",
      release: (ok) => {
        if (ok) return;
        // Nothing was posted: the next ask may run it, and it costs a reader nothing.
        if (last) this.last.set(key, last);
        else this.last.delete(key);
        if (reader && readers) this.byReaders.set(key, readers);
        else if (reader) this.byReaders.delete(key);
      },
    };
  }
}

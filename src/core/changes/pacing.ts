// At most one listing update a minute per incident. The pace is read from GitHub (the
// comment's `updated_at`), not from a process's memory: two App replicas, or the Action's
// separate runs, agree on it. A change that arrives too soon waits for the next update,
// which gathers everything again (coalesced).

export const EDIT_INTERVAL_MS = 60_000;

/** When the comment may next be updated: now if a minute has passed since its last edit. */
export function nextEditAt(updatedAt: string, now: Date): Date {
  const due = Date.parse(updatedAt) + EDIT_INTERVAL_MS;
  return new Date(Math.max(due, now.getTime()));
}

export function mayEditNow(updatedAt: string, now: Date): boolean {
  return nextEditAt(updatedAt, now).getTime() <= now.getTime();
}

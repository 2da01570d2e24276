// The window changes are gathered in: from `lookback_hours` before impact started (the
// form's "When did it start?") or, without it, before the declaration, up to now.

export interface ChangeWindow {
  since: string;
  until: string;
}

const HOUR_MS = 3_600_000;

export function changeWindow(start: string, lookbackHours: number, now: Date): ChangeWindow {
  const since = new Date(Date.parse(start) - lookbackHours * HOUR_MS);
  return { since: isoSeconds(since), until: isoSeconds(now) };
}

export function inWindow(at: string, window: ChangeWindow): boolean {
  const t = Date.parse(at);
  return Number.isFinite(t) && t >= Date.parse(window.since) && t <= Date.parse(window.until);
}

export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

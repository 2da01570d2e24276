// Scenario builders for core tests: an incident issue as the reducer reads it.
import type { CommentRecord, IssueEventRecord, IssueRecord, IssueSnapshot } from "../../src/core/types.js";

let nextId = 1000;

export function at(minute: number): string {
  return new Date(Date.UTC(2026, 10, 23, 14, 0) + minute * 60_000).toISOString();
}

export function issue(overrides: Partial<IssueRecord> = {}): IssueRecord {
  return {
    number: 7,
    title: "Checkout is down",
    body: "Customers see 502 on /checkout.",
    state: "open",
    stateReason: null,
    author: "alice",
    labels: ["incident"],
    assignees: [],
    createdAt: at(0),
    closedAt: null,
    htmlUrl: "https://github.com/acme/shop/issues/7",
    ...overrides,
  };
}

export function comment(author: string, body: string, minute: number, overrides: Partial<CommentRecord> = {}): CommentRecord {
  const id = overrides.id ?? nextId++;
  return {
    id,
    author,
    authorIsBot: author.endsWith("[bot]"),
    body,
    createdAt: at(minute),
    updatedAt: at(minute),
    htmlUrl: `https://github.com/acme/shop/issues/7#issuecomment-${id}`,
    ...overrides,
  };
}

export function event(
  kind: IssueEventRecord["event"],
  actor: string,
  minute: number,
  extra: Partial<IssueEventRecord> = {},
): IssueEventRecord {
  return {
    id: extra.id ?? nextId++,
    event: kind,
    actor,
    actorIsBot: actor.endsWith("[bot]"),
    createdAt: at(minute),
    ...extra,
  };
}

export function snapshot(parts: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return { issue: issue(), comments: [], events: [event("labeled", "alice", 0, { label: "incident" })], ...parts };
}

/** Deterministic PRNG (mulberry32) for property tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

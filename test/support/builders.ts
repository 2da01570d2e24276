// Scenario builders for core tests: an incident issue as the reducer reads it.
import type {
  CommentRecord,
  IssueEventRecord,
  IssueRecord,
  IssueSnapshot,
} from "../../src/core/types.js";

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

export function comment(
  author: string,
  body: string,
  minute: number,
  overrides: Partial<CommentRecord> = {},
): CommentRecord {
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
  return {
    issue: issue(),
    comments: [],
    events: [event("labeled", "alice", 0, { label: "incident" })],
    ...parts,
  };
}

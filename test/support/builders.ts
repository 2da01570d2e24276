// Scenario builders for core tests: an incident issue as the reducer reads it.
import type {
  ActionItem,
  CommentRecord,
  IssueEventRecord,
  IssueRecord,
  IssueSnapshot,
} from "../../src/core/types.js";

let nextId = 1000;

/** An action item in acme/shop as the record reads it: open, `owner` its one assignee. */
export function actionItem(
  number: number,
  title: string,
  { owner = null, ...overrides }: Partial<ActionItem> & { owner?: string | null } = {},
): ActionItem {
  return {
    id: number * 100,
    number,
    repo: null,
    title,
    state: "open",
    stateReason: null,
    assignees: owner ? [owner] : [],
    createdAt: at(0),
    closedAt: null,
    htmlUrl: `https://github.com/acme/shop/issues/${number}`,
    ...overrides,
  };
}

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

// The simulated repository's records: what the simulator stores, before rendering
// (render/) turns it into GitHub's REST shapes. Types only, so every layer can import it.
import type { PermissionLevel } from "./permissions.js";
import type { Repository, ReactionContent, SimpleUser } from "./shapes.js";

export type UserType = "User" | "Bot" | "Organization";

export interface UserRecord {
  login: string;
  id: number;
  nodeId: string;
  type: UserType;
  /** Role on the repository; undefined for users without access. */
  permission?: PermissionLevel;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export type TimelineRef = { kind: "comment"; id: number } | { kind: "event"; id: number };

export interface IssueRecord {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: number[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  isPull: boolean;
  timeline: TimelineRef[];
  parent?: number;
  subIssues: number[];
}

export interface CommentRecord {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface EventRecord {
  id: number;
  nodeId: string;
  issueNumber: number;
  event: string;
  actor: string;
  createdAt: string;
  label?: { name: string; color: string };
  assignee?: string;
  stateReason?: string | null;
  rename?: { from: string; to: string };
  commitId?: string;
  requestedReviewer?: string;
}

export interface ReactionRecord {
  id: number;
  nodeId: string;
  commentId: number;
  user: string;
  content: ReactionContent;
  createdAt: string;
}

export interface PullRecord {
  number: number;
  id: number;
  nodeId: string;
  head: string;
  base: string;
  /** Last known shas, used when a branch is gone. */
  headSha: string;
  baseSha: string;
  draft: boolean;
  maintainerCanModify: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
}

/** Who a request acts as. */
export type Actor = { kind: "user"; login: string } | { kind: "app" } | { kind: "anonymous" };

export type WebhookEventName =
  "issues" | "issue_comment" | "pull_request" | "deployment_status" | "release" | "workflow_run";

export type WebhookPayload = {
  action: string;
  sender: SimpleUser;
  repository: Repository;
  installation: { id: number; node_id: string };
} & Record<string, unknown>;

export interface Delivery {
  /** The `X-GitHub-Delivery` GUID. */
  id: string;
  /** The `X-GitHub-Event` name. */
  name: WebhookEventName;
  payload: WebhookPayload;
}

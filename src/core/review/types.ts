// What the sweep and the report read from GitHub, reduced to what their decisions need.
import type { ActionItem, Login } from "../types.js";

/** An issue as a label listing returns it (incidents, review issues, action items, the
 * report issue): src/github/list-issues.ts reads it. */
export interface ListedIssue {
  id: number;
  number: number;
  title: string;
  /** "" when GitHub has no body. */
  body: string;
  state: "open" | "closed";
  /** `completed`, `not_planned`, … when closed. */
  stateReason: string | null;
  labels: string[];
  assignees: Login[];
  author: Login;
  authorIsBot: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  htmlUrl: string;
  /** GitHub's count of sub-issues and closed ones; null when GitHub gave none. */
  subIssues: { total: number; completed: number } | null;
  /** Number of the parent issue in this repository, when it is a sub-issue. */
  parent: number | null;
}

/** A comment on a review issue, as read to find the cycles already run. */
export interface ReviewComment {
  author: Login;
  authorIsBot: boolean;
  body: string;
}

/** `#12`, or `acme/api#12` for an item in another repository. */
export function itemRef(item: Pick<ActionItem, "number" | "repo">): string {
  return `${item.repo ?? ""}#${item.number}`;
}

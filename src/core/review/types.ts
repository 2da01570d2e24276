// What the sweep reads from GitHub, reduced to what the review policy needs.
import type { Login } from "../login.js";

/** An issue as a label listing returns it (incidents, review issues). */
export interface ListedIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  assignees: Login[];
  author: Login;
  authorIsBot: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** GitHub's count of sub-issues and closed ones; null when GitHub gave none. */
  subIssues: { total: number; completed: number } | null;
  /** Number of the parent issue in this repository, when it is a sub-issue. */
  parent: number | null;
}

/** A sub-issue of an incident: an action item. */
export interface ActionItem {
  id: number;
  number: number;
  /** `owner/name` when the item lives in another repository, else null. */
  repo: string | null;
  title: string;
  state: "open" | "closed";
  /** `completed`, `not_planned`, `duplicate`, … when closed. */
  stateReason: string | null;
  assignees: Login[];
  createdAt: string;
  closedAt: string | null;
  htmlUrl: string;
  /** Why it was closed as not planned (see close-reason.ts); null when nobody said;
   * absent when not read (it is read only for items closed so). */
  closeReason?: string | null;
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

// The incident's review issue, as the record links it: named by hereby's own comment on
// the incident when the review first opened (a person's copy of the marker counts not).
import { findMarkers } from "../markers.js";
import { isOwnComment, resolveSelf } from "../self.js";
import type { CommentRecord } from "../types.js";

export function reviewIssueOf(comments: CommentRecord[], self?: string | null): number | null {
  const own = resolveSelf(comments, self);
  let found: number | null = null;
  for (const c of comments) {
    if (!isOwnComment(c, own)) continue;
    for (const m of findMarkers(c.body))
      if (m.kind === "reviewissue" && /^\d+$/.test(m.key)) found = Number(m.key);
  }
  return found;
}

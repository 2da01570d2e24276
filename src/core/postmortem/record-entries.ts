// The postmortem's place in the incident record, derived like everything else from the
// issue: hereby's own "opened" and "merged" comments (their markers name the pull
// request). Only comments by hereby's identity count; a person quoting a marker adds
// nothing.
import { findMarkers } from "../markers.js";
import { isOwnComment } from "../self.js";
import type { CommentRecord, Login, TimelineEntry } from "../types.js";

export interface PostmortemLink {
  number: number;
  /** When hereby saw it merged; null while it is not. */
  mergedAt: string | null;
}

export function postmortemRecord(
  comments: CommentRecord[],
  self: Login | null,
): { link: PostmortemLink | null; entries: TimelineEntry[] } {
  let link = null as PostmortemLink | null;
  const entries: TimelineEntry[] = [];
  for (const c of comments) {
    if (!isOwnComment(c, self)) continue;
    for (const m of findMarkers(c.body)) {
      const found = m.kind === "postmortem" ? /^(opened|merged):(\d+)$/.exec(m.key) : null;
      if (!found?.[1] || !found[2]) continue;
      const number = Number(found[2]);
      const merged = found[1] === "merged";
      link = {
        number,
        mergedAt: merged ? c.createdAt : link?.number === number ? link.mergedAt : null,
      };
      const text = merged ? `Postmortem merged: #${number}` : `Postmortem opened: #${number}`;
      entries.push({
        at: c.createdAt,
        kind: "postmortem",
        text,
        by: c.author,
        source: `comment:${c.id}`,
        url: c.htmlUrl,
      });
    }
  }
  return { link, entries };
}

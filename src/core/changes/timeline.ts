// Kept changes on the incident's timeline: at the change's own time, attributed to the
// person who kept it, with the change's link. Read from hereby's own changes comment
// only: hereby writes a keeper there after GitHub said they have the permission.
import type { CommentRecord, Login, TimelineEntry } from "../types.js";
import { isOwnComment } from "../self.js";
import { parseChanges } from "./comment.js";
import { KIND_LABEL, type Change } from "./types.js";

export function keptChanges(comments: CommentRecord[], self: Login | null): TimelineEntry[] {
  const own = changesComment(comments, self);
  const list = own ? parseChanges(own.body) : null;
  return (list?.entries ?? []).flatMap((e) =>
    e.kept
      ? [
          {
            at: e.change.at,
            kind: "change" as const,
            text: changeText(e.change),
            by: e.kept.by,
            source: `change:${e.change.key}`,
            url: e.change.url,
          },
        ]
      : [],
  );
}

/** `deploy production: v2.31 (success) in acme/shop`. */
export function changeText(c: Change): string {
  const what = c.deploy
    ? `${c.deploy.environment}: ${c.title}${c.deploy.state ? ` (${c.deploy.state})` : ""}`
    : c.title;
  return `${KIND_LABEL[c.kind]} ${what} in ${c.repo}`;
}

/** The comment holding the list, among hereby's own. */
export function changesComment(
  comments: CommentRecord[],
  self: Login | null,
): CommentRecord | undefined {
  return comments.find((c) => isOwnComment(c, self) && c.body.startsWith("<!-- hereby:changes "));
}

// Which comments and events are hereby's own. The App knows its login (`<slug>[bot]`);
// otherwise it is whoever wrote the declaration checklist, so an Action running with an
// app token or a personal access token still recognises its own writes.
import type { CommentRecord, Login } from "./types.js";

const CHECKLIST = "<!-- hereby:checklist";

export function resolveSelf(comments: CommentRecord[], given?: Login | null): Login | null {
  if (given) return given.toLowerCase();
  const author = comments.find((c) => c.body.includes(CHECKLIST))?.author;
  return author ? author.toLowerCase() : null;
}

/** A comment hereby wrote (or another bot: bots' comments never carry commands). */
export function isOwnComment(comment: CommentRecord, self: Login | null): boolean {
  return comment.authorIsBot || (self !== null && comment.author.toLowerCase() === self);
}

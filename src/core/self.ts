// Which comments and events are hereby's own. The App knows its login (`<slug>[bot]`,
// from GET /app) and so does an Action run with a person's token (GET /user). Otherwise
// hereby is the bot that wrote its marked comments: the declaration checklist is its
// first write on an issue, so before it exists no event on the issue is hereby's.
// People can't be taken for hereby by quoting a marker: only bots' comments count.
import type { CommentRecord, Login } from "./types.js";

const MARKER = "<!-- hereby:";

export function resolveSelf(comments: CommentRecord[], given?: Login | null): Login | null {
  if (given) return given.toLowerCase();
  const author = comments.find((c) => c.authorIsBot && c.body.startsWith(MARKER))?.author;
  return author ? author.toLowerCase() : null;
}

/** A comment hereby wrote: its markers count, its text is never read as commands. */
export function isOwnComment(comment: CommentRecord, self: Login | null): boolean {
  return self ? comment.author.toLowerCase() === self : false;
}

/** An event hereby caused (unknown self: none, as nothing is written before the checklist). */
export function isOwnEvent(actor: Login, self: Login | null): boolean {
  return self !== null && actor.toLowerCase() === self;
}

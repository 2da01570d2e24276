// Which comments and events are hereby's own. "Ours" is decided by who wrote it, never by
// what it says: a marker or a hidden list anyone can type grants nothing.
// - The App knows its login (`<slug>[bot]`, from GET /app), and that identity is its own.
// - An Action run with a person's token knows the login from GET /user; with the
//   workflow's GITHUB_TOKEN it is the bot that wrote hereby's marked comments (the
//   checklist is its first write on an issue, so before it exists nothing is hereby's).
//   Both identities are shared (the person, every other workflow), so only writes that
//   carry hereby's mark are its own: comments that start with its marker, and label and
//   state changes that match what the record asked for (see reducer.ts).
import type { CommentRecord, Login } from "./types.js";

const MARKER = "<!-- hereby:";

export function resolveSelf(comments: CommentRecord[], given?: Login | null): Login | null {
  if (given) return given.toLowerCase();
  const author = comments.find((c) => c.authorIsBot && c.body.startsWith(MARKER))?.author;
  return author ? author.toLowerCase() : null;
}

/** Whether others write as hereby's identity too: the workflow's `github-actions[bot]`
 * (unknown login: every workflow of the repository) or a person's token. */
export function selfIsShared(given?: Login | null): boolean {
  if (!given) return true;
  const login = given.toLowerCase();
  return !login.endsWith("[bot]") || login === "github-actions[bot]";
}

/** A comment hereby wrote: by its identity and carrying its mark. Its markers count, and
 * its text is never read as commands. */
export function isOwnComment(comment: CommentRecord, self: Login | null): boolean {
  return self !== null && comment.author.toLowerCase() === self && comment.body.startsWith(MARKER);
}

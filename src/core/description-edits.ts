// A person's description edit saved between hereby's read of the issue and its PATCH
// would be overwritten: the REST API has no conditional update. What hereby writes
// outside the block is only ever the users' text it read, so two bodies whose users'
// parts differ tell that someone edited in between. These pure helpers decide how to
// put the person's text back around the record.
import { BLOCK_END, BLOCK_START, marker, textHash } from "./markers.js";
import { userText } from "./record.js";

/** The block of a body, markers included, or "" when it has none. */
function blockOf(body: string): string {
  const start = body.lastIndexOf(BLOCK_START);
  const end = start < 0 ? -1 : body.indexOf(BLOCK_END, start);
  return end < 0 ? "" : body.slice(start, end + BLOCK_END.length);
}

/** Users' parts compared as hereby writes them (it adds a blank line before a new block). */
export function sameUsersText(a: string | null, b: string | null): boolean {
  return userText(a).trimEnd() === userText(b).trimEnd();
}

/** `usersBody`'s own text (byte for byte) around the record block of `recordBody`. */
export function withUsersText(usersBody: string | null, recordBody: string): string {
  const users = usersBody ?? "";
  const block = blockOf(recordBody);
  if (block === "") return users;
  const old = blockOf(users);
  if (old !== "") {
    const at = users.lastIndexOf(old);
    return users.slice(0, at) + block + users.slice(at + old.length);
  }
  return users.length > 0 ? `${users}\n\n${block}` : block;
}

const restoredKey = (body: string): string => textHash(userText(body));

/** Marks a body written to put a person's text back, so its own `edited` webhook,
 * whose `from` holds the overwritten text, is not taken for another lost edit. */
function markRestored(body: string): string {
  const at = body.lastIndexOf(BLOCK_START);
  if (at < 0) return body;
  const cut = at + BLOCK_START.length;
  return `${body.slice(0, cut)}\n${marker("restored", restoredKey(body))}${body.slice(cut)}`;
}

function isRestore(body: string): boolean {
  return blockOf(body).includes(marker("restored", restoredKey(body)));
}

export interface OwnEdit {
  /** The body just before hereby's write (`changes.body.from`). */
  from: string | null;
  /** The body hereby wrote (the webhook's `issue.body`). */
  written: string | null;
  /** The body as it is now. */
  current: string | null;
}

/**
 * After one of hereby's own body writes: the body that puts back the person's text it
 * overwrote, or null when nothing was lost (or a newer edit already stands).
 */
export function restoreOverwrittenEdit(edit: OwnEdit): string | null {
  const written = edit.written ?? "";
  if (sameUsersText(edit.from, written) || isRestore(written)) return null;
  // Changed again since (by a person, or put back already): the newest text stands.
  if (!sameUsersText(edit.current, written)) return null;
  return markRestored(withUsersText(edit.from, edit.current ?? ""));
}

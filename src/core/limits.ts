// GitHub's size limits for what hereby writes. Every comment body passes through
// `fitComment` on its way out; the issue body is fitted by the record (record.ts), which
// never cuts the users' own text.

/** GitHub answers 422 for a comment or issue body longer than this (characters). */
export const MAX_BODY = 65_536;

const CUT_NOTE = "\n\n_…shortened: GitHub takes at most 65,536 characters in one comment._";

/**
 * The body whole when it fits, else cut at the last line break that leaves room for a
 * note saying so. hereby's marker opens every comment, so it survives the cut.
 */
export function fitComment(body: string): string {
  if (body.length <= MAX_BODY) return body;
  const room = MAX_BODY - CUT_NOTE.length;
  const lineEnd = body.lastIndexOf("\n", room);
  let cut = lineEnd > room / 2 ? lineEnd : room;
  // Never split a surrogate pair.
  const last = body.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return body.slice(0, cut) + CUT_NOTE;
}

// The incident's title where hereby copies it: anyone who can open an issue (or use the
// form) writes it, so a handle or a token in it must not reach a pull request title, a
// commit message (git keeps it forever), a file name, the postmortem's heading, its
// diagram, or the sweep's table. Every destination gets the same secret redaction
// (src/core/redact.ts); in the postmortem, people are named by role as well.
import { redactSecrets } from "../redact.js";
import { blameless, type Cast } from "./blameless.js";

/** The title with every secret replaced by `[redacted <kind>]`, trimmed. */
export function redactedTitle(title: string): string {
  return redactSecrets(title).text.trim();
}

/** The title as the postmortem (its file, branch commit and pull request) shows it:
 * secrets redacted, people by their blameless names. */
export function postmortemTitleText(title: string, cast: Cast): string {
  return blameless(redactedTitle(title), cast).trim();
}

/** Words a file name may keep: short ones (`s3`, `ipv6`, `http2`), longer ones of letters
 * only, numbers of up to nine digits. A long mix of letters and digits (a token redaction
 * did not know, a hash) goes. */
const SAFE_WORD = /^(?:[a-z0-9]{1,8}|[a-z]{9,30}|[0-9]{9})$/;

// Any word with an at sign in it (a handle, an address, `&#64;bob`): a file name needs
// no person, and which role they had depends on the record at the time.
const WITH_AT = /\S*(?:[@\uFF20\uFE6B]|&(?:#0*64|#x0*40|commat);)\S*/gi;

/** Lower-case ASCII words of a title for a file name, at most 50 characters in all:
 * secrets taken out first, words with an at sign left out. */
export function slugWords(title: string): string[] {
  const words = redactedTitle(title)
    .replace(/\[redacted [^\]]*\]/g, " ")
    .replace(WITH_AT, " ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => SAFE_WORD.test(w));
  const kept: string[] = [];
  let length = 0;
  for (const word of words) {
    if (length + word.length + (kept.length ? 1 : 0) > 50) break;
    length += word.length + (kept.length ? 1 : 0);
    kept.push(word);
  }
  return kept;
}

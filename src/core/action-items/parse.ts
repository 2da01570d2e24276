// `/action <title> [@owner]`, `/action #N` and `/action owner/repo#N`: the arguments of
// an /action line. Pure: whether #N exists, and where, is checked after reading it.
import type { Login } from "../login.js";

export type ActionRequest =
  | { kind: "new"; title: string; owner: Login | null }
  | { kind: "link"; repo: { owner: string; repo: string } | null; number: number };

/** GitHub's limit on issue titles, less room for nothing: titles are used as written. */
const MAX_TITLE = 256;
const LOGIN = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})[.,;:!?]*$/;
const REF = /^(?:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100}))?#(\d{1,9})$/;

/** The request, or an error sentence. `author` is what `@me` means. */
export function parseActionArgs(args: string, author: Login): ActionRequest | string {
  const text = args.trim();
  if (text === "") return "missing title: say what should be done, e.g. /action Alert when the gateway returns 5xx @alice";
  const ref = REF.exec(text);
  if (ref) {
    const number = Number(ref[3]);
    if (number === 0) return `"${text}" is not an issue: issue numbers start at 1`;
    return { kind: "link", repo: ref[1] ? { owner: ref[1], repo: ref[2]! } : null, number };
  }
  const words = text.split(/\s+/);
  const last = LOGIN.exec(words.at(-1) ?? "");
  const owner = last ? (last[1]!.toLowerCase() === "me" ? author : last[1]!) : null;
  const title = (last ? words.slice(0, -1) : words).join(" ");
  if (title === "") return "missing title before the owner: /action <title> [@owner]";
  if (title.length > MAX_TITLE) return `the title is ${title.length} characters; GitHub allows ${MAX_TITLE}: shorten it, and put details in the issue`;
  return { kind: "new", title, owner };
}

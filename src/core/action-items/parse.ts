// `/action <title> [@owner]`, `/action #N` and `/action owner/repo#N`: the arguments of
// an /action line. Pure: whether #N exists, and where, is checked after reading it.
import type { ActionRequest, Login } from "../types.js";

/** GitHub's limit on issue titles, less room for nothing: titles are used as written. */
const MAX_TITLE = 256;
const LOGIN = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})[.,;:!?]*$/;
const WONTFIX = /^wontfix(?:\s+(\S+))?(?:\s+([\s\S]*))?$/i;
const REF = /^(?:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100}))?#(\d{1,9})$/;

/** The request, or an error sentence. `author` is what `@me` means. */
export function parseActionArgs(args: string, author: Login): ActionRequest | string {
  const text = args.trim();
  if (text === "")
    return (
      "missing title: say what should be done, e.g. /action Alert when the " +
      "gateway returns 5xx @alice"
    );
  const wontfix = WONTFIX.exec(text);
  if (wontfix) return parseWontfix(wontfix[1] ?? "", (wontfix[2] ?? "").trim());
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
  if (title.length > MAX_TITLE)
    return (
      `the title is ${title.length} characters; GitHub allows ${MAX_TITLE}: ` +
      `shorten it, and put details in the issue`
    );
  return { kind: "new", title, owner };
}

const WONTFIX_USAGE =
  "/action wontfix #N <reason>, e.g. /action wontfix #42 replaced by the new pipeline";

/** `wontfix #N <reason>`: the item in this repository, and a reason the review can show. */
function parseWontfix(ref: string, reason: string): ActionRequest | string {
  const m = /^#(\d{1,9})$/.exec(ref);
  if (!m)
    return ref === ""
      ? `missing item: ${WONTFIX_USAGE}`
      : `"${ref}" is not an action item of this repository: ${WONTFIX_USAGE}`;
  const number = Number(m[1]);
  if (number === 0) return `"${ref}" is not an issue: issue numbers start at 1`;
  if (reason === "")
    return (
      `missing reason: say why #${number} won't be done (the review and the ` +
      `close-out show it): ${WONTFIX_USAGE}`
    );
  return { kind: "wontfix", number, reason: reason.slice(0, 1000) };
}

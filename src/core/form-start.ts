// The issue form's "When did it start?" once the incident is declared. Anyone who can edit
// the issue (its author, whatever their access) can change the answer, so an edit moves
// the impact start and the first timeline entry only when GitHub says its sender holds the
// commands' permission. hereby answers each edit with a comment whose marker holds the
// start that stands (`formstart <iso|none>@<a|r><hash>`: applied or refused); its own
// comments are the memory, since the body's answer may be the refused one. Pure.
import type { Config } from "../config.js";
import { readIncidentForm } from "./incident-form.js";
import { findMarkers, marker, textHash } from "./markers.js";
import { userText } from "./record.js";
import { utcMinute } from "./record-time.js";
import { isOwnComment } from "./self.js";
import type { CommentRecord, Login, TimelineEntry } from "./types.js";

export interface FormStartFacts {
  /** The start that stands (null: none); undefined when no edit was answered yet (the
   * body's answer stands). */
  formStart: string | null | undefined;
  /** Each answered edit, as a timeline entry at the time of hereby's answer. */
  formEdits: TimelineEntry[];
}

export function formStartFacts(comments: CommentRecord[], self: Login | null): FormStartFacts {
  let formStart: string | null | undefined;
  const formEdits: TimelineEntry[] = [];
  for (const c of comments) {
    if (!isOwnComment(c, self)) continue;
    const m = findMarkers(c.body).find((k) => k.kind === "formstart");
    const at = m ? /^([^@]+)@[ar]/.exec(m.key)?.[1] : undefined;
    if (!at) continue;
    formStart = at === "none" ? null : at;
    const text =
      c.body
        .replace(/<!--[\s\S]*?-->/g, "")
        .trim()
        .split("\n")[0] ?? "";
    formEdits.push({
      at: c.createdAt,
      kind: "note",
      text,
      by: c.author,
      source: `comment:${c.id}`,
      url: c.htmlUrl,
    });
  }
  return { formStart, formEdits };
}

/** The form's start in a body (ISO), or null. */
export function formStartIn(
  body: string | null,
  config: Config,
  opened: { at: string; by: string },
): string | null {
  return readIncidentForm(userText(body), config, opened)?.startedAt ?? null;
}

const shown = (iso: string | null) => (iso ? `${utcMinute(iso)} UTC` : "no time");

/** hereby's answer to an edit of the form's start from `before` to `after` by `sender`. */
export function formEditReply(edit: {
  before: string | null;
  after: string | null;
  sender: Login;
  allowed: boolean;
  required: string;
  body: string;
}): { body: string; marker: string } {
  const standing = edit.allowed ? edit.after : edit.before;
  const hash = textHash(`${edit.sender}\n${edit.body}`);
  const key = `${standing ?? "none"}@${edit.allowed ? "a" : "r"}${hash}`;
  const mark = marker("formstart", key);
  const line = edit.allowed
    ? `Impact start moved to ${shown(edit.after)}: @${edit.sender} edited the ` +
      `form's "When did it start?" (it was ${shown(edit.before)}).`
    : `@${edit.sender} edited the form's "When did it start?" to ` +
      `${shown(edit.after)}: not applied, it stays ${shown(edit.before)}.`;
  const why = edit.allowed
    ? []
    : [
        "",
        `Moving the impact start needs **${edit.required}** access; someone with it ` +
          `can edit the form again or post \`/started <time>\`.`,
      ];
  return { marker: mark, body: [mark, line, ...why].join("\n") };
}

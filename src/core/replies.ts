// The words the bot says in comments. Each reply carries a marker naming what it answers.
import type { ConfigError } from "../config.js";
import { escapeConfigMessage, escapeMessage, truncate } from "./escape.js";
import { marker, textHash } from "./markers.js";
import { redactSecrets } from "./redact.js";
import type { CommandLine } from "./types.js";

type Rejected = Extract<CommandLine, { ok: false }>;

/** A user's line shown in a code span: entities aren't decoded there, so angle brackets
 * become look-alikes (no marker can be smuggled into the bot's own comment). */
function codeSpan(text: string): string {
  // Secrets are redacted here too: the bot's own comment can't be edited by its author.
  const clean = redactSecrets(text.trim()).text;
  const inner = truncate(clean, 200).replace(/`/g, "'").replace(/</g, "‹").replace(/>/g, "›");
  const span = `\`${inner}\``;
  // A long line is quoted in part, and says so.
  return clean.length > 200 ? `${span} (shortened)` : span;
}

export function rejectionReply(
  commentId: number,
  body: string,
  bad: Rejected[],
): { body: string; marker: string } {
  const mark = marker("rejected", `${commentId}@${textHash(body)}`);
  const lines = bad.map(
    (l) =>
      `- line ${l.line}: ${codeSpan(l.raw)}: ` +
      `${escapeMessage(redactSecrets(l.error).text)}\n  usage: \`${l.usage}\``,
  );
  return {
    marker: mark,
    body: [
      mark,
      `Nothing in [your comment](#issuecomment-${commentId}) was applied: ` +
        `${bad.length === 1 ? "one command was" : `${bad.length} commands were`} not understood.`,
      "",
      ...lines,
      "",
      "Fix the comment (editing it works) or post the commands again. `/help` lists every command.",
    ].join("\n"),
  };
}

/** The refusal names the revision it answered: an edit (access may have been granted)
 * is checked again, and refused again only once per revision. */
export function refusalReply(
  commentId: number,
  author: string,
  required: string,
  commentBody: string,
): { body: string; marker: string } {
  const mark = marker("refused", `${commentId}@${textHash(commentBody)}`);
  return {
    marker: mark,
    body: [
      mark,
      `Sorry @${author}, incident commands need at least **${required}** access to ` +
        `this repository, so nothing in [your comment](#issuecomment-${commentId}) was ` +
        `applied. Ask a maintainer to run it, or to grant you ${required} access.`,
    ].join("\n"),
  };
}

export function secretReply(
  commentId: number,
  author: string,
  kinds: string[],
): { body: string; marker: string } {
  const mark = marker("secret", `${commentId}`);
  return {
    marker: mark,
    body: [
      mark,
      `@${author}: [your comment](#issuecomment-${commentId}) contains what looks ` +
        `like a secret (${kinds.join(", ")}). It was redacted from the incident ` +
        `record, but the comment and its edit history still hold it: **rotate it ` +
        `now**, then edit the comment to remove it (and ask a maintainer to delete the ` +
        `edit history).`,
    ].join("\n"),
  };
}

export function configReply(error: ConfigError): { body: string; marker: string } {
  const mark = marker("config", textHash(error.message));
  return {
    marker: mark,
    body: [
      mark,
      `hereby could not act on this incident: \`${error.file}\` is not valid, so ` +
        `nothing was changed.`,
      "",
      ...error.problems.map((p) => `- ${escapeConfigMessage(p)}`),
      "",
      "Fix the file on the default branch; the next command or change will be handled as usual.",
    ].join("\n"),
  };
}

export function helpReply(commentId: number, help: string): { body: string; marker: string } {
  const mark = marker("help", `${commentId}`);
  return { marker: mark, body: `${mark}\n${help}` };
}

export function notifyComment(
  key: string,
  level: string,
  handles: string[],
  raised: boolean,
): { body: string; marker: string } {
  const mark = marker("notify", key);
  return {
    marker: mark,
    body: [
      mark,
      `${handles.join(" ")}: this incident ` +
        `${raised ? "was raised to" : "was declared at"} **${level}** severity.`,
    ].join("\n"),
  };
}

/** A close, reopen or incident-label removal by someone below the permission: what hereby
 * did about it. */
export function stateRefusalReply(
  eventId: number,
  actor: string,
  required: string,
  event: string,
  label = "incident",
): { body: string; marker: string } {
  const mark = marker("refused", `event:${eventId}`);
  const [undone, redone, ask] =
    event === "unlabeled"
      ? [
          `removed the \`${label.replace(/`/g, "")}\` label, but cancelling this incident`,
          "put the label back",
          "`/cancel` it",
        ]
      : event === "closed"
        ? ["closed this incident, but resolving it", "reopened it", "`/resolve` it"]
        : ["reopened this incident, but reopening it", "closed it again", "reopen it"];
  return {
    marker: mark,
    body: [
      mark,
      `@${actor} ${undone} needs at least **${required}** access to this ` +
        `repository, so hereby ${redone} and recorded the change on the timeline. Ask ` +
        `a maintainer to ${ask}.`,
    ].join("\n"),
  };
}

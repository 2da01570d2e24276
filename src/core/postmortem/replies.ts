// Every comment the postmortem planner writes on the incident, each with its marker so a
// redelivered event never posts it twice. Markers of `opened` and `merged` are also how
// the record finds the pull request again (see record-entries.ts).
import { structuredPatch } from "diff";
import { escapeText } from "../escape.js";
import { marker, textHash } from "../markers.js";

export interface Reply {
  body: string;
  marker: string;
}

function reply(key: string, lines: string[]): Reply {
  const mark = marker("postmortem", key);
  return { marker: mark, body: [mark, ...lines].join("\n") };
}

export function openedReply(
  pull: number,
  path: string,
  base: string,
  defaultIsMain: boolean,
): Reply {
  const against = defaultIsMain ? "" : ` It targets \`${base}\`, this repository's default branch.`;
  return reply(`opened:${pull}`, [
    `📝 Postmortem draft opened: #${pull}, in \`${path}\`.${against}`,
    "",
    "Write it there, and review it like code. `/postmortem` refreshes the draft from this record until someone pushes to its branch.",
  ]);
}

export function mergedReply(pull: number, mergedAt: string): Reply {
  return reply(`merged:${pull}`, [
    `✅ Postmortem #${pull} merged (${mergedAt.slice(0, 16).replace("T", " ")} UTC).`,
  ]);
}

/** The answer to `/postmortem` when its pull request is open already. */
export function refreshReply(
  pull: number,
  commentId: number,
  outcome: "refreshed" | "current" | "theirs",
): Reply {
  const text = {
    refreshed: `🔄 Refreshed the draft in #${pull} from this record (one commit).`,
    current: `The draft in #${pull} is up to date with this record: nothing to commit.`,
    theirs: `Someone has pushed to #${pull}, so the file is theirs, and the record has nothing new since hereby's last draft.`,
  }[outcome];
  return reply(`refresh:${pull}-${commentId}`, [text]);
}

/** The answer to `/postmortem` on a cancelled incident. */
export function cancelledReply(commentId: number): Reply {
  return reply(`cancelled-${commentId}`, [
    "This incident is cancelled (declared in error): it gets no postmortem. Reopen the issue, or add the incident label again, to bring it back.",
  ]);
}

export function alreadyMergedReply(pull: number, commentId: number): Reply {
  return reply(`already-merged:${pull}-${commentId}`, [
    `The postmortem was merged in #${pull}: hereby opens one per incident. Edit the file on the default branch with a new pull request.`,
  ]);
}

export function closedReply(pull: number, key: string): Reply {
  return reply(`closed:${pull}-${key}`, [
    `The postmortem pull request #${pull} was closed without merging, so hereby doesn't open another (one per incident). Reopen #${pull} to continue, then \`/postmortem\` refreshes it.`,
  ]);
}

export function templateReply(problems: string[], path: string, hash: string): Reply {
  return reply(`template:${hash}`, [
    `hereby can't render the postmortem: \`${path}\` has ${problems.length === 1 ? "a problem" : "problems"}.`,
    "",
    ...problems.map((p) => `- ${escapeText(p)}`),
    "",
    "Fix the file (docs/postmortem-template.md lists every variable), then comment `/postmortem`. Nothing was opened.",
  ]);
}

/** The repository's template can't be rendered safely: the default one was used. */
export function fallbackTemplateReply(problems: string[], path: string, hash: string): Reply {
  return reply(`template-fallback:${hash}`, [
    `hereby used its default postmortem template: \`${path}\` can't be rendered safely.`,
    "",
    ...problems.map((p) => `- ${escapeText(p)}`),
    "",
    "Fix the file (`hereby check-config " +
      path +
      "` checks it), then comment `/postmortem` to redraft with it.",
  ]);
}

export function foreignBranchReply(branch: string, sha: string): Reply {
  return reply(`branch:${sha.slice(0, 12)}`, [
    `The branch \`${branch}\` exists with commits hereby didn't make, and no pull request. hereby leaves it alone: open a pull request from it yourself, or delete the branch and comment \`/postmortem\`.`,
  ]);
}

/** What a refresh would have changed in a file people have edited: a short diff. */
export function diffReply(
  pull: number | null,
  path: string,
  current: string,
  wanted: string,
): Reply {
  const patch = structuredPatch(path, path, current, wanted, "", "", { context: 1 });
  const lines = patch.hunks.flatMap((h) => [
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    ...h.lines,
  ]);
  const MAX = 40;
  const shown = lines.slice(0, MAX);
  const more = lines.length > MAX ? [`… ${lines.length - MAX} more lines`] : [];
  const fence = "`".repeat(Math.max(3, ...[...wanted.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return reply(`diff:${textHash(wanted)}`, [
    `Someone has pushed to the postmortem branch${pull ? ` of #${pull}` : ""}, so hereby leaves \`${path}\` to them. From the record, a refresh would have changed:`,
    "",
    `${fence}diff`,
    ...shown,
    ...more,
    fence,
  ]);
}

/** GitHub failed (5xx, or no answer) in the middle of opening the pull request: what is
 * written stays, and the next event on the incident finishes it (see pendingPostmortem). */
export function pendingReply(status: number | undefined): Reply {
  const answer = status ? `GitHub answered ${status}` : "GitHub did not answer";
  return reply("pending", [
    `⏳ The postmortem pull request is pending: ${answer} while hereby was opening it.`,
    "",
    "Nothing is lost: hereby finishes it from where it stopped on the next command or change on this incident (or comment `/postmortem`).",
  ]);
}

export function failureReply(
  kind: "contents" | "pulls" | "refused" | "limited",
  detail: string,
): Reply {
  const why = {
    // A sentence hereby wrote (the limit and its time), not GitHub's text.
    limited: detail,
    contents:
      "hereby may not write to this repository's contents. The App needs the `contents: write` permission (in the Action: `permissions: contents: write` in the workflow).",
    pulls:
      "hereby may not open pull requests here. The App needs the `pull_requests: write` permission (in the Action: `permissions: pull-requests: write`).",
    refused: `GitHub refused the write: ${escapeText(detail)}`,
  }[kind];
  const next =
    kind === "limited"
      ? "hereby tries again on the next `/postmortem` comment, once that time has passed."
      : "Then comment `/postmortem`.";
  return reply(`failed:${kind}-${textHash(detail)}`, [
    `hereby couldn't open the postmortem pull request: ${why} ${next}`,
  ]);
}

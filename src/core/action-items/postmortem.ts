// A merged postmortem's "Action items": each row or unchecked item that names no issue
// becomes an action-item issue, linked under the incident, and the incident gets one
// comment listing them; then the file names each item's issue. Pure: the markdown comes in
// as text.
import type { Config } from "../../config.js";
import { escapeInline, quietHandle } from "../escape.js";
import { marker } from "../markers.js";
import type { Write } from "../plan.js";
import { redactSecrets } from "../redact.js";
import { isOurs } from "../review/select.js";
import type { ListedIssue } from "../review/types.js";
import { linkItemsToIssues, type ItemIssue } from "./link-back.js";
import { actionItemBody } from "./plan.js";
import { actionItemsFromPostmortem, type PostmortemItem } from "./postmortem-section.js";

export { actionItemsFromPostmortem, type PostmortemItem };

export interface PostmortemFacts {
  /** hereby's newest action items (the label's latest hundred). */
  recent: ListedIssue[];
  /** Open action items the incident has already. */
  openBefore: number;
}

const itemMark = (pullNumber: number, i: number) => marker("action", `pr${pullNumber}.${i + 1}`);

/** The issue hereby opened for an item (the earliest, should a race have made two). */
function madeFor(
  recent: ListedIssue[],
  mark: string,
  self: string | null,
): ListedIssue | undefined {
  return recent
    .filter((r) => isOurs(r.author, r.authorIsBot, self) && r.body.includes(mark))
    .sort((a, b) => a.number - b.number)[0];
}

export interface PostmortemOnBranch {
  path: string;
  sha: string;
  text: string;
  branch: string;
}

/**
 * The follow-up commit naming each item's issue in the merged file, or null when there is
 * nothing to write. `merged` are the items read from the merge commit; the file on the
 * branch must still list the same ones (someone may have edited it since), else it is
 * left alone.
 */
export function planLinkBack(
  incident: number,
  pullNumber: number,
  merged: PostmortemItem[],
  file: PostmortemOnBranch,
  recent: ListedIssue[],
  issueUrl: (n: number) => string,
  self: string | null,
): Write | null {
  const now = actionItemsFromPostmortem(file.text);
  if (now.length !== merged.length || now.some((item, i) => item.title !== merged[i]!.title))
    return null;
  const issues = merged.map((_, i): ItemIssue | null => {
    const made = madeFor(recent, itemMark(pullNumber, i), self);
    return made ? { number: made.number, url: issueUrl(made.number) } : null;
  });
  const content = linkItemsToIssues(file.text, now, issues);
  if (content === file.text) return null;
  const linked = issues.filter(Boolean).map((i) => `#${i!.number}`);
  const message = `Postmortem of #${incident}: link its action items ${linked.join(", ")}`;
  return {
    type: "publishPostmortem",
    incident,
    branch: file.branch,
    base: file.branch,
    createBranchAt: null,
    file: { path: file.path, content, message, sha: file.sha },
    pull: null,
  };
}

/** Issues for the items (once, whatever redelivers the merge) and one comment. */
export function planPostmortemActionItems(
  incident: number,
  pullNumber: number,
  items: PostmortemItem[],
  facts: PostmortemFacts,
  config: Config,
  self: string | null,
): Write[] {
  if (items.length === 0) return [];
  const label = config.labels.action;
  const writes: Write[] = items.flatMap((item, i): Write[] => {
    const mark = itemMark(pullNumber, i);
    const made = madeFor(facts.recent, mark, self);
    if (made)
      return made.parent === incident
        ? []
        : [{ type: "addSubIssue", issue: incident, subIssueId: made.id, child: `#${made.number}` }];
    return [
      {
        type: "createIssue",
        title: redactSecrets(item.title).text,
        body: actionItemBody(mark, incident, `postmortem #${pullNumber}`, item.owner),
        labels: [label],
        assignees: item.owner ? [item.owner] : [],
        marker: mark,
        lookBackLabel: label,
        parent: incident,
      },
    ];
  });
  const mark = marker("actions", `pr${pullNumber}`);
  const ownerOf = (owner: string | null) =>
    owner ? quietHandle(owner) : "no owner yet: who will take it?";
  const list = items.map(
    (i) => `- ${escapeInline(redactSecrets(i.title).text)}: ${ownerOf(i.owner)}`,
  );
  const open = facts.openBefore + writes.filter((w) => w.type === "createIssue").length;
  const note =
    open > config.actions.max
      ? [
          "",
          `This incident now has ${open} open action items. A gentle note: try to ` +
            `narrow them down to about ${config.actions.max}, so that they actually get done.`,
        ]
      : [];
  const body = [
    mark,
    `The postmortem (#${pullNumber}) is merged. Its open action items are now ` +
      `issues, linked here as sub-issues:`,
    "",
    ...list,
    ...note,
  ].join("\n");
  return [...writes, { type: "comment", issue: incident, body, marker: mark }];
}

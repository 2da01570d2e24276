// A merged postmortem's "Action items": each unchecked item that names no issue becomes
// an action-item issue, linked under the incident, and the incident gets one comment
// listing them. Pure: the markdown comes in as text.
import type { Config } from "../../config.js";
import { escapeInline, quietHandle } from "../escape.js";
import { marker } from "../markers.js";
import type { Plan, Write } from "../plan.js";
import { redactSecrets } from "../redact.js";
import { isOurs } from "../review/select.js";
import type { ListedIssue } from "../review/types.js";
import { actionItemBody } from "./plan.js";

export interface PostmortemItem {
  title: string;
  owner: string | null;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const UNCHECKED = /^ {0,3}[-*+]\s+\[ \]\s+(.*)$/;
/** `#12`, `acme/api#12`, or a link to an issue: the item is tracked already. */
const NAMES_ISSUE = /(?:^|[\s(])(?:[\w.-]+\/[\w.-]+)?#\d+\b|\/issues\/\d+/;
const OWNER = /\s+@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})[.,;:!?]*$/;

/** Unchecked items under the "Action items" heading (any level) that name no issue. */
export function actionItemsFromPostmortem(markdown: string): PostmortemItem[] {
  const items: PostmortemItem[] = [];
  let level = 0;
  let fence = false;
  for (const raw of markdown.replace(/<!--[\s\S]*?-->/g, "").split(/\r?\n/)) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(raw)) fence = !fence;
    if (fence) continue;
    const heading = HEADING.exec(raw);
    if (heading) {
      const depth = heading[1]!.length;
      if (/^action items\b/i.test(heading[2]!)) level = depth;
      else if (level > 0 && depth <= level) level = 0;
      continue;
    }
    if (level === 0) continue;
    const item = UNCHECKED.exec(raw);
    if (!item || NAMES_ISSUE.test(item[1]!)) continue;
    const owner = OWNER.exec(item[1]!);
    const title = (owner ? item[1]!.slice(0, owner.index) : item[1]!).trim();
    if (title !== "") items.push({ title: title.slice(0, 256), owner: owner ? owner[1]! : null });
  }
  return items;
}

export interface PostmortemFacts {
  /** hereby's newest action items (the label's latest hundred). */
  recent: ListedIssue[];
  /** Open action items the incident has already. */
  openBefore: number;
}

/** Issues for the items (once, whatever redelivers the merge) and one comment. */
export function planPostmortemActionItems(
  incident: number,
  pullNumber: number,
  items: PostmortemItem[],
  facts: PostmortemFacts,
  config: Config,
  self: string | null,
): Plan {
  if (items.length === 0) return [];
  const label = config.labels.action;
  const writes: Write[] = items.flatMap((item, i): Write[] => {
    const mark = marker("action", `pr${pullNumber}.${i + 1}`);
    const made = facts.recent.filter((r) => isOurs(r.author, r.authorIsBot, self) && r.body.includes(mark)).sort((a, b) => a.number - b.number)[0];
    if (made) return made.parent === incident ? [] : [{ type: "addSubIssue", issue: incident, subIssueId: made.id, child: `#${made.number}` }];
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
  const list = items.map((i) => `- ${escapeInline(redactSecrets(i.title).text)}: ${i.owner ? quietHandle(i.owner) : "no owner yet: who will take it?"}`);
  const open = facts.openBefore + writes.filter((w) => w.type === "createIssue").length;
  const note =
    open > config.actions.max
      ? ["", `This incident now has ${open} open action items. A gentle note: try to narrow them down to about ${config.actions.max}, so that they actually get done.`]
      : [];
  const body = [mark, `The postmortem (#${pullNumber}) is merged. Its open action items are now issues, linked here as sub-issues:`, "", ...list, ...note].join("\n");
  return [...writes, { type: "comment", issue: incident, body, marker: mark }];
}

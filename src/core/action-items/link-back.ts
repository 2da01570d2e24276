// After the merge, the postmortem names each action item's issue: a row's Issue cell
// becomes `[#N](url)` (or the link goes before its text when the table has no Issue
// column), a task line ends with it. Everything else in the file stays as written. Pure.
import { cells, type PostmortemItem } from "./postmortem-section.js";

export interface ItemIssue {
  number: number;
  url: string;
}

const cellText = (cell: string) => cell.replace(/\|/g, "\\|");

function linkedRow(text: string, item: PostmortemItem, link: string): string {
  const indent = /^\s*/.exec(text)![0];
  const row = cells(text);
  const column = item.issueColumn ?? -1;
  if (column >= 0) row[column] = link;
  else row[0] = `${link} ${row[0] ?? ""}`.trim();
  return `${indent}|${row.map((c) => (c === "" ? " " : ` ${cellText(c)} `)).join("|")}|`;
}

/** The file with each item's issue written in; `issues[i]` belongs to `items[i]`. */
export function linkItemsToIssues(
  markdown: string,
  items: PostmortemItem[],
  issues: (ItemIssue | null)[],
): string {
  const lines = markdown.split("\n");
  items.forEach((item, i) => {
    const issue = issues[i];
    const text = lines[item.line];
    if (!issue || text === undefined) return;
    const cr = text.endsWith("\r") ? "\r" : "";
    const bare = cr ? text.slice(0, -1) : text;
    const link = `[#${issue.number}](${issue.url})`;
    lines[item.line] =
      (item.kind === "row" ? linkedRow(bare, item, link) : `${bare.trimEnd()} (${link})`) + cr;
  });
  return lines.join("\n");
}

// A postmortem's "Action items" section, read the way people fill it in: rows of a table
// (the built-in template's) and task-list lines alike. Each names its owner the same way:
// `@handle`, or a name from the People table ("Responder 1"), so the document can stay
// blameless. Pure: the markdown comes in as text; line numbers let the merge write each
// item's issue back into the file.

export interface PostmortemItem {
  title: string;
  owner: string | null;
  /** 0-based line of the row or task line in the file. */
  line: number;
  kind: "row" | "task";
  /** A row's Issue column (where its issue is written back); -1 when the table has none. */
  issueColumn?: number;
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const UNCHECKED = /^ {0,3}[-*+]\s+\[ \]\s+(.*)$/;
/** `#12`, `acme/api#12`, or a link to an issue: the item is tracked already. */
export const NAMES_ISSUE = /(?:^|[\s([])(?:[\w.-]+\/[\w.-]+)?#\d+\b|\/issues\/\d+/;
const HANDLE = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})[.,;:!?]*$/;
const TRAILING_HANDLE = /\s+@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})[.,;:!?]*$/;
const MAX_TITLE = 256;

/** The markdown's lines, HTML comments blanked (line numbers kept) and fences marked. */
function visibleLines(markdown: string): { text: string; code: boolean }[] {
  const blanked = markdown.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ""));
  let fence = false;
  return blanked.split("\n").map((raw) => {
    const text = raw.replace(/\r$/, "");
    const fenceLine = /^ {0,3}(`{3,}|~{3,})/.test(text);
    if (fenceLine) fence = !fence;
    return { text, code: fence || fenceLine };
  });
}

/** A table row's cells, `\|` kept as a literal pipe. */
export function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

const isSeparator = (row: string) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(row);
const isRow = (text: string) => /^ {0,3}\|/.test(text);

/** What is left of a cell once emphasis is taken off: empty for `_…_` and the like. */
function plain(cell: string): string {
  const text = cell.replace(/^[_*\s]+|[_*\s]+$/g, "").trim();
  return text === "…" || text === "..." || text === "-" || text === "—" ? "" : text;
}

/** Name in the People table → login (its last cell holding `@login`). */
export function peopleNames(markdown: string): Map<string, string> {
  const names = new Map<string, string>();
  let inPeople = false;
  for (const { text, code } of visibleLines(markdown)) {
    const heading = code ? null : HEADING.exec(text);
    if (heading) inPeople = /^people\b/i.test(heading[2]!);
    if (!inPeople || !isRow(text) || isSeparator(text)) continue;
    const row = cells(text);
    const handle = [...row]
      .reverse()
      .map((c) => HANDLE.exec(c))
      .find(Boolean);
    if (handle && row[0]) names.set(plain(row[0]).toLowerCase(), handle[1]!);
  }
  return names;
}

/** An owner as written: `@handle`, or a People name; null when neither. */
function ownerOf(text: string, people: Map<string, string>): string | null {
  const handle = HANDLE.exec(text.trim());
  if (handle) return handle[1]!;
  return people.get(plain(text).toLowerCase()) ?? null;
}

/** A task line's text: its trailing `@handle`, or `— Name` / `- Name` / `: Name` naming
 * someone in People, is the owner. */
function taskItem(
  text: string,
  people: Map<string, string>,
): { title: string; owner: string | null } {
  const handle = TRAILING_HANDLE.exec(text);
  if (handle) return { title: text.slice(0, handle.index).trim(), owner: handle[1]! };
  const dash = /\s+(?:—|–|-|:)\s+([^—–:]+?)\s*$/.exec(text);
  const owner = dash ? (people.get(plain(dash[1]!).toLowerCase()) ?? null) : null;
  return { title: (owner && dash ? text.slice(0, dash.index) : text).trim(), owner };
}

interface Columns {
  issue: number;
  title: number;
  owner: number;
}

function columnsOf(header: string[]): Columns {
  const find = (re: RegExp) => header.findIndex((h) => re.test(plain(h).toLowerCase()));
  const issue = find(/^(issue|#|ticket|track)/);
  const owner = find(/^(owner|who|assignee)/);
  let title = find(/^(action|what|title|item|task|follow)/);
  if (title < 0) title = header.findIndex((_, i) => i !== issue && i !== owner);
  return { issue, title, owner };
}

/** Rows and unchecked task lines under an "Action items" heading (any level) that name
 * no issue and say what to do. */
export function actionItemsFromPostmortem(markdown: string): PostmortemItem[] {
  const people = peopleNames(markdown);
  const items: PostmortemItem[] = [];
  let level = 0;
  let columns: Columns | null = null;
  const lines = visibleLines(markdown);
  lines.forEach(({ text, code }, line) => {
    if (code) return;
    const heading = HEADING.exec(text);
    if (heading) {
      const depth = heading[1]!.length;
      if (/^action items\b/i.test(heading[2]!)) level = depth;
      else if (level > 0 && depth <= level) level = 0;
      return;
    }
    if (level === 0) return;
    if (!isRow(text)) {
      columns = null;
      const task = UNCHECKED.exec(text);
      if (!task || NAMES_ISSUE.test(task[1]!)) return;
      const { title, owner } = taskItem(task[1]!, people);
      if (plain(title) !== "")
        items.push({ title: title.slice(0, MAX_TITLE), owner, line, kind: "task" });
      return;
    }
    if (columns === null) {
      // The header row, when the next line is the table's separator.
      if (isSeparator(lines[line + 1]?.text ?? "")) columns = columnsOf(cells(text));
      return;
    }
    if (isSeparator(text)) return;
    const row = cells(text);
    const issue = columns.issue >= 0 ? (row[columns.issue] ?? "") : "";
    const title = plain(row[columns.title] ?? "");
    if (NAMES_ISSUE.test(issue) || title === "") return;
    const owner = columns.owner >= 0 ? ownerOf(row[columns.owner] ?? "", people) : null;
    items.push({
      title: title.slice(0, MAX_TITLE),
      owner,
      line,
      kind: "row",
      issueColumn: columns.issue,
    });
  });
  return items;
}

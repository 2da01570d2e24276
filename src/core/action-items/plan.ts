// What a comment's /action lines write: a new issue per title (opened once, even when
// the comment is delivered twice), a link per existing issue, and a reply when there is
// something to ask or say. Lines GitHub would refuse come back as rejections, so the
// comment gets 😕 and nothing changes.
import { CONFIG_FILE, type Config } from "../../config.js";
import { escapeInline } from "../escape.js";
import { hasLabel } from "../labels.js";
import { marker } from "../markers.js";
import type { Write } from "../plan.js";
import { redactSecrets } from "../redact.js";
import { isOurs } from "../review/select.js";
import type { ListedIssue } from "../review/types.js";
import type { ActionItem, ActionRequest, CommandLine } from "../types.js";

type Rejected = Extract<CommandLine, { ok: false }>;

/** What the planner needs from GitHub (see src/github/read-action-items.ts). */
/** An issue named by `/action #N`, as read. */
export interface LinkedIssue {
  id: number;
  number: number;
  /** `owner/name`. */
  repo: string;
  isPull: boolean;
  labels: string[];
  /** `owner/name#N` of its parent, or null. */
  parent: string | null;
}

/** What GitHub said, for planning a comment's `/action` lines (github/read-action-items.ts). */
export interface ActionFacts {
  subIssues: ActionItem[];
  /** hereby's newest action items (the label's latest hundred). */
  recent: ListedIssue[];
  /** Keyed by `owner/name#N` (lowercase); null when GitHub says there is no such issue. */
  linked: Map<string, LinkedIssue | null>;
  assignable: Map<string, boolean>;
}

export interface ActionContext {
  incident: number;
  commentId: number;
  repo: { owner: string; repo: string };
  config: Config;
  self: string | null;
}

export interface ActionLine {
  line: number;
  raw: string;
  request: ActionRequest;
}

/** GitHub's limit of sub-issues per parent. */
export const MAX_SUB_ISSUES = 100;
const USAGE =
  "/action <title> [@owner] | /action #N | /action owner/repo#N | /action wontfix #N <reason>";

function itemMarker(commentId: number | string, line: number): string {
  return marker("action", `${commentId}.${line}`);
}

export function actionItemBody(
  mark: string,
  incident: number,
  source: string,
  owner: string | null,
): string {
  return [
    mark,
    `Action item from incident #${incident} (${source}).`,
    "",
    owner ? `Owner: @${owner}` : "Owner: nobody yet: assign whoever will do it.",
  ].join("\n");
}

const key = (repo: { owner: string; repo: string }, n: number) =>
  `${repo.owner}/${repo.repo}#${n}`.toLowerCase();

/** Why GitHub would refuse this line, or null. */
function refusal(l: ActionLine, ctx: ActionContext, facts: ActionFacts): string | null {
  const r = l.request;
  if (r.kind === "new") {
    if (r.owner && facts.assignable.get(r.owner.toLowerCase()) === false)
      return (
        `@${r.owner} can't be assigned to issues in this repository: check the ` +
        `spelling, or give them access first`
      );
    return null;
  }
  if (r.kind === "wontfix") {
    if (facts.subIssues.some((i) => i.repo === null && i.number === r.number)) return null;
    return (
      `#${r.number} is not an action item of #${ctx.incident}: only its own ` +
      `items (its sub-issues here) can be closed from it`
    );
  }
  const repo = r.repo ?? ctx.repo;
  const where = r.repo ? `${repo.owner}/${repo.repo}#${r.number}` : `#${r.number}`;
  if (repo.owner.toLowerCase() !== ctx.repo.owner.toLowerCase()) {
    return (
      `${where} is owned by ${repo.owner}: GitHub links sub-issues only from ` +
      `repositories of the same owner (${ctx.repo.owner}); open the action item here ` +
      `and link to it`
    );
  }
  const found = facts.linked.get(key(repo, r.number));
  const self = key(ctx.repo, ctx.incident);
  // In another repository, every refusal reads the same: whether an issue there exists,
  // is a pull request or has a parent is not for a commenter without access to learn.
  const elsewhere = r.repo !== null && key(r.repo, 0) !== key(ctx.repo, 0);
  const refused =
    !found || found.isPull || (found.parent !== null && found.parent.toLowerCase() !== self);
  if (elsewhere && refused)
    return (
      `${where} can't be linked: it doesn't exist, or you don't have ` +
      `${ctx.config.permission} access to ${repo.owner}/${repo.repo}, or it can't be ` +
      `an action item here`
    );
  if (!found) return `${where} was not found (or hereby can't read it)`;
  if (found.isPull) return `${where} is a pull request: an action item must be an issue`;
  if (!r.repo && r.number === ctx.incident) return "an incident can't be its own action item";
  if (found.parent && found.parent.toLowerCase() !== self)
    return (
      `${where} is already a sub-issue of ${found.parent}: GitHub gives an ` +
      `issue one parent, so unlink it there first`
    );
  return null;
}

export function planActionLines(
  lines: ActionLine[],
  ctx: ActionContext,
  facts: ActionFacts,
): { rejected: Rejected[]; writes: Write[]; reply: { body: string; marker: string } | null } {
  const rejected: Rejected[] = [];
  for (const l of lines) {
    const error = refusal(l, ctx, facts);
    if (error)
      rejected.push({ line: l.line, raw: l.raw, ok: false, name: "action", error, usage: USAGE });
  }
  const adding = lines.filter((l) => !isLinked(l, ctx, facts)).length;
  if (rejected.length === 0 && facts.subIssues.length + adding > MAX_SUB_ISSUES) {
    const l = lines[0]!;
    rejected.push({
      line: l.line,
      raw: l.raw,
      ok: false,
      name: "action",
      error:
        `GitHub allows ${MAX_SUB_ISSUES} sub-issues per issue, and this ` +
        `incident has ${facts.subIssues.length}`,
      usage: USAGE,
    });
  }
  if (rejected.length > 0) return { rejected, writes: [], reply: null };
  const writes = lines.flatMap((l) => writesFor(l, ctx, facts));
  return { rejected, writes, reply: replyFor(lines, ctx, facts) };
}

function isLinked(l: ActionLine, ctx: ActionContext, facts: ActionFacts): boolean {
  if (l.request.kind === "wontfix") return true;
  if (l.request.kind === "new") return madeFor(l, ctx, facts)?.parent === ctx.incident;
  const found = facts.linked.get(key(l.request.repo ?? ctx.repo, l.request.number));
  return found?.parent?.toLowerCase() === key(ctx.repo, ctx.incident);
}

/** The issue hereby already opened for this line (a redelivery, an edit), if any. */
function madeFor(l: ActionLine, ctx: ActionContext, facts: ActionFacts): ListedIssue | undefined {
  const mark = itemMarker(ctx.commentId, l.line);
  return facts.recent
    .filter((i) => isOurs(i.author, i.authorIsBot, ctx.self) && i.body.includes(mark))
    .sort((a, b) => a.number - b.number)[0];
}

function writesFor(l: ActionLine, ctx: ActionContext, facts: ActionFacts): Write[] {
  const r = l.request;
  const label = ctx.config.labels.action;
  if (r.kind === "wontfix") return wontfixWrites(r, l, ctx, facts);
  if (r.kind === "new") {
    const made = madeFor(l, ctx, facts);
    if (made)
      return made.parent === ctx.incident
        ? []
        : [
            {
              type: "addSubIssue",
              issue: ctx.incident,
              subIssueId: made.id,
              child: `#${made.number}`,
            },
          ];
    const mark = itemMarker(ctx.commentId, l.line);
    const source = `[/action comment](#issuecomment-${ctx.commentId})`;
    return [
      {
        type: "createIssue",
        title: redactSecrets(r.title).text,
        body: actionItemBody(mark, ctx.incident, source, r.owner),
        labels: [label],
        assignees: r.owner ? [r.owner] : [],
        marker: mark,
        lookBackLabel: label,
        parent: ctx.incident,
      },
    ];
  }
  const found = facts.linked.get(key(r.repo ?? ctx.repo, r.number))!;
  const target = r.repo ? { repo: r.repo, number: r.number } : { number: r.number };
  const writes: Write[] = [];
  if (!hasLabel(found.labels, label)) writes.push({ type: "addLabels", target, labels: [label] });
  if (!isLinked(l, ctx, facts))
    writes.push({
      type: "addSubIssue",
      issue: ctx.incident,
      subIssueId: found.id,
      child: r.repo ? `${found.repo}#${r.number}` : `#${r.number}`,
    });
  return writes;
}

/** A reply only when there is something to ask or say: an item without an owner, or
 * more open items than `actions.max`. */
function replyFor(
  lines: ActionLine[],
  ctx: ActionContext,
  facts: ActionFacts,
): { body: string; marker: string } | null {
  const ownerless = lines.flatMap((l) =>
    l.request.kind === "new" && !l.request.owner && !madeFor(l, ctx, facts)
      ? [l.request.title]
      : [],
  );
  const open =
    facts.subIssues.filter((i) => i.state === "open").length +
    lines.filter((l) => !isLinked(l, ctx, facts)).length;
  const max = ctx.config.actions.max;
  if (ownerless.length === 0 && open <= max) return null;
  const mark = marker("actions", String(ctx.commentId));
  const lines_: string[] = [mark];
  for (const title of ownerless)
    lines_.push(
      `- **${escapeInline(redactSecrets(title).text)}** has no owner yet: who will ` +
        `take it? Assign them on the issue.`,
    );
  if (open > max) {
    lines_.push(
      `${ownerless.length ? "\n" : ""}This incident now has ${open} open action ` +
        `items. A gentle note: try to narrow them down to about ${max}, so that they ` +
        `actually get done. (\`actions.max\` in \`${CONFIG_FILE}\` sets this number.)`,
    );
  }
  return { marker: mark, body: lines_.join("\n") };
}

/** The reason, as a comment on the item (where the review finds it), then the close as not
 * planned unless it is closed so already. */
function wontfixWrites(
  r: Extract<ActionRequest, { kind: "wontfix" }>,
  l: ActionLine,
  ctx: ActionContext,
  facts: ActionFacts,
): Write[] {
  const mark = marker("wontfix", `${ctx.commentId}.${l.line}`);
  const reason = escapeInline(redactSecrets(r.reason).text);
  const body = [
    mark,
    `Closed as not planned from #${ctx.incident} (\`/action wontfix\`).`,
    "",
    `**Reason:** ${reason}`,
  ].join("\n");
  const item = facts.subIssues.find((i) => i.repo === null && i.number === r.number);
  const writes: Write[] = [{ type: "comment", issue: r.number, body, marker: mark }];
  if (item?.state !== "closed" || item.stateReason !== "not_planned")
    writes.push({
      type: "updateIssue",
      issue: r.number,
      state: "closed",
      state_reason: "not_planned",
    });
  return writes;
}

// Issues, comments, timeline events, labels and reactions as GitHub's REST API shows them.
import {
  REACTION_CONTENTS,
  type Comment,
  type Event,
  type Issue,
  type Label,
  type Reaction,
  type ReactionRollup,
  type TimelineComment,
} from "../shapes.js";
import type {
  CommentRecord,
  EventRecord,
  IssueRecord,
  LabelRecord,
  ReactionRecord,
} from "../records.js";
import type { Store } from "../store.js";
import { authorAssociation, renderUser, repoApiUrl, viaApp } from "./user.js";

export function renderLabel(s: Store, l: LabelRecord): Label {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${repoApiUrl(s)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.isDefault,
    description: l.description,
  };
}

function rollup(url: string, reactions: ReactionRecord[]): ReactionRollup {
  const r = { url, total_count: reactions.length } as ReactionRollup;
  for (const c of REACTION_CONTENTS) r[c] = reactions.filter((x) => x.content === c).length;
  return r;
}

export function renderIssue(s: Store, i: IssueRecord): Issue {
  const url = `${repoApiUrl(s)}/issues/${i.number}`;
  const htmlPath = i.isPull ? "pull" : "issues";
  const subs = i.subIssues
    .map((n) => s.issues.get(n))
    .filter((x): x is IssueRecord => x !== undefined);
  const completed = subs.filter((x) => x.state === "closed").length;
  const out: Issue = {
    url,
    repository_url: repoApiUrl(s),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${s.htmlUrl}/${s.owner}/${s.repo}/${htmlPath}/${i.number}`,
    timeline_url: `${url}/timeline`,
    id: i.id,
    node_id: i.nodeId,
    number: i.number,
    title: i.title,
    user: renderUser(s, i.user),
    labels: i.labels.map((id) => renderLabel(s, s.labelById(id))),
    state: i.state,
    state_reason: i.stateReason,
    locked: false,
    assignee: i.assignees[0] ? renderUser(s, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => renderUser(s, a)),
    milestone: null,
    comments: s.commentsOf(i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    closed_by: i.closedBy ? renderUser(s, i.closedBy) : null,
    author_association: authorAssociation(s, i.user),
    active_lock_reason: null,
    body: i.body,
    reactions: rollup(`${url}/reactions`, []),
    performed_via_github_app: viaApp(s, i.user),
    type: null,
    draft: false,
    sub_issues_summary: {
      total: subs.length,
      completed,
      percent_completed: subs.length ? Math.floor((completed * 100) / subs.length) : 0,
    },
  };
  if (i.parent !== undefined) out.parent_issue_url = `${repoApiUrl(s)}/issues/${i.parent}`;
  if (i.isPull) {
    const pr = s.pulls.get(i.number);
    out.draft = pr?.draft ?? false;
    out.pull_request = {
      url: `${repoApiUrl(s)}/pulls/${i.number}`,
      html_url: out.html_url,
      diff_url: `${out.html_url}.diff`,
      patch_url: `${out.html_url}.patch`,
      merged_at: pr?.mergedAt ?? null,
    };
  }
  return out;
}

export function renderComment(s: Store, c: CommentRecord): Comment {
  const url = `${repoApiUrl(s)}/issues/comments/${c.id}`;
  const issue = s.issues.get(c.issueNumber);
  const htmlPath = issue?.isPull ? "pull" : "issues";
  return {
    url,
    html_url: `${s.htmlUrl}/${s.owner}/${s.repo}/${htmlPath}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApiUrl(s)}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: c.nodeId,
    user: renderUser(s, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: authorAssociation(s, c.user),
    body: c.body,
    reactions: rollup(`${url}/reactions`, s.reactionsOf(c.id)),
    performed_via_github_app: viaApp(s, c.user),
  };
}

export function renderTimelineComment(s: Store, c: CommentRecord): TimelineComment {
  return { ...renderComment(s, c), event: "commented", actor: renderUser(s, c.user) };
}

export function renderEvent(s: Store, e: EventRecord): Event {
  const out: Event = {
    id: e.id,
    node_id: e.nodeId,
    url: `${repoApiUrl(s)}/issues/events/${e.id}`,
    actor: renderUser(s, e.actor),
    event: e.event,
    commit_id: e.commitId ?? null,
    commit_url: e.commitId ? `${repoApiUrl(s)}/commits/${e.commitId}` : null,
    created_at: e.createdAt,
    performed_via_github_app: viaApp(s, e.actor),
  };
  if (e.label) out.label = { ...e.label };
  if (e.assignee) {
    out.assignee = renderUser(s, e.assignee);
    out.assigner = renderUser(s, e.actor);
  }
  if (e.event === "closed" || e.event === "reopened") out.state_reason = e.stateReason ?? null;
  if (e.rename) out.rename = { ...e.rename };
  if (e.requestedReviewer) {
    out.requested_reviewer = renderUser(s, e.requestedReviewer);
    out.review_requester = renderUser(s, e.actor);
  }
  return out;
}

export function renderReaction(s: Store, r: ReactionRecord): Reaction {
  return {
    id: r.id,
    node_id: r.nodeId,
    user: renderUser(s, r.user),
    content: r.content,
    created_at: r.createdAt,
  };
}

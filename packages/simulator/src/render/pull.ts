// Pull requests as GitHub's REST API shows them.
import type { PullRecord } from "../records.js";
import type { Pull, PullRef } from "../shapes.js";
import type { Store } from "../store.js";
import { renderLabel } from "./issue.js";
import { renderRepository } from "./repository.js";
import { authorAssociation, renderUser, repoApiUrl } from "./user.js";

export function renderPull(s: Store, p: PullRecord): Pull {
  const issue = s.issues.get(p.number)!;
  const repo = renderRepository(s);
  const ref = (branch: string, sha: string): PullRef => ({
    label: `${s.owner}:${branch}`,
    ref: branch,
    sha,
    user: renderUser(s, s.owner),
    repo,
  });
  const headSha = s.git.refs.get(`refs/heads/${p.head}`) ?? p.headSha;
  const baseSha = s.git.refs.get(`refs/heads/${p.base}`) ?? p.baseSha;
  const settled = p.merged || issue.state === "closed";
  return {
    ...pullUrls(s, p.number, headSha),
    id: p.id,
    node_id: p.nodeId,
    number: p.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: renderUser(s, issue.user),
    body: issue.body,
    labels: issue.labels.map((id) => renderLabel(s, s.labelById(id))),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha,
    assignee: issue.assignees[0] ? renderUser(s, issue.assignees[0]) : null,
    assignees: issue.assignees.map((a) => renderUser(s, a)),
    requested_reviewers: p.requestedReviewers.map((r) => renderUser(s, r)),
    requested_teams: [],
    head: ref(p.head, headSha),
    base: ref(p.base, baseSha),
    author_association: authorAssociation(s, issue.user),
    auto_merge: null,
    draft: p.draft,
    merged: p.merged,
    mergeable: settled ? null : s.git.mergeTrees(baseSha, headSha) !== undefined,
    rebaseable: null,
    mergeable_state: settled ? "unknown" : "clean",
    merged_by: p.mergedBy ? renderUser(s, p.mergedBy) : null,
    comments: s.commentsOf(p.number).length,
    review_comments: 0,
    maintainer_can_modify: p.maintainerCanModify,
    commits: s.commitsBetween(baseSha, headSha),
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

/** A pull request's hypermedia links, as fields and as `_links`. */
function pullUrls(s: Store, number: number, headSha: string) {
  const url = `${repoApiUrl(s)}/pulls/${number}`;
  const html = `${s.htmlUrl}/${s.owner}/${s.repo}/pull/${number}`;
  const issueUrl = `${repoApiUrl(s)}/issues/${number}`;
  const reviewComment = `${repoApiUrl(s)}/pulls/comments{/number}`;
  const statuses = `${repoApiUrl(s)}/statuses/${headSha}`;
  return {
    url,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: reviewComment,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statuses,
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: reviewComment },
      commits: { href: `${url}/commits` },
      statuses: { href: statuses },
    },
  };
}

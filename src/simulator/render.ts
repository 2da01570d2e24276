// Renders the simulator's records as GitHub's REST objects (see shapes.ts).
import { LEVEL_RANK } from "./permissions.js";
import {
  REACTION_CONTENTS,
  type AuthorAssociation,
  type Comment,
  type Event,
  type GitHubApp,
  type Issue,
  type Label,
  type Pull,
  type PullRef,
  type Reaction,
  type ReactionRollup,
  type Repository,
  type SimpleUser,
  type TimelineComment,
} from "./shapes.js";
import type { CommentRecord, EventRecord, IssueRecord, LabelRecord, PullRecord, ReactionRecord } from "./records.js";
import type { Store } from "./store.js";

export function renderUser(s: Store, login: string): SimpleUser {
  const u = s.user(login);
  const api = `${s.apiUrl}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: u.type === "Bot" ? `${s.htmlUrl}/apps/${s.appSlug}` : `${s.htmlUrl}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function renderApp(s: Store): GitHubApp {
  return {
    id: s.appId,
    slug: s.appSlug,
    node_id: s.nodeId("A_", s.appId),
    client_id: `Iv1.sim${s.appId}`,
    owner: renderUser(s, s.owner),
    name: s.appSlug,
    description: "Incident response on GitHub issues",
    external_url: `${s.htmlUrl}/${s.owner}/${s.repo}`,
    html_url: `${s.htmlUrl}/apps/${s.appSlug}`,
    created_at: s.startedAt,
    updated_at: s.startedAt,
    permissions: { contents: "write", issues: "write", metadata: "read", pull_requests: "write" },
    events: ["issues", "issue_comment", "pull_request"],
    installations_count: 1,
  };
}

/** The app when the bot did it, as GitHub reports in `performed_via_github_app`. */
function viaApp(s: Store, login: string): GitHubApp | null {
  return s.user(login).type === "Bot" ? renderApp(s) : null;
}

export function repoApiUrl(s: Store): string {
  return `${s.apiUrl}/repos/${s.owner}/${s.repo}`;
}

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

export function authorAssociation(s: Store, login: string): AuthorAssociation {
  if (login.toLowerCase() === s.owner.toLowerCase()) return "OWNER";
  const u = s.user(login);
  if (u.type === "Bot") return "NONE";
  return s.rank(login) >= LEVEL_RANK.read ? "COLLABORATOR" : "NONE";
}

export function renderIssue(s: Store, i: IssueRecord): Issue {
  const url = `${repoApiUrl(s)}/issues/${i.number}`;
  const htmlPath = i.isPull ? "pull" : "issues";
  const subs = i.subIssues.map((n) => s.issues.get(n)).filter((x): x is IssueRecord => x !== undefined);
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
  return { id: r.id, node_id: r.nodeId, user: renderUser(s, r.user), content: r.content, created_at: r.createdAt };
}

/** The repository as repos/get returns it (also used in webhooks and pull refs). */
export function renderRepository(s: Store, viewer?: string): Repository {
  const api = repoApiUrl(s);
  const html = `${s.htmlUrl}/${s.owner}/${s.repo}`;
  const openIssues = [...s.issues.values()].filter((i) => i.state === "open").length;
  const repo: Repository = {
    id: s.repoId,
    node_id: s.nodeId("R_", s.repoId),
    name: s.repo,
    full_name: `${s.owner}/${s.repo}`,
    private: true,
    owner: renderUser(s, s.owner),
    html_url: html,
    description: "Simulated repository",
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${s.owner}/${s.repo}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${s.owner}/${s.repo}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: "TypeScript",
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: s.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "private",
    pushed_at: s.pushedAt,
    created_at: s.startedAt,
    updated_at: s.startedAt,
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    subscribers_count: 1,
    network_count: 0,
  };
  if (viewer) {
    const r = s.rank(viewer);
    repo.permissions = { admin: r >= 5, maintain: r >= 4, push: r >= 3, triage: r >= 2, pull: r >= 1 };
  }
  return repo;
}

export function renderPull(s: Store, p: PullRecord): Pull {
  const issue = s.issues.get(p.number)!;
  const url = `${repoApiUrl(s)}/pulls/${p.number}`;
  const html = `${s.htmlUrl}/${s.owner}/${s.repo}/pull/${p.number}`;
  const issueUrl = `${repoApiUrl(s)}/issues/${p.number}`;
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
  return {
    url,
    id: p.id,
    node_id: p.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApiUrl(s)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${repoApiUrl(s)}/statuses/${headSha}`,
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
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoApiUrl(s)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoApiUrl(s)}/statuses/${headSha}` },
    },
    author_association: authorAssociation(s, issue.user),
    auto_merge: null,
    draft: p.draft,
    merged: p.merged,
    mergeable: p.merged || issue.state === "closed" ? null : s.git.mergeTrees(baseSha, headSha) !== undefined,
    rebaseable: null,
    mergeable_state: p.merged || issue.state === "closed" ? "unknown" : "clean",
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

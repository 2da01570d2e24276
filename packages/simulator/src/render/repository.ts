// The repository as GitHub's REST API shows it.
import type { Repository } from "../shapes.js";
import type { Store } from "../store.js";
import { renderUser, repoApiUrl } from "./user.js";

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
    ...repositoryUrls(s, api, html),
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
    topics: [],
    pushed_at: s.pushedAt,
    created_at: s.startedAt,
    updated_at: s.startedAt,
    license: null,
    subscribers_count: 1,
    network_count: 0,
    ...REPOSITORY_SETTINGS,
  };
  if (viewer) repo.permissions = permissionsOf(s.rank(viewer));
  return repo;
}

/** What the repository's Settings page sets: its features, visibility and merge buttons. */
const REPOSITORY_SETTINGS = {
  is_template: false,
  has_issues: true,
  has_projects: false,
  has_wiki: false,
  has_pages: false,
  has_downloads: true,
  has_discussions: false,
  archived: false,
  disabled: false,
  visibility: "private",
  allow_forking: false,
  web_commit_signoff_required: false,
  allow_squash_merge: true,
  allow_merge_commit: true,
  allow_rebase_merge: true,
  allow_auto_merge: false,
  delete_branch_on_merge: false,
} as const;

/** The viewer's `permissions`, from their role's rank (read 1 … admin 5). */
function permissionsOf(rank: number): NonNullable<Repository["permissions"]> {
  return {
    admin: rank >= 5,
    maintain: rank >= 4,
    push: rank >= 3,
    triage: rank >= 2,
    pull: rank >= 1,
  };
}

/** The repository's hypermedia links, from the API and web addresses. */
function repositoryUrls(s: Store, api: string, html: string) {
  return {
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
  };
}

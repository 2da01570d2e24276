// Users, the App and author associations as GitHub's REST API shows them.
import { LEVEL_RANK } from "../permissions.js";
import type { AuthorAssociation, GitHubApp, SimpleUser } from "../shapes.js";
import type { Store } from "../store.js";

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
export function viaApp(s: Store, login: string): GitHubApp | null {
  return s.user(login).type === "Bot" ? renderApp(s) : null;
}

export function repoApiUrl(s: Store): string {
  return `${s.apiUrl}/repos/${s.owner}/${s.repo}`;
}

export function authorAssociation(s: Store, login: string): AuthorAssociation {
  if (login.toLowerCase() === s.owner.toLowerCase()) return "OWNER";
  const u = s.user(login);
  if (u.type === "Bot") return "NONE";
  return s.rank(login) >= LEVEL_RANK.read ? "COLLABORATOR" : "NONE";
}

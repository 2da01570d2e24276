// REST object shapes: the fields GitHub's description requires, plus the common optional
// ones. render.ts turns the simulator's records into them.

export interface SimpleUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: "User" | "Bot" | "Organization";
  user_view_type: string;
  site_admin: boolean;
}

export interface Label {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export const REACTION_CONTENTS = [
  "+1",
  "-1",
  "laugh",
  "confused",
  "heart",
  "hooray",
  "rocket",
  "eyes",
] as const;
export type ReactionContent = (typeof REACTION_CONTENTS)[number];

export type ReactionRollup = { url: string; total_count: number } & Record<ReactionContent, number>;

export interface GitHubApp {
  id: number;
  slug: string;
  node_id: string;
  client_id: string;
  owner: SimpleUser;
  name: string;
  description: string | null;
  external_url: string;
  html_url: string;
  created_at: string;
  updated_at: string;
  permissions: Record<string, string>;
  events: string[];
  installations_count: number;
}

export interface Issue {
  url: string;
  repository_url: string;
  labels_url: string;
  comments_url: string;
  events_url: string;
  html_url: string;
  timeline_url: string;
  id: number;
  node_id: string;
  number: number;
  title: string;
  user: SimpleUser;
  labels: Label[];
  state: "open" | "closed";
  state_reason: string | null;
  locked: boolean;
  assignee: SimpleUser | null;
  assignees: SimpleUser[];
  milestone: null;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: SimpleUser | null;
  author_association: AuthorAssociation;
  active_lock_reason: string | null;
  body: string | null;
  reactions: ReactionRollup;
  performed_via_github_app: GitHubApp | null;
  type: null;
  sub_issues_summary: { total: number; completed: number; percent_completed: number };
  parent_issue_url?: string | null;
  draft: boolean;
  pull_request?: {
    url: string;
    html_url: string;
    diff_url: string;
    patch_url: string;
    merged_at: string | null;
  };
}

export type AuthorAssociation = "OWNER" | "MEMBER" | "COLLABORATOR" | "CONTRIBUTOR" | "NONE";

export interface Comment {
  url: string;
  html_url: string;
  issue_url: string;
  id: number;
  node_id: string;
  user: SimpleUser;
  created_at: string;
  updated_at: string;
  author_association: AuthorAssociation;
  body: string;
  reactions: ReactionRollup;
  performed_via_github_app: GitHubApp | null;
}

/** An issue event as listed by issues/list-events and in the timeline. */
export interface Event {
  id: number;
  node_id: string;
  url: string;
  actor: SimpleUser;
  event: string;
  commit_id: string | null;
  commit_url: string | null;
  created_at: string;
  performed_via_github_app: GitHubApp | null;
  label?: { name: string; color: string };
  assignee?: SimpleUser;
  assigner?: SimpleUser;
  state_reason?: string | null;
  rename?: { from: string; to: string };
  requested_reviewer?: SimpleUser;
  review_requester?: SimpleUser;
}

/** A comment as it appears in the timeline. */
export type TimelineComment = Comment & { event: "commented"; actor: SimpleUser };
export type TimelineItem = Event | TimelineComment;

export interface Reaction {
  id: number;
  node_id: string;
  user: SimpleUser;
  content: ReactionContent;
  created_at: string;
}

export type Repository = Record<string, unknown> & {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  owner: SimpleUser;
  private: boolean;
  html_url: string;
  url: string;
  default_branch: string;
};

export interface PullRef {
  label: string;
  ref: string;
  sha: string;
  user: SimpleUser;
  repo: Repository;
}

export interface Pull {
  url: string;
  id: number;
  node_id: string;
  html_url: string;
  diff_url: string;
  patch_url: string;
  issue_url: string;
  commits_url: string;
  review_comments_url: string;
  review_comment_url: string;
  comments_url: string;
  statuses_url: string;
  number: number;
  state: "open" | "closed";
  locked: boolean;
  title: string;
  user: SimpleUser;
  body: string | null;
  labels: Label[];
  milestone: null;
  active_lock_reason: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  assignee: SimpleUser | null;
  assignees: SimpleUser[];
  requested_reviewers: SimpleUser[];
  requested_teams: never[];
  head: PullRef;
  base: PullRef;
  _links: Record<string, { href: string }>;
  author_association: AuthorAssociation;
  auto_merge: null;
  draft: boolean;
  merged: boolean;
  mergeable: boolean | null;
  rebaseable: boolean | null;
  mergeable_state: string;
  merged_by: SimpleUser | null;
  comments: number;
  review_comments: number;
  maintainer_can_modify: boolean;
  commits: number;
  additions: number;
  deletions: number;
  changed_files: number;
}

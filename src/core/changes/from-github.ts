// GitHub's objects (REST list items and webhook payloads share these shapes) turned into
// changes. Pure: the reads are in src/github/changes-read.ts, the webhooks in
// src/handlers/changes-live.ts.
import type { Change } from "./types.js";

type User = { login: string } | null | undefined;

// A merged pull request that undoes another: GitHub's own revert button writes a title
// `Revert "<title>"` and a body "This reverts commit <sha>" (git revert's message).
const REVERT_TITLE = /^\s*Revert\s+"/;
const REVERT_BODY = /\bThis reverts commit\b/i;

export function isRevert(title: string, body: string | null | undefined): boolean {
  return REVERT_TITLE.test(title) || REVERT_BODY.test(body ?? "");
}

export interface DeploymentShape {
  id: number;
  ref: string;
  environment: string;
  description?: string | null;
  created_at: string;
  creator?: User;
}

export interface DeploymentStatusShape {
  state: string;
  creator?: User;
  log_url?: string | null;
  target_url?: string | null;
  environment_url?: string | null;
}

export function deployChange(
  repo: string,
  d: DeploymentShape,
  status: DeploymentStatusShape | null,
  server: string,
): Change {
  const link = status?.log_url || status?.target_url || `${server}/${repo}/deployments`;
  return {
    key: `deploy:${repo}:${d.id}`,
    kind: "deploy",
    at: d.created_at,
    repo,
    title: d.description ? `${d.ref}: ${d.description}` : d.ref,
    url: link,
    by: d.creator?.login ?? status?.creator?.login ?? null,
    deploy: { environment: d.environment, ref: d.ref, state: status?.state ?? null },
  };
}

export interface ReleaseShape {
  id: number;
  name?: string | null;
  tag_name: string;
  html_url: string;
  draft: boolean;
  published_at: string | null;
  author?: User;
}

export function releaseChange(repo: string, r: ReleaseShape): Change | null {
  if (r.draft || !r.published_at) return null;
  return {
    key: `release:${repo}:${r.id}`,
    kind: "release",
    at: r.published_at,
    repo,
    title: r.name || r.tag_name,
    url: r.html_url,
    by: r.author?.login ?? null,
  };
}

export interface PullShape {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  merged_at: string | null;
  user?: User;
  base: { ref: string; repo?: { default_branch?: string } | null };
}

/** A pull request merged into `defaultBranch`; a revert when it says so. */
export function mergeChange(
  repo: string,
  p: PullShape,
  defaultBranch: string | null,
): Change | null {
  const branch = defaultBranch ?? p.base.repo?.default_branch ?? null;
  if (!p.merged_at || branch === null || p.base.ref !== branch) return null;
  const kind = isRevert(p.title, p.body) ? "revert" : "merge";
  return {
    key: `merge:${repo}:${p.number}`,
    kind,
    at: p.merged_at,
    repo,
    title: `#${p.number} ${p.title}`,
    url: p.html_url,
    by: p.user?.login ?? null,
  };
}

export interface RunShape {
  id: number;
  name?: string | null;
  display_title?: string;
  head_branch: string | null;
  conclusion: string | null;
  html_url: string;
  created_at: string;
  run_started_at?: string;
  actor?: User;
  triggering_actor?: User;
}

/** A run on the default branch that failed (timed out counts: it did not pass). */
export function failedRunChange(repo: string, r: RunShape, defaultBranch: string): Change | null {
  if (
    r.head_branch !== defaultBranch ||
    (r.conclusion !== "failure" && r.conclusion !== "timed_out")
  )
    return null;
  const title = [r.name, r.display_title].filter(Boolean).join(": ");
  const by = r.triggering_actor?.login ?? r.actor?.login ?? null;
  return {
    key: `run:${repo}:${r.id}`,
    kind: "failed-run",
    at: r.run_started_at ?? r.created_at,
    repo,
    title: title || `run ${r.id}`,
    url: r.html_url,
    by,
  };
}

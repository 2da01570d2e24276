// Every read the postmortem planner needs, in as few round trips as the data allows:
//   1. the repository (default branch), the postmortem branch, its pull requests, the
//      template override and the incident's sub-issues (action items), in parallel; with
//      the default branch known (the delivery names it), its head too, instead of the
//      repository;
//   2. the branch's own commits and files (compare with the default branch) and the file
//      where it should be; or, with no branch yet, the default branch's head;
//   3. only when the title changed since the file was written: the file at its old path.
import { RequestError } from "@octokit/request-error";
import type { BranchCommit, PostmortemPull, PostmortemRepo } from "../core/postmortem/state.js";
import { OVERRIDE_PATH } from "../core/postmortem/state.js";
import type { GitHub, RepoRef } from "./client.js";
import { readActionItems } from "./read-action-items.js";

export interface GatherPostmortemInput {
  incident: number;
  branch: string;
  /** Where the file goes for the incident's current title. */
  path: string;
  /** Whether a changed file on the branch is this incident's postmortem. */
  isPostmortemFile: (path: string) => boolean;
  /** Whether hereby made a commit (its identity as GitHub attributes it). */
  isOwnCommit: (commit: BranchCommit) => boolean;
  /** The default branch as the delivery named it: its head is read with the rest. */
  defaultBranch?: string | null;
}

const missing = (error: unknown): null => {
  if (error instanceof RequestError && error.status === 404) return null;
  throw error;
};

async function fileAt(
  octokit: GitHub,
  repo: RepoRef,
  path: string,
  ref?: string,
): Promise<{ path: string; sha: string; content: string } | null> {
  const { data } = (await octokit.rest.repos
    .getContent({ ...repo, path, ...(ref ? { ref } : {}) })
    .catch(missing)) ?? { data: null };
  if (!data || Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
  return { path, sha: data.sha, content: Buffer.from(data.content, "base64").toString("utf8") };
}

async function pullsOf(octokit: GitHub, repo: RepoRef, branch: string): Promise<PostmortemPull[]> {
  const { data } = await octokit.rest.pulls.list({
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: "all",
    per_page: 100,
  });
  return data.map((p) => ({
    number: p.number,
    url: p.html_url,
    state: p.state === "open" ? "open" : "closed",
    merged: p.merged_at !== null,
    mergedAt: p.merged_at,
    author: p.user?.login ?? "ghost",
  }));
}

/** The incident's sub-issues, as the record reads them; none when GitHub has none. */
async function actionItemsOf(octokit: GitHub, repo: RepoRef, issue: number) {
  return (await readActionItems(octokit, repo, issue).catch(missing)) ?? [];
}

async function branchOf(octokit: GitHub, repo: RepoRef, base: string, branch: string) {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${branch}`,
    per_page: 100,
  });
  const commits: BranchCommit[] = data.commits.map((c) => ({
    sha: c.sha,
    author: c.author?.login ?? null,
    committer: c.committer?.login ?? null,
    authorIsBot: c.author?.type === "Bot",
  }));
  return { commits, files: (data.files ?? []).map((f) => f.filename) };
}

const headOf = (octokit: GitHub, repo: RepoRef, branch: string) =>
  octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` }).catch(missing);

export async function gatherPostmortem(
  octokit: GitHub,
  repo: RepoRef,
  input: GatherPostmortemInput,
): Promise<PostmortemRepo> {
  const known = input.defaultBranch ?? null;
  const [defaultBranch, ref, pulls, override, actionItems, knownHead] = await Promise.all([
    known ?? octokit.rest.repos.get({ ...repo }).then((r) => r.data.default_branch),
    headOf(octokit, repo, input.branch),
    pullsOf(octokit, repo, input.branch),
    fileAt(octokit, repo, OVERRIDE_PATH),
    actionItemsOf(octokit, repo, input.incident),
    known ? headOf(octokit, repo, known) : null,
  ]);
  const common = { defaultBranch, pulls, override: override?.content ?? null, actionItems };
  // A merged, or closed and not reopened, pull request settles it: nothing more to read.
  const settled =
    pulls.some((p) => p.merged) || (pulls.length > 0 && !pulls.some((p) => p.state === "open"));
  if (settled) return { ...common, baseSha: null, branch: null, file: null, ownVersion: null };
  if (!ref) {
    const head = known ? knownHead : await headOf(octokit, repo, defaultBranch);
    return {
      ...common,
      baseSha: head?.data.object.sha ?? null,
      branch: null,
      file: null,
      ownVersion: null,
    };
  }
  const sha = ref.data.object.sha;
  const [own, expected] = await Promise.all([
    branchOf(octokit, repo, defaultBranch, input.branch),
    fileAt(octokit, repo, input.path, sha),
  ]);
  const moved = expected ? undefined : own.files.find(input.isPostmortemFile);
  // Others committed after hereby: what hereby last wrote is the base of the diff it replies with.
  const lastOwn = own.commits.some((c) => !input.isOwnCommit(c))
    ? own.commits.filter(input.isOwnCommit).at(-1)
    : undefined;
  const [file, ownFile] = await Promise.all([
    expected ?? (moved ? fileAt(octokit, repo, moved, sha) : null),
    lastOwn ? fileAt(octokit, repo, expected?.path ?? moved ?? input.path, lastOwn.sha) : null,
  ]);
  return {
    ...common,
    baseSha: null,
    branch: { sha, ...own },
    file,
    ownVersion: ownFile?.content ?? null,
  };
}

// repos/compare-commits-with-basehead: the commits on `head` that `base` lacks, who GitHub
// attributes them to (by the e-mail of the author and committer, as GitHub does), and the
// files they changed.
import type { CommitObject, Signature } from "../git-store.js";
import { renderUser, repoApiUrl } from "../render.js";
import type { State } from "../state.js";
import { renderGitCommit } from "./git.js";
import { DOCS, HttpError, notFound, ok, requireLevel, type Handler } from "./context.js";

/** The account an e-mail belongs to: `<id>+<login>@users.noreply.github.com`, as the
 * simulator signs. */
function accountOf(s: State, sig: Signature): ReturnType<typeof renderUser> | null {
  const m = /^\d+\+(.+)@users\.noreply\.github\.com$/.exec(sig.email);
  const user = m?.[1] ? s.findUser(m[1]) : undefined;
  return user ? renderUser(s, user.login) : null;
}

export function renderRepoCommit(s: State, c: CommitObject): Record<string, unknown> {
  const api = repoApiUrl(s);
  const git = renderGitCommit(s, c);
  return {
    url: `${api}/commits/${c.sha}`,
    sha: c.sha,
    node_id: git.node_id,
    html_url: git.html_url,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: git.url,
      author: git.author,
      committer: git.committer,
      message: git.message,
      comment_count: 0,
      tree: git.tree,
      verification: git.verification,
    },
    author: accountOf(s, c.author),
    committer: accountOf(s, c.committer),
    parents: git.parents,
  };
}

function changedFiles(s: State, from: string, to: string): Record<string, unknown>[] {
  const { git } = s;
  const a = git.flatten(git.commits.get(from)!.tree);
  const b = git.flatten(git.commits.get(to)!.tree);
  const html = `${s.htmlUrl}/${s.owner}/${s.repo}`;
  const files: Record<string, unknown>[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [x, y] = [a.get(path), b.get(path)];
    if (x?.sha === y?.sha) continue;
    const status = !x ? "added" : !y ? "removed" : "modified";
    const lines = (sha: string | undefined) =>
      sha ? (git.blobs.get(sha)?.toString("utf8").split("\n").length ?? 0) : 0;
    const [deletions, additions] = [
      status === "added" ? 0 : lines(x?.sha),
      status === "removed" ? 0 : lines(y?.sha),
    ];
    const sha = (y ?? x)!.sha;
    files.push({
      sha,
      filename: path,
      status,
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${html}/blob/${to}/${path}`,
      raw_url: `${html}/raw/${to}/${path}`,
      contents_url: `${repoApiUrl(s)}/contents/${path}?ref=${to}`,
    });
  }
  return files;
}

const compare: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { state } = ctx;
  const { git } = state;
  const spec = ctx.params.basehead ?? "";
  const [baseName, headName] = spec.split("...");
  const base = baseName ? git.resolve(baseName) : undefined;
  const head = headName ? git.resolve(headName) : undefined;
  if (!base || !head) throw notFound();
  const mergeBase = git.mergeBase(base, head);
  if (!mergeBase)
    throw new HttpError(404, {
      message: `No common ancestor between ${baseName} and ${headName}.`,
      documentation_url: DOCS,
      status: "404",
    });
  const fromBase = git.ancestors(base);
  const fromHead = git.ancestors(head);
  const behind = [...fromBase].filter((c) => !fromHead.has(c)).length;
  // Oldest first, as GitHub lists them: parents before children.
  const ahead: string[] = [];
  const visit = (sha: string): void => {
    if (fromBase.has(sha) || ahead.includes(sha)) return;
    for (const parent of git.commits.get(sha)?.parents ?? []) visit(parent);
    ahead.push(sha);
  };
  visit(head);
  const commits = ahead.map((sha) => git.commits.get(sha)!);
  const html = `${state.htmlUrl}/${state.owner}/${state.repo}`;
  const permalink = `${state.owner}:${base.slice(0, 7)}...${state.owner}:${head.slice(0, 7)}`;
  return ok({
    url: `${repoApiUrl(state)}/compare/${spec}`,
    html_url: `${html}/compare/${spec}`,
    permalink_url: `${html}/compare/${permalink}`,
    diff_url: `${html}/compare/${spec}.diff`,
    patch_url: `${html}/compare/${spec}.patch`,
    base_commit: renderRepoCommit(state, git.commits.get(base)!),
    merge_base_commit: renderRepoCommit(state, git.commits.get(mergeBase)!),
    status:
      ahead.length && behind
        ? "diverged"
        : ahead.length
          ? "ahead"
          : behind
            ? "behind"
            : "identical",
    ahead_by: ahead.length,
    behind_by: behind,
    total_commits: ahead.length,
    commits: commits.map((c) => renderRepoCommit(state, c)),
    files: changedFiles(state, mergeBase, head),
  });
};

export const compareRoutes: Record<string, Handler> = {
  "repos/compare-commits-with-basehead": compare,
};

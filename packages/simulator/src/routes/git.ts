// Git data: refs, blobs, trees and commits (git/*).
import type { CommitObject, Signature, TreeChange, TreeEntryType, TreeMode } from "../git-store.js";
import { repoApiUrl } from "../render.js";
import type { State } from "../state.js";
import {
  created,
  field,
  notFound,
  ok,
  optBool,
  optNullableString,
  optString,
  requireAppPermission,
  requireLevel,
  requireUnprotected,
  reqString,
  validationFailed,
  type Handler,
  type RouteContext,
} from "./context.js";

export interface GitCommit {
  sha: string;
  node_id: string;
  url: string;
  html_url: string;
  author: Signature;
  committer: Signature;
  message: string;
  tree: { sha: string; url: string };
  parents: { sha: string; url: string; html_url: string }[];
  verification: {
    verified: boolean;
    reason: string;
    signature: string | null;
    payload: string | null;
    verified_at: string | null;
  };
}

export function renderGitCommit(s: State, c: CommitObject): GitCommit {
  const api = repoApiUrl(s);
  const html = `${s.htmlUrl}/${s.owner}/${s.repo}`;
  return {
    sha: c.sha,
    node_id: `C_kwDOSIM${c.sha.slice(0, 16)}`,
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${html}/commit/${c.sha}`,
    author: { ...c.author },
    committer: { ...c.committer },
    message: c.message,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${html}/commit/${p}`,
    })),
    verification: {
      verified: false,
      reason: "unsigned",
      signature: null,
      payload: null,
      verified_at: null,
    },
  };
}

export function renderRef(s: State, fullRef: string, sha: string): Record<string, unknown> {
  const api = repoApiUrl(s);
  return {
    ref: fullRef,
    node_id: `REF_kwDOSIM${Buffer.from(fullRef).toString("base64url")}`,
    url: `${api}/git/${fullRef}`,
    object: { type: "commit", sha, url: `${api}/git/commits/${sha}` },
  };
}

/** An author/committer from the body, or the acting user stamped with the clock. */
export function signatureOf(
  ctx: RouteContext,
  key: "author" | "committer",
  fallback: Signature,
): Signature {
  const v = field(ctx.body, key);
  if (v === undefined) return fallback;
  return {
    name: reqString(v, "name"),
    email: reqString(v, "email"),
    date: optString(v, "date") ?? fallback.date,
  };
}

const getRef: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const ref = `refs/${ctx.params.ref ?? ""}`;
  const sha = ctx.state.git.refs.get(ref);
  if (!sha) throw notFound();
  return ok(renderRef(ctx.state, ref, sha));
};

function requireCommit(ctx: RouteContext, sha: string): void {
  if (!ctx.state.git.commits.has(sha)) throw validationFailed([], "Object does not exist");
}

const createRef: Handler = (ctx) => {
  requireLevel(ctx, "write");
  requireAppPermission(ctx, "contents");
  const ref = reqString(ctx.body, "ref");
  const sha = reqString(ctx.body, "sha");
  if (!/^refs\/[^/]+\/.+/.test(ref)) {
    throw validationFailed(
      [],
      "Reference name must start with 'refs/' and have at least two slashes.",
    );
  }
  requireCommit(ctx, sha);
  if (ctx.state.git.refs.has(ref)) throw validationFailed([], "Reference already exists");
  ctx.state.git.refs.set(ref, sha);
  ctx.state.pushedAt = ctx.state.now();
  const body = renderRef(ctx.state, ref, sha);
  return created(body, String(body.url));
};

const updateRef: Handler = (ctx) => {
  requireLevel(ctx, "write");
  requireAppPermission(ctx, "contents");
  const ref = `refs/${ctx.params.ref ?? ""}`;
  const current = ctx.state.git.refs.get(ref);
  if (!current) throw validationFailed([], "Reference does not exist");
  requireUnprotected(ctx, ref.replace(/^refs\/heads\//, ""));
  const sha = reqString(ctx.body, "sha");
  requireCommit(ctx, sha);
  if (!optBool(ctx.body, "force") && !ctx.state.git.isAncestor(current, sha)) {
    throw validationFailed([], "Update is not a fast forward");
  }
  ctx.state.git.refs.set(ref, sha);
  ctx.state.pushedAt = ctx.state.now();
  return ok(renderRef(ctx.state, ref, sha));
};

const createBlob: Handler = (ctx) => {
  requireLevel(ctx, "write");
  requireAppPermission(ctx, "contents");
  const content = reqString(ctx.body, "content");
  const encoding = optString(ctx.body, "encoding") ?? "utf-8";
  if (encoding !== "utf-8" && encoding !== "utf8" && encoding !== "base64") {
    throw validationFailed([{ resource: "Blob", field: "encoding", code: "invalid" }]);
  }
  const sha = ctx.state.git.putBlob(
    Buffer.from(content, encoding === "base64" ? "base64" : "utf8"),
  );
  const url = `${repoApiUrl(ctx.state)}/git/blobs/${sha}`;
  return created({ url, sha }, url);
};

const getBlob: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const sha = ctx.params.file_sha ?? "";
  const blob = ctx.state.git.blobs.get(sha);
  if (!blob) throw notFound();
  return ok({
    sha,
    node_id: `B_kwDOSIM${sha.slice(0, 16)}`,
    size: blob.length,
    url: `${repoApiUrl(ctx.state)}/git/blobs/${sha}`,
    content: blob.toString("base64"),
    encoding: "base64",
  });
};

function renderTree(s: State, sha: string, recursive: boolean): Record<string, unknown> {
  const api = repoApiUrl(s);
  const entries: { path: string; mode: TreeMode; type: TreeEntryType; sha: string }[] = [];
  const walk = (treeSha: string, prefix: string): void => {
    for (const e of s.git.trees.get(treeSha) ?? []) {
      entries.push({ path: prefix + e.name, mode: e.mode, type: e.type, sha: e.sha });
      if (recursive && e.type === "tree") walk(e.sha, `${prefix}${e.name}/`);
    }
  };
  walk(sha, "");
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: entries.map((e) => ({
      ...e,
      ...(e.type === "blob" ? { size: s.git.blobs.get(e.sha)?.length ?? 0 } : {}),
      url: `${api}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`,
    })),
    truncated: false,
  };
}

const getTree: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { git } = ctx.state;
  const given = ctx.params.tree_sha ?? "";
  // A tree sha, or (as GitHub allows) a commit sha or a branch/tag name.
  let sha: string | undefined = git.trees.has(given) ? given : undefined;
  if (!sha) {
    const commit = git.resolve(given);
    sha = commit ? git.commits.get(commit)?.tree : undefined;
  }
  if (!sha) throw notFound();
  return ok(renderTree(ctx.state, sha, ctx.query.has("recursive")));
};

const MODES: TreeMode[] = ["100644", "100755", "040000", "160000", "120000"];
const TYPES: TreeEntryType[] = ["blob", "tree", "commit"];

const createTree: Handler = (ctx) => {
  requireLevel(ctx, "write");
  requireAppPermission(ctx, "contents");
  const { git } = ctx.state;
  const base = optString(ctx.body, "base_tree");
  if (base !== undefined && !git.trees.has(base))
    throw validationFailed([], "base_tree is not a valid tree oid");
  const items = field(ctx.body, "tree");
  if (!Array.isArray(items))
    throw validationFailed([{ resource: "Tree", field: "tree", code: "missing_field" }]);
  const changes: TreeChange[] = items.map((item: unknown) => {
    const path = reqString(item, "path");
    const mode = MODES.find((m) => m === (optString(item, "mode") ?? "100644"));
    if (!mode) throw validationFailed([{ resource: "Tree", field: "mode", code: "invalid" }]);
    const type = TYPES.find(
      (t) =>
        t ===
        (optString(item, "type") ??
          (mode === "040000" ? "tree" : mode === "160000" ? "commit" : "blob")),
    );
    if (!type) throw validationFailed([{ resource: "Tree", field: "type", code: "invalid" }]);
    const content = optString(item, "content");
    const sha = optNullableString(item, "sha");
    if (content !== undefined && sha !== undefined) {
      throw validationFailed([], "Must supply either tree.sha or tree.content, not both");
    }
    if (content !== undefined)
      return { path, mode, type: "blob", sha: git.putBlob(Buffer.from(content)) };
    if (sha === undefined) throw validationFailed([], "Must supply tree.sha or tree.content");
    if (sha !== null && type === "blob" && !git.blobs.has(sha))
      throw validationFailed([], `Invalid tree info: ${sha} is not a blob`);
    if (sha !== null && type === "tree" && !git.trees.has(sha))
      throw validationFailed([], `Invalid tree info: ${sha} is not a tree`);
    return { path, mode, type, sha };
  });
  const sha = git.buildTree(base, changes);
  const body = renderTree(ctx.state, sha, false);
  return created(body, String(body.url));
};

const createCommit: Handler = (ctx) => {
  const login = requireLevel(ctx, "write");
  requireAppPermission(ctx, "contents");
  const { git } = ctx.state;
  const tree = reqString(ctx.body, "tree");
  if (!git.trees.has(tree)) throw validationFailed([], "Tree SHA does not exist");
  const rawParents = field(ctx.body, "parents");
  const parents = Array.isArray(rawParents) ? rawParents.map(String) : [];
  for (const p of parents)
    if (!git.commits.has(p))
      throw validationFailed([], "Parent SHA does not exist or is not a commit object");
  const author = signatureOf(ctx, "author", ctx.state.signature(login));
  const committer = signatureOf(ctx, "committer", author);
  const sha = git.putCommit({
    tree,
    parents,
    message: reqString(ctx.body, "message"),
    author,
    committer,
  });
  const body = renderGitCommit(ctx.state, git.commits.get(sha)!);
  return created(body, body.url);
};

const getCommit: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const c = ctx.state.git.commits.get(ctx.params.commit_sha ?? "");
  if (!c) throw notFound();
  return ok(renderGitCommit(ctx.state, c));
};

export const gitRoutes: Record<string, Handler> = {
  "git/get-ref": getRef,
  "git/create-ref": createRef,
  "git/update-ref": updateRef,
  "git/create-blob": createBlob,
  "git/get-blob": getBlob,
  "git/get-tree": getTree,
  "git/create-tree": createTree,
  "git/create-commit": createCommit,
  "git/get-commit": getCommit,
};

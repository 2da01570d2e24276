// repos/get, collaborator permission, contents (read and write) and branches.
import { basePermission } from "../permissions.js";
import { renderRepository, renderUser, repoApiUrl } from "../render.js";
import type { State } from "../state.js";
import {
  DOCS,
  HttpError,
  forbidden,
  notFound,
  ok,
  optString,
  requireAppPermission,
  requireLevel,
  requireUnprotected,
  reqString,
  validationFailed,
  type Handler,
  type RouteResult,
} from "./context.js";
import { renderGitCommit, signatureOf } from "./git.js";

const getRepo: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  return ok(renderRepository(ctx.state, login));
};

const permission: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  if (ctx.state.level(login) === "read" || ctx.state.level(login) === "triage") {
    throw forbidden("Must have push access to view collaborator permission.");
  }
  const target = ctx.state.findUser(ctx.params.username ?? "");
  if (!target || target.type === "Organization") throw notFound();
  const level = ctx.state.level(target.login);
  const r = ctx.state.rank(target.login);
  return ok({
    permission: basePermission(level),
    role_name: level,
    user: {
      ...renderUser(ctx.state, target.login),
      permissions: { admin: r >= 5, maintain: r >= 4, push: r >= 3, triage: r >= 2, pull: r >= 1 },
      role_name: level,
    },
  });
};

/** GitHub wraps base64 content at 60 characters. */
function wrapBase64(buf: Buffer): string {
  return (buf.toString("base64").match(/.{1,60}/g) ?? [""]).join("\n") + "\n";
}

function contentEntry(
  s: State,
  path: string,
  ref: string,
  type: "file" | "dir",
  sha: string,
  size: number,
): Record<string, unknown> {
  const api = repoApiUrl(s);
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const url = `${api}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${api}/git/${type === "dir" ? "trees" : "blobs"}/${sha}`;
  const view = type === "dir" ? "tree" : "blob";
  const htmlUrl = `${s.htmlUrl}/${s.owner}/${s.repo}/${view}/${ref}/${encoded}`;
  return {
    type,
    size,
    name: path.split("/").pop() ?? path,
    path,
    sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      type === "file"
        ? `https://raw.githubusercontent.com/${s.owner}/${s.repo}/${ref}/${encoded}`
        : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}

const getContent: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { state } = ctx;
  const ref = ctx.query.get("ref") ?? state.defaultBranch;
  const commit = state.git.resolve(ref);
  if (!commit)
    throw new HttpError(404, {
      message: `No commit found for the ref ${ref}`,
      documentation_url: DOCS,
      status: "404",
    });
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const entry = state.git.lookup(state.git.commits.get(commit)!.tree, path);
  if (!entry) throw notFound();
  if (entry.type === "tree") {
    const list = (state.git.trees.get(entry.sha) ?? []).map((e) => {
      const child = path ? `${path}/${e.name}` : e.name;
      return contentEntry(
        state,
        child,
        ref,
        e.type === "tree" ? "dir" : "file",
        e.sha,
        state.git.blobs.get(e.sha)?.length ?? 0,
      );
    });
    return ok(list);
  }
  const blob = state.git.blobs.get(entry.sha) ?? Buffer.alloc(0);
  if (/application\/vnd\.github(\.v3)?\.raw/.test(ctx.accept)) {
    return {
      status: 200,
      body: blob,
      headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
    };
  }
  return ok({
    ...contentEntry(state, path, ref, "file", entry.sha, blob.length),
    content: wrapBase64(blob),
    encoding: "base64",
  });
};

const putContent: Handler = (ctx) => {
  const login = requireLevel(ctx, "write");
  requireAppPermission(ctx, "contents");
  const { state } = ctx;
  const { git } = state;
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const branch = optString(ctx.body, "branch") ?? state.defaultBranch;
  requireUnprotected(ctx, branch);
  const head = git.refs.get(`refs/heads/${branch}`);
  if (!head)
    throw new HttpError(404, {
      message: `Branch ${branch} not found`,
      documentation_url: DOCS,
      status: "404",
    });
  const base64 = reqString(ctx.body, "content");
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64))
    throw validationFailed([], "content is not valid Base64");
  const existing = git.lookup(git.commits.get(head)!.tree, path);
  const sha = optString(ctx.body, "sha");
  if (existing?.type === "tree") throw validationFailed([], `${path} is a directory`);
  if (existing && sha === undefined)
    throw validationFailed([], 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (existing && sha !== existing.sha) {
    throw new HttpError(409, {
      message: `${path} does not match ${sha}`,
      documentation_url: DOCS,
      status: "409",
    });
  }
  const blob = git.putBlob(Buffer.from(base64, "base64"));
  const tree = git.buildTree(git.commits.get(head)!.tree, [
    { path, mode: "100644", type: "blob", sha: blob },
  ]);
  const committer = signatureOf(ctx, "committer", state.signature(login));
  const author = signatureOf(ctx, "author", committer);
  const commit = git.putCommit({
    tree,
    parents: [head],
    message: reqString(ctx.body, "message"),
    author,
    committer,
  });
  git.refs.set(`refs/heads/${branch}`, commit);
  state.pushedAt = state.now();
  const content = contentEntry(state, path, branch, "file", blob, git.blobs.get(blob)!.length);
  const result: RouteResult = ok(
    { content, commit: renderGitCommit(state, git.commits.get(commit)!) },
    existing ? 200 : 201,
  );
  return result;
};

const getBranch: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { state } = ctx;
  const name = ctx.params.branch ?? "";
  const sha = state.git.refs.get(`refs/heads/${name}`);
  if (!sha)
    throw new HttpError(404, {
      message: "Branch not found",
      documentation_url: DOCS,
      status: "404",
    });
  const c = renderGitCommit(state, state.git.commits.get(sha)!);
  const api = repoApiUrl(state);
  const person = (login: string) => (state.findUser(login) ? renderUser(state, login) : null);
  return ok({
    name,
    commit: {
      sha,
      node_id: c.node_id,
      commit: {
        author: c.author,
        committer: c.committer,
        message: c.message,
        tree: c.tree,
        url: c.url,
        comment_count: 0,
        verification: c.verification,
      },
      url: `${api}/commits/${sha}`,
      html_url: c.html_url,
      comments_url: `${api}/commits/${sha}/comments`,
      author: person(c.author.name),
      committer: person(c.committer.name),
      parents: c.parents,
    },
    _links: {
      self: `${api}/branches/${encodeURIComponent(name)}`,
      html: `${state.htmlUrl}/${state.owner}/${state.repo}/tree/${name}`,
    },
    protected: state.protectedBranches.has(name),
    protection: {
      enabled: state.protectedBranches.has(name),
      required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
    },
    protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
  });
};

export const repoRoutes: Record<string, Handler> = {
  "repos/get": getRepo,
  "repos/get-collaborator-permission-level": permission,
  "repos/get-content": getContent,
  "repos/create-or-update-file-contents": putContent,
  "repos/get-branch": getBranch,
};

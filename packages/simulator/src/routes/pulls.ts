// Pull requests: create, list, get, update, merge, request reviewers.
import { LEVEL_RANK } from "../permissions.js";
import { renderPull, renderUser } from "../render.js";
import type { IssueRecord, PullRecord } from "../state.js";
import { deliverIssue } from "../webhooks.js";
import {
  DOCS,
  HttpError,
  created,
  field,
  forbidden,
  has,
  hasLevel,
  intParam,
  notFound,
  ok,
  optBool,
  optNullableString,
  optString,
  paginate,
  requireAppPermission,
  requireLevel,
  reqString,
  validationFailed,
  type Handler,
  type RouteContext,
} from "./context.js";

function pullParam(ctx: RouteContext): { pull: PullRecord; issue: IssueRecord } {
  const n = intParam(ctx, "pull_number");
  const pull = ctx.state.pulls.get(n);
  const issue = ctx.state.issues.get(n);
  if (!pull || !issue) throw notFound();
  return { pull, issue };
}

/** `branch` or `owner:branch` (same repository only). */
function branchOf(ctx: RouteContext, spec: string): string {
  const colon = spec.indexOf(":");
  if (colon < 0) return spec;
  if (spec.slice(0, colon).toLowerCase() !== ctx.state.owner.toLowerCase()) return "\0";
  return spec.slice(colon + 1);
}

function pullError(message: string): HttpError {
  return validationFailed([{ resource: "PullRequest", code: "custom", message }]);
}

const create: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  requireAppPermission(ctx, "pull_requests");
  const { state, body } = ctx;
  const { git } = state;
  if (has(body, "issue"))
    throw pullError("Converting an issue into a pull request is not supported by the simulator");
  const head = branchOf(ctx, reqString(body, "head"));
  const base = reqString(body, "base");
  const title = optString(body, "title");
  if (title === undefined)
    throw validationFailed([{ resource: "PullRequest", code: "missing_field", field: "title" }]);
  const headSha = git.refs.get(`refs/heads/${head}`);
  const baseSha = git.refs.get(`refs/heads/${base}`);
  if (!headSha)
    throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "head" }]);
  if (!baseSha)
    throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "base" }]);
  if (git.isAncestor(headSha, baseSha)) throw pullError(`No commits between ${base} and ${head}`);
  const open = [...state.pulls.values()].find(
    (p) => p.head === head && p.base === base && state.issues.get(p.number)?.state === "open",
  );
  if (open) throw pullError(`A pull request already exists for ${state.owner}:${head}.`);
  const issue = state.createIssue(
    login,
    { title, body: optNullableString(body, "body") ?? null, labels: [], assignees: [] },
    true,
  );
  const id = state.nextId("pull");
  const pull: PullRecord = {
    number: issue.number,
    id,
    nodeId: issue.nodeId,
    head,
    base,
    headSha,
    baseSha,
    draft: optBool(body, "draft") ?? false,
    maintainerCanModify: optBool(body, "maintainer_can_modify") ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    requestedReviewers: [],
  };
  state.pulls.set(pull.number, pull);
  state.openedPull(login, issue);
  const rendered = renderPull(state, pull);
  return created(rendered, rendered.url);
};

const list: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { state, query } = ctx;
  const wantState = query.get("state") ?? "open";
  const head = query.get("head");
  const base = query.get("base");
  const sort = query.get("sort") ?? "created";
  const direction = query.get("direction") ?? (sort === "created" ? "desc" : "asc");
  const items = [...state.pulls.values()].filter((p) => {
    const issue = state.issues.get(p.number)!;
    if (wantState !== "all" && issue.state !== wantState) return false;
    if (head && branchOf(ctx, head) !== p.head) return false;
    if (base && base !== p.base) return false;
    return true;
  });
  const key = (p: PullRecord): number =>
    sort === "updated" ? Date.parse(state.issues.get(p.number)!.updatedAt) : 0;
  items.sort((a, b) => key(a) - key(b) || a.number - b.number);
  if (direction === "desc") items.reverse();
  return paginate(
    ctx,
    items.map((p) => renderPull(state, p)),
  );
};

const get: Handler = (ctx) => {
  requireLevel(ctx, "read");
  return ok(renderPull(ctx.state, pullParam(ctx).pull));
};

const update: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const { state, body } = ctx;
  const { pull, issue } = pullParam(ctx);
  if (issue.user.toLowerCase() !== login.toLowerCase() && !hasLevel(ctx, "write"))
    throw forbidden();
  const base = optString(body, "base");
  if (base !== undefined && base !== pull.base) {
    const sha = state.git.refs.get(`refs/heads/${base}`);
    if (!sha) throw validationFailed([{ resource: "PullRequest", code: "invalid", field: "base" }]);
    const from = { ref: pull.base, sha: pull.baseSha };
    pull.base = base;
    pull.baseSha = sha;
    issue.updatedAt = state.now();
    deliverIssue(state, "edited", login, issue, {
      changes: { base: { ref: { from: from.ref }, sha: { from: from.sha } } },
    });
  }
  const mcm = optBool(body, "maintainer_can_modify");
  if (mcm !== undefined) pull.maintainerCanModify = mcm;
  state.editIssue(login, issue, {
    title: optString(body, "title"),
    body: optNullableString(body, "body"),
  });
  const wantState = optString(body, "state");
  if (wantState === "closed") state.close(login, issue, null);
  else if (wantState === "open" && !pull.merged) state.reopen(login, issue);
  return ok(renderPull(state, pull));
};

const merge: Handler = (ctx) => {
  const login = requireLevel(ctx, "write");
  const { state, body } = ctx;
  const { git } = state;
  const { pull, issue } = pullParam(ctx);
  const notMergeable = (): HttpError =>
    new HttpError(405, {
      message: "Pull Request is not mergeable",
      documentation_url: DOCS,
      status: "405",
    });
  if (pull.merged || issue.state !== "open") throw notMergeable();
  const headSha = git.refs.get(`refs/heads/${pull.head}`);
  const baseSha = git.refs.get(`refs/heads/${pull.base}`);
  if (!headSha || !baseSha) throw notMergeable();
  const expected = optString(body, "sha");
  if (expected !== undefined && expected !== headSha) {
    throw new HttpError(409, {
      message: "Head branch was modified. Review and try the merge again.",
      documentation_url: DOCS,
      status: "409",
    });
  }
  const tree = git.mergeTrees(baseSha, headSha);
  if (!tree) throw notMergeable();
  const method = optString(body, "merge_method") ?? "merge";
  const title = optString(body, "commit_title");
  const message = optString(body, "commit_message");
  const sig = state.signature(login);
  const mergeTitle = `Merge pull request #${pull.number} from ${state.owner}/${pull.head}`;
  const commitMessage =
    method === "merge"
      ? `${title ?? mergeTitle}\n\n${message ?? issue.title}`
      : `${title ?? `${issue.title} (#${pull.number})`}${message ? `\n\n${message}` : ""}`;
  const parents = method === "merge" ? [baseSha, headSha] : [baseSha];
  const sha = git.putCommit({ tree, parents, message: commitMessage, author: sig, committer: sig });
  git.refs.set(`refs/heads/${pull.base}`, sha);
  state.pushedAt = state.now();
  pull.headSha = headSha;
  pull.baseSha = sha;
  pull.merged = true;
  pull.mergedAt = state.now();
  pull.mergedBy = login;
  pull.mergeCommitSha = sha;
  state.recordEvent(issue, login, "merged", { commitId: sha });
  state.close(login, issue, null, sha);
  return ok({ sha, merged: true, message: "Pull Request successfully merged" });
};

const requestReviewers: Handler = (ctx) => {
  const login = requireLevel(ctx, "triage");
  requireAppPermission(ctx, "pull_requests");
  const { state } = ctx;
  const { pull, issue } = pullParam(ctx);
  const raw = field(ctx.body, "reviewers");
  const reviewers = Array.isArray(raw) ? raw.map(String) : [];
  if (reviewers.some((r) => r.toLowerCase() === issue.user.toLowerCase())) {
    throw pullError("Review cannot be requested from pull request author.");
  }
  if (
    reviewers.some((r) => state.rank(r) < LEVEL_RANK.read || state.findUser(r)?.type !== "User")
  ) {
    throw pullError(
      "Reviews may only be requested from collaborators. One or more of the users or teams you" +
        ` specified is not a collaborator of the ${state.owner}/${state.repo} repository.`,
    );
  }
  for (const r of reviewers) {
    const u = state.findUser(r)!;
    if (pull.requestedReviewers.includes(u.login)) continue;
    pull.requestedReviewers.push(u.login);
    state.recordEvent(issue, login, "review_requested", { requestedReviewer: u.login });
    deliverIssue(state, "review_requested", login, issue, {
      requested_reviewer: renderUser(state, u.login),
    });
  }
  issue.updatedAt = state.now();
  return created(renderPull(state, pull));
};

export const pullRoutes: Record<string, Handler> = {
  "pulls/create": create,
  "pulls/list": list,
  "pulls/get": get,
  "pulls/update": update,
  "pulls/merge": merge,
  "pulls/request-reviewers": requestReviewers,
};

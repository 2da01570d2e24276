// issues/get, issues/create, issues/update, issues/list-for-repo, and assignees.
import { LEVEL_RANK } from "../permissions.js";
import { renderIssue } from "../render.js";
import type { IssueRecord, State } from "../state.js";
import {
  created,
  field,
  noContent,
  notFound,
  forbidden,
  has,
  hasLevel,
  issueParam,
  nameList,
  ok,
  optNullableString,
  optString,
  paginate,
  requireLevel,
  reqString,
  validationFailed,
  type Handler,
  type RouteContext,
} from "./context.js";

/** Assignees must be users with access to the repository (GitHub answers 422 otherwise). */
function checkAssignees(state: State, logins: string[]): void {
  const bad = logins.filter(
    (l) => state.rank(l) < LEVEL_RANK.read || state.findUser(l)?.type !== "User",
  );
  if (bad.length) {
    throw validationFailed(
      bad.map((value) => ({ resource: "Issue", field: "assignees", code: "invalid", value })),
    );
  }
}

function assigneesOf(body: unknown): string[] | undefined {
  if (has(body, "assignees")) return nameList(field(body, "assignees"), "login", "assignees");
  if (field(body, "assignee") === null) return [];
  const single = optString(body, "assignee");
  return single === undefined ? undefined : [single];
}

function checkMilestone(body: unknown): void {
  const m = field(body, "milestone");
  if (m !== undefined && m !== null) {
    throw validationFailed([{ resource: "Issue", field: "milestone", code: "invalid", value: m }]);
  }
}

const get: Handler = (ctx) => {
  requireLevel(ctx, "read");
  return ok(renderIssue(ctx.state, issueParam(ctx)));
};

const create: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const { state, body } = ctx;
  checkMilestone(body);
  // Like GitHub, labels and assignees from users without triage access are silently dropped.
  const canTriage = hasLevel(ctx, "triage");
  const labels = canTriage ? nameList(field(body, "labels"), "name", "labels") : [];
  const assignees = canTriage ? (assigneesOf(body) ?? []) : [];
  checkAssignees(state, assignees);
  const issue = state.createIssue(login, {
    title: reqString(body, "title"),
    body: optNullableString(body, "body") ?? null,
    labels,
    assignees,
  });
  return created(
    renderIssue(state, issue),
    `${state.apiUrl}/repos/${state.owner}/${state.repo}/issues/${issue.number}`,
  );
};

const update: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const { state, body } = ctx;
  const issue = issueParam(ctx);
  const isAuthor = issue.user.toLowerCase() === login.toLowerCase();
  checkMilestone(body);

  const title = optNullableString(body, "title") ?? undefined;
  const text = optNullableString(body, "body");
  if ((title !== undefined || text !== undefined) && !isAuthor && !hasLevel(ctx, "write"))
    throw forbidden();

  const wantState = optString(body, "state");
  const reason = optNullableString(body, "state_reason");
  if ((wantState !== undefined || reason !== undefined) && !isAuthor && !hasLevel(ctx, "triage"))
    throw forbidden();

  const canTriage = hasLevel(ctx, "triage");
  const labels =
    canTriage && has(body, "labels")
      ? nameList(field(body, "labels"), "name", "labels")
      : undefined;
  const assignees = canTriage ? assigneesOf(body) : undefined;
  if (assignees) checkAssignees(state, assignees);

  state.editIssue(login, issue, { title, body: text });
  if (labels) state.setLabels(login, issue, labels);
  if (assignees) state.setAssignees(login, issue, assignees);
  if (wantState === "closed") state.close(login, issue, reason ?? null);
  else if (wantState === "open") state.reopen(login, issue);
  else if (reason && issue.state === "closed") issue.stateReason = reason;
  return ok(renderIssue(state, issue));
};

function matchesFilters(ctx: RouteContext, i: IssueRecord): boolean {
  const q = ctx.query;
  const wantState = q.get("state") ?? "open";
  if (wantState !== "all" && i.state !== wantState) return false;
  const labels = q.get("labels");
  if (labels) {
    const names = new Set(i.labels.map((id) => ctx.state.labelById(id).name.toLowerCase()));
    for (const want of labels
      .split(",")
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean)) {
      if (!names.has(want)) return false;
    }
  }
  const creator = q.get("creator");
  if (creator && i.user.toLowerCase() !== creator.toLowerCase()) return false;
  const assignee = q.get("assignee");
  if (assignee === "none" && i.assignees.length > 0) return false;
  if (assignee === "*" && i.assignees.length === 0) return false;
  if (
    assignee &&
    assignee !== "none" &&
    assignee !== "*" &&
    !i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())
  )
    return false;
  const since = q.get("since");
  if (since && Date.parse(i.updatedAt) < Date.parse(since)) return false;
  return true;
}

const listForRepo: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const sort = ctx.query.get("sort") ?? "created";
  const direction = ctx.query.get("direction") ?? "desc";
  const key = (i: IssueRecord): number =>
    sort === "updated"
      ? Date.parse(i.updatedAt)
      : sort === "comments"
        ? ctx.state.commentsOf(i.number).length
        : 0;
  const items = [...ctx.state.issues.values()]
    .filter((i) => matchesFilters(ctx, i))
    // Ties (same timestamp from a fixed clock) fall back to the number, newest first.
    .sort((a, b) => key(a) - key(b) || a.number - b.number);
  if (direction === "desc") items.reverse();
  return paginate(
    ctx,
    items.map((i) => renderIssue(ctx.state, i)),
  );
};

const addAssignees: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  // GitHub ignores assignees it cannot assign, and everything from users without triage.
  if (hasLevel(ctx, "triage")) {
    const wanted = nameList(field(ctx.body, "assignees"), "login", "assignees");
    ctx.state.addAssignees(
      login,
      issue,
      wanted.filter((l) => ctx.state.rank(l) >= LEVEL_RANK.read),
    );
  }
  return created(renderIssue(ctx.state, issue));
};

const removeAssignees: Handler = (ctx) => {
  const login = requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  if (hasLevel(ctx, "triage"))
    ctx.state.removeAssignees(
      login,
      issue,
      nameList(field(ctx.body, "assignees"), "login", "assignees"),
    );
  return ok(renderIssue(ctx.state, issue));
};

/** 204 when the user can be assigned to issues here, 404 otherwise (as GitHub answers). */
const checkAssignable: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const login = ctx.params.assignee ?? "";
  const user = ctx.state.findUser(login);
  if (!user || user.type !== "User" || ctx.state.rank(login) < LEVEL_RANK.read) throw notFound();
  return noContent();
};

export const issueRoutes: Record<string, Handler> = {
  "issues/check-user-can-be-assigned": checkAssignable,
  "issues/get": get,
  "issues/create": create,
  "issues/update": update,
  "issues/list-for-repo": listForRepo,
  "issues/add-assignees": addAssignees,
  "issues/remove-assignees": removeAssignees,
};

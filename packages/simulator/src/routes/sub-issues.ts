// Sub-issues: a parent lists children by the child's `id` (not its number).
import { renderIssue } from "../render.js";
import type { IssueRecord } from "../state.js";
import {
  HttpError,
  DOCS,
  created,
  field,
  issueParam,
  ok,
  optBool,
  paginate,
  requireLevel,
  validationFailed,
  type Handler,
  type RouteContext,
} from "./context.js";

function subIssueById(ctx: RouteContext): IssueRecord {
  const id = field(ctx.body, "sub_issue_id");
  const child = [...ctx.state.issues.values()].find((i) => i.id === id && !i.isPull);
  if (!child) {
    throw validationFailed([
      { resource: "Issue", field: "sub_issue_id", code: "invalid", value: id },
    ]);
  }
  return child;
}

function isAncestor(ctx: RouteContext, candidate: IssueRecord, of: IssueRecord): boolean {
  for (let p = of.parent; p !== undefined; p = ctx.state.issues.get(p)?.parent)
    if (p === candidate.number) return true;
  return false;
}

const add: Handler = (ctx) => {
  requireLevel(ctx, "triage");
  const parent = issueParam(ctx);
  const child = subIssueById(ctx);
  if (child.number === parent.number || isAncestor(ctx, child, parent)) {
    throw validationFailed([
      {
        resource: "Issue",
        field: "sub_issue_id",
        code: "invalid",
        message: "An issue cannot be its own ancestor",
      },
    ]);
  }
  if (child.parent !== undefined && child.parent !== parent.number) {
    if (!optBool(ctx.body, "replace_parent")) {
      throw validationFailed([
        {
          resource: "Issue",
          field: "sub_issue_id",
          code: "custom",
          message:
            "Issue may not contain duplicate sub-issues and Sub issue may only have one parent",
        },
      ]);
    }
    const old = ctx.state.issues.get(child.parent);
    if (old) old.subIssues = old.subIssues.filter((n) => n !== child.number);
  }
  if (!parent.subIssues.includes(child.number)) parent.subIssues.push(child.number);
  child.parent = parent.number;
  parent.updatedAt = ctx.state.now();
  return created(renderIssue(ctx.state, parent));
};

const list: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const parent = issueParam(ctx);
  const children = parent.subIssues
    .map((n) => ctx.state.issues.get(n)!)
    .map((i) => renderIssue(ctx.state, i));
  return paginate(ctx, children);
};

const remove: Handler = (ctx) => {
  requireLevel(ctx, "triage");
  const parent = issueParam(ctx);
  const child = subIssueById(ctx);
  if (child.parent !== parent.number) {
    throw new HttpError(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
  }
  parent.subIssues = parent.subIssues.filter((n) => n !== child.number);
  delete child.parent;
  parent.updatedAt = ctx.state.now();
  return ok(renderIssue(ctx.state, parent));
};

/** GET …/issues/{n}/parent: the parent issue, 404 when there is none. */
const parent: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const child = issueParam(ctx);
  const found = child.parent === undefined ? undefined : ctx.state.issues.get(child.parent);
  if (!found)
    throw new HttpError(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
  return ok(renderIssue(ctx.state, found));
};

export const subIssueRoutes: Record<string, Handler> = {
  "issues/get-parent": parent,
  "issues/add-sub-issue": add,
  "issues/list-sub-issues": list,
  "issues/remove-sub-issue": remove,
};

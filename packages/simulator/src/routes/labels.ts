// Repository labels and the labels of an issue.
import { renderLabel } from "../render.js";
import {
  DOCS,
  HttpError,
  created,
  field,
  issueParam,
  nameList,
  noContent,
  notFound,
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

function labelNames(ctx: RouteContext): string[] {
  return nameList(field(ctx.body, "labels"), "name", "labels");
}

const listForRepo: Handler = (ctx) => {
  requireLevel(ctx, "read");
  return paginate(
    ctx,
    ctx.state.labels.map((l) => renderLabel(ctx.state, l)),
  );
};

const getLabel: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const label = ctx.state.labelByName(ctx.params.name ?? "");
  if (!label) throw notFound();
  return ok(renderLabel(ctx.state, label));
};

const createLabel: Handler = (ctx) => {
  requireLevel(ctx, "write");
  const name = reqString(ctx.body, "name");
  if (ctx.state.labelByName(name)) {
    throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
  }
  const color = optString(ctx.body, "color") ?? "ededed";
  if (!/^#?[0-9a-fA-F]{6}$/.test(color))
    throw validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
  const label = ctx.state.createLabel(
    name,
    color,
    optNullableString(ctx.body, "description") ?? null,
  );
  const rendered = renderLabel(ctx.state, label);
  return created(rendered, rendered.url);
};

const listOnIssue: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const issue = issueParam(ctx);
  return paginate(
    ctx,
    issue.labels.map((id) => renderLabel(ctx.state, ctx.state.labelById(id))),
  );
};

function issueLabels(ctx: RouteContext, number: number): ReturnType<typeof renderLabel>[] {
  const issue = ctx.state.issues.get(number)!;
  return issue.labels.map((id) => renderLabel(ctx.state, ctx.state.labelById(id)));
}

const addLabels: Handler = (ctx) => {
  const login = requireLevel(ctx, "triage");
  const issue = issueParam(ctx);
  ctx.state.addLabels(login, issue, labelNames(ctx));
  return ok(issueLabels(ctx, issue.number));
};

const setLabels: Handler = (ctx) => {
  const login = requireLevel(ctx, "triage");
  const issue = issueParam(ctx);
  ctx.state.setLabels(login, issue, labelNames(ctx));
  return ok(issueLabels(ctx, issue.number));
};

const removeLabel: Handler = (ctx) => {
  const login = requireLevel(ctx, "triage");
  const issue = issueParam(ctx);
  const label = ctx.state.labelByName(ctx.params.name ?? "");
  // 404 when the label does not exist or is not on the issue.
  if (!label || !issue.labels.includes(label.id)) {
    throw new HttpError(404, {
      message: "Label does not exist",
      documentation_url: DOCS,
      status: "404",
    });
  }
  ctx.state.removeLabel(login, issue, label);
  return ok(issueLabels(ctx, issue.number));
};

const removeAll: Handler = (ctx) => {
  const login = requireLevel(ctx, "triage");
  const issue = issueParam(ctx);
  ctx.state.setLabels(login, issue, []);
  return noContent();
};

export const labelRoutes: Record<string, Handler> = {
  "issues/list-labels-for-repo": listForRepo,
  "issues/get-label": getLabel,
  "issues/create-label": createLabel,
  "issues/list-labels-on-issue": listOnIssue,
  "issues/add-labels": addLabels,
  "issues/set-labels": setLabels,
  "issues/remove-label": removeLabel,
  "issues/remove-all-labels": removeAll,
};

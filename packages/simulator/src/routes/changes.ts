// Deployments and their statuses, releases and workflow runs: the lists, newest first,
// filtered as GitHub filters them. Sibling repositories (`addRepository`) answer these and
// an empty pull request list.
import { renderDeployment, renderRelease, renderRun, renderStatus, type Feed } from "../changes.js";
import { renderRepository } from "../render.js";
import {
  intParam,
  notFound,
  ok,
  pageParams,
  paginate,
  requireLevel,
  type Handler,
  type RouteContext,
} from "./context.js";

function feedOf(ctx: RouteContext): { feed: Feed; repo: string } {
  const repo = ctx.params["repo"] ?? ctx.state.repo;
  const feed = ctx.state.feeds.feed(repo);
  if (!feed) throw notFound();
  return { feed, repo };
}

const newest = <T extends { createdAt: string; id: number }>(items: T[]): T[] =>
  [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);

const listDeployments: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { feed, repo } = feedOf(ctx);
  const q = ctx.query;
  const items = newest(feed.deployments).filter(
    (d) =>
      (!q.get("environment") || q.get("environment") === d.environment) &&
      (!q.get("ref") || q.get("ref") === d.ref) &&
      (!q.get("sha") || q.get("sha") === d.sha),
  );
  return paginate(
    ctx,
    items.map((d) => renderDeployment(ctx.state, repo, d)),
  );
};

const listStatuses: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { feed, repo } = feedOf(ctx);
  const d = feed.deployments.find((x) => x.id === intParam(ctx, "deployment_id"));
  if (!d) throw notFound();
  return paginate(
    ctx,
    newest(d.statuses).map((st) => renderStatus(ctx.state, repo, d, st)),
  );
};

const listReleases: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { feed, repo } = feedOf(ctx);
  return paginate(
    ctx,
    newest(feed.releases).map((r) => renderRelease(ctx.state, repo, r)),
  );
};

/** `created`: `>=2026-11-23T10:00:00Z`, `<=…`, `a..b` or a day, as GitHub's search syntax. */
function createdMatches(filter: string | null, at: string): boolean {
  if (!filter) return true;
  const t = Date.parse(at);
  const m = /^(>=|<=|>|<)?(.+)$/.exec(filter);
  if (filter.includes("..")) {
    const [a, b] = filter.split("..");
    return (a === "*" || t >= Date.parse(a!)) && (b === "*" || t <= Date.parse(b!));
  }
  const bound = Date.parse(m?.[2] ?? "");
  if (Number.isNaN(bound)) return true;
  const op = m?.[1];
  if (op === ">=") return t >= bound;
  if (op === ">") return t > bound;
  if (op === "<=") return t <= bound;
  if (op === "<") return t < bound;
  return at.startsWith(m?.[2] ?? "");
}

const listRuns: Handler = (ctx) => {
  requireLevel(ctx, "read");
  const { feed, repo } = feedOf(ctx);
  const q = ctx.query;
  const status = q.get("status");
  const items = newest(feed.runs).filter(
    (r) =>
      (!status || status === r.conclusion || status === "completed") &&
      (!q.get("branch") || q.get("branch") === r.branch) &&
      (!q.get("event") || q.get("event") === r.event) &&
      (!q.get("actor") || q.get("actor") === r.actor) &&
      createdMatches(q.get("created"), r.createdAt),
  );
  const { perPage, page } = pageParams(ctx);
  const runs = items
    .slice((page - 1) * perPage, page * perPage)
    .map((r) => renderRun(ctx.state, repo, r));
  return ok({ total_count: items.length, workflow_runs: runs });
};

/** A sibling repository: its lists of changes, no pull requests, and its own name. */
export const siblingRoutes: Readonly<Record<string, Handler>> = {
  "pulls/list": (ctx) => {
    requireLevel(ctx, "read");
    feedOf(ctx);
    return paginate(ctx, []);
  },
  "repos/get": (ctx) => {
    requireLevel(ctx, "read");
    const { repo } = feedOf(ctx);
    return ok({
      ...renderRepository(ctx.state),
      name: repo,
      full_name: `${ctx.state.owner}/${repo}`,
    });
  },
};

export const changeRoutes: Readonly<Record<string, Handler>> = {
  "repos/list-deployments": listDeployments,
  "repos/list-deployment-statuses": listStatuses,
  "repos/list-releases": listReleases,
  "actions/list-workflow-runs-for-repo": listRuns,
};

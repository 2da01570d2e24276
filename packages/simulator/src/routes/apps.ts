// The GitHub App side: GET /app, installation tokens, the repository's installation.
import { renderApp, renderRepository, renderUser } from "../render.js";
import type { State } from "../state.js";
import {
  DOCS,
  HttpError,
  created,
  field,
  intParam,
  notFound,
  ok,
  paginate,
  type Handler,
  type RouteContext,
} from "./context.js";

function requireJwt(ctx: RouteContext): void {
  if (!ctx.asApp) {
    throw new HttpError(401, {
      message: "A JSON web token could not be decoded",
      documentation_url: DOCS,
      status: "401",
    });
  }
}

function renderInstallation(s: State, id = s.installationId): Record<string, unknown> {
  const app = renderApp(s);
  return {
    id,
    account: renderUser(s, s.owner),
    repository_selection: "selected",
    access_tokens_url: `${s.apiUrl}/app/installations/${id}/access_tokens`,
    repositories_url: `${s.apiUrl}/installation/repositories`,
    html_url: `${s.htmlUrl}/organizations/${s.owner}/settings/installations/${id}`,
    app_id: app.id,
    app_slug: app.slug,
    client_id: app.client_id,
    target_id: s.user(s.owner).id,
    target_type: "Organization",
    permissions: app.permissions,
    events: app.events,
    created_at: s.startedAt,
    updated_at: s.startedAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

const getAuthenticated: Handler = (ctx) => {
  requireJwt(ctx);
  return ok(renderApp(ctx.state));
};

const createToken: Handler = (ctx) => {
  requireJwt(ctx);
  const installation = intParam(ctx, "installation_id");
  if (!(installation >= 1 && installation <= ctx.state.installations)) throw notFound();
  const token = ctx.state.issueBotToken(installation);
  const expires = new Date(ctx.state.clock().getTime() + 3600_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
  const requested = field(ctx.body, "permissions");
  const permissions =
    requested && typeof requested === "object" ? requested : renderApp(ctx.state).permissions;
  return created({ token, expires_at: expires, permissions, repository_selection: "selected" });
};

const getRepoInstallation: Handler = (ctx) => {
  requireJwt(ctx);
  return ok(renderInstallation(ctx.state));
};

/** GET /user: a person's token answers with the person; an installation token (the
 * app's bot) gets 403, as on GitHub ("Resource not accessible by integration"). */
const getAuthenticatedUser: Handler = (ctx) => {
  if (!ctx.login)
    throw new HttpError(401, {
      message: "Requires authentication",
      documentation_url: DOCS,
      status: "401",
    });
  if (ctx.state.findUser(ctx.login)?.type !== "User") {
    throw new HttpError(403, {
      message: "Resource not accessible by integration",
      documentation_url: DOCS,
      status: "403",
    });
  }
  return ok(renderUser(ctx.state, ctx.login));
};

/** GET /app/installations: the simulator's installations (all on the repository's owner). */
const listInstallations: Handler = (ctx) => {
  requireJwt(ctx);
  const s = ctx.state;
  // GitHub's description has this account as allOf [simple-user, enterprise]: both shapes.
  const account = {
    ...renderUser(s, s.owner),
    name: s.owner,
    slug: s.owner,
    created_at: s.startedAt,
    updated_at: s.startedAt,
  };
  const all = Array.from({ length: s.installations }, (_, i) => ({
    ...renderInstallation(s, i + 1),
    account,
  }));
  return paginate(ctx, all);
};

/** GET /installation/repositories: with the bot's installation token, the one repository. */
const listInstallationRepos: Handler = (ctx) => {
  if (!ctx.login || ctx.state.findUser(ctx.login)?.type !== "Bot") {
    throw new HttpError(403, {
      message: "This endpoint requires an installation token",
      documentation_url: DOCS,
      status: "403",
    });
  }
  const page = paginate(ctx, [renderRepository(ctx.state, ctx.login)]);
  return {
    ...page,
    body: { total_count: 1, repository_selection: "selected", repositories: page.body },
  };
};

export const appRoutes: Record<string, Handler> = {
  "apps/list-installations": listInstallations,
  "apps/list-repos-accessible-to-installation": listInstallationRepos,
  "apps/get-authenticated": getAuthenticated,
  "users/get-authenticated": getAuthenticatedUser,
  "apps/create-installation-access-token": createToken,
  "apps/get-repo-installation": getRepoInstallation,
};

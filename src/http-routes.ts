// HTTP routes the App adds to Probot's server: a health endpoint for load balancers and
// orchestrators, and webhook deliveries at the server root. Probot's setup page registers
// the App with `hook_attributes.url` = `<server>/` (manifest-creation.js), while Probot
// listens on WEBHOOK_PATH (`/api/github/webhooks`): without the root route every delivery
// to an App registered that way would answer 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export const HEALTH_PATH = "/healthz";

function pathOf(req: IncomingMessage): string {
  return (req.url ?? "").split("?")[0] ?? "";
}

/** GET /healthz: 200 with a small JSON body once the App is loaded and listening. */
export function healthRoute(version: string): Handler {
  return (req, res) => {
    if (pathOf(req) !== HEALTH_PATH || (req.method !== "GET" && req.method !== "HEAD"))
      return false;
    res
      .writeHead(200, { "content-type": "application/json", "cache-control": "no-store" })
      .end(JSON.stringify({ status: "ok", name: "hereby", version }));
    return true;
  };
}

/** POST / handled like POST WEBHOOK_PATH: same signature check, same handlers. */
export async function rootWebhookRoute(app: Probot): Promise<Handler | undefined> {
  if (app.webhookPath === "/") return undefined;
  const middleware = await app.getNodeMiddleware({ path: "/" });
  return async (req, res) => {
    if (pathOf(req) !== "/" || req.method !== "POST") return false;
    return (await middleware(req, res)) !== false;
  };
}

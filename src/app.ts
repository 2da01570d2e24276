// The GitHub App shell (Probot). It turns a Probot context into the core's handler
// context and hands over `context.octokit` itself: an installation token pulled out of
// it would be fetched from api.github.com on a cold cache even under GHE_HOST.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Probot } from "probot";
import { handleEvent, HANDLED_EVENTS } from "./handlers/index.js";

export default function hereby(app: Probot): void {
  app.on([...HANDLED_EVENTS], async (context) => {
    const event = { id: context.id, name: context.name, payload: context.payload } as EmitterWebhookEvent;
    const result = await handleEvent(event, {
      octokit: context.octokit,
      repo: context.repo(),
      clock: () => new Date(),
      log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
    });
    if (result.configError) context.log.warn(result.configError.message);
    context.log.debug({ notes: result.notes, writes: result.writes.length }, "hereby handled %s", context.name);
  });
}

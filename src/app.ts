// The GitHub App shell (Probot). It turns a Probot context into the core's handler
// context and hands over Probot's own installation Octokit (never a token pulled out of
// it: that would be fetched from api.github.com on a cold cache even under GHE_HOST).
import { ReportGate } from "./core/report/gate.js";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { ApplicationFunctionOptions, Context, Probot } from "probot";
import { scheduleSweeps } from "./app-sweep.js";
import { conditionalCache, useConditionalReads } from "./github/conditional-reads.js";
import { appLogin } from "./github/identity.js";
import { handleEvent, HANDLED_EVENTS } from "./handlers/index.js";
import { healthRoute, rootWebhookRoute } from "./http-routes.js";
import { redactingLogger, redactLine } from "./log.js";
import { version } from "./version.js";
import { memorySlots, redisSlots, type WriteSlots } from "./github/write-slot.js";

export default async function hereby(
  app: Probot,
  options?: Partial<ApplicationFunctionOptions>,
): Promise<void> {
  await addRoutes(app, options?.addHandler);
  // The app's own login (`<slug>[bot]`), asked once: its writes come back as webhooks and
  // are skipped, while other apps' changes (an alerting app adding `incident`) count.
  let self: Promise<string | null> | undefined;
  const whoAmI = () =>
    (self ??= appLogin(
      () => app.auth(),
      (message) => app.log.warn(message),
    ));

  scheduleSweeps(app, whoAmI);
  const installationOctokit = installationClients(app);
  // One per process: `/report` on any issue of a repository is gated across deliveries.
  const reportGate = new ReportGate();
  const slots = await writeSlots(app);

  const later = deferredJobs((message) => app.log.warn(message));
  app.on([...HANDLED_EVENTS], async (context) => {
    const event = {
      id: context.id,
      name: context.name,
      payload: context.payload,
    } as EmitterWebhookEvent;
    const log = redactingLogger({
      info: (m) => context.log.info(wordless(m)),
      warn: (m) => context.log.warn(m),
    });
    const result = await handleEvent(event, {
      octokit: await installationOctokit(context),
      repo: context.repo(),
      clock: () => new Date(),
      log,
      self: await whoAmI(),
      later,
      reportGate,
      slots,
    });
    if (result.configError) log.warn(result.configError.message);
    context.log.debug(
      { notes: result.notes.map(redactLine), writes: result.writes.length },
      "hereby handled %s",
      context.name,
    );
  });
}

/** A write's description without the first line of the comment (which may quote a
 * person's words): the App's log says what was written where, not what it said. */
const wordless = (message: string): string => message.replace(/^(comment on #\d+): [^]*$/, "$1");
/** Deferred jobs (a changes list's coalesced refresh): one pending per key, on a timer
 * that doesn't keep the process alive. Only a trigger: when it runs, the job reads
 * GitHub again, so a job lost with the process is made up by the next event. */
function deferredJobs(
  warn: (message: string) => void,
): (key: string, at: Date, job: () => Promise<unknown>) => void {
  const pending = new Set<string>();
  return (key, at, job) => {
    if (pending.has(key) || pending.size >= 1000) return;
    pending.add(key);
    const timer = setTimeout(
      () => {
        pending.delete(key);
        job().catch((error: unknown) =>
          warn(`deferred ${key} failed: ${(error as Error).message}`),
        );
      },
      Math.max(0, at.getTime() - Date.now()) + 1000,
    );
    timer.unref();
  };
}

/** Probot's per-event Octokit throttles every installation under one key ("no-id"), so
 * one busy installation slows all the others (and, with REDIS_URL, across replicas).
 * `app.auth(id)` keys the write limiter by installation, with the same token cache and
 * GHE_HOST base URL. One client per installation is kept and reused: building an Octokit
 * with all its plugins for every event is a measurable part of the server's CPU, and the
 * client asks the token cache for each request (a token expiring is renewed there). */
const MAX_CLIENTS = 500;

function installationClients(app: Probot): (context: Context) => Promise<Context["octokit"]> {
  const clients = new Map<number, Promise<Context["octokit"]>>();
  return async (context) => {
    const id = (context.payload as { installation?: { id?: number } }).installation?.id;
    if (id === undefined) return context.octokit;
    let client = clients.get(id);
    if (client) clients.delete(id);
    // Its GET answers are remembered for conditional re-reads across events (the config, a
    // person's permission): a 304 doesn't count against the installation's rate limit.
    else
      client = app
        .auth(id)
        .then((octokit) => (useConditionalReads(octokit, conditionalCache()), octokit));
    // Most recently used last; the oldest goes when the map is full.
    clients.set(id, client);
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
    return client.catch((error: unknown) => {
      clients.delete(id);
      throw error;
    });
  };
}

/** Under `probot run`, /healthz and deliveries at `/`. A Probot without a server (tests'
 * `probot.load`) has an addHandler that throws: there is nothing to route then. */
async function addRoutes(
  app: Probot,
  addHandler: ApplicationFunctionOptions["addHandler"] | undefined,
): Promise<void> {
  if (!addHandler) return;
  const routes = [healthRoute(await version()), await rootWebhookRoute(app)];
  try {
    for (const route of routes) if (route) addHandler(route);
  } catch (error) {
    if (!(error instanceof Error && error.message === "No server instance")) throw error;
  }
}

/** One writer of a record at a time, each reaction once: in this process, or with
 * REDIS_URL across every replica on that Redis (the one Probot's throttle uses). */
async function writeSlots(app: Probot): Promise<WriteSlots> {
  const url = process.env.REDIS_URL;
  if (!url) return memorySlots();
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  redis.on("error", (error: Error) =>
    app.log.warn(`hereby: write slots on Redis: ${error.message}`),
  );
  return redisSlots(redis, () => Date.now());
}

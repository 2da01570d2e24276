// The counting layer. It stamps each request the bot's Octokit sends, and each answer it
// gets, with one counter: from that order alone (no timers) it tells requests, writes,
// requests that count against the rate limit, and the sequential round trips: a request
// sent after another was answered may have waited for it, so round trips are the length
// of the longest such chain. Requests sent together (Promise.all) are one round trip.
// The simulator's own request log is the cross-check: it must hold exactly as many of the
// bot's requests, so nothing went around the counted client.
import type { GitHub } from "../src/github/client.js";
import type { Simulator } from "../packages/simulator/src/index.js";

export interface Stamped {
  method: string;
  /** The route template (`/repos/{owner}/{repo}/issues/{issue_number}`), or the URL of a next page. */
  route: string;
  status: number;
  /** Counter value when the request was sent. */
  sent: number;
  /** Counter value when its answer came back; Infinity while it is open. */
  answered: number;
}

export interface Counts {
  requests: number;
  writes: number;
  /** Every request but a conditional one answered 304 Not Modified (GitHub does not count those). */
  rateLimited: number;
  roundTrips: number;
}

/** One counter for every client counted (the Action's run has its own Octokit per event). */
let tick = 0;

/** Stamps every request `octokit` sends from now on, into `stamped`. */
export function countRequests(octokit: GitHub, stamped: Stamped[] = []): Stamped[] {
  octokit.hook.wrap("request", async (request, options) => {
    const url = String(options.url)
      .replace(/^https?:\/\/[^/]+(\/api\/v3)?/, "")
      .replace(/\?.*$/, "");
    const s: Stamped = {
      method: options.method,
      route: url,
      status: 0,
      sent: ++tick,
      answered: Infinity,
    };
    stamped.push(s);
    try {
      const response = await request(options);
      s.status = response.status;
      return response;
    } catch (error) {
      s.status = (error as { status?: number }).status ?? 0;
      throw error;
    } finally {
      s.answered = ++tick;
    }
  });
  return stamped;
}

/** The bot's requests in the simulator's log (its installation token, or the App's JWT). */
export function loggedBotRequests(sim: Simulator, bot: string): number {
  return sim.requests.filter((r) => r.actor === bot || r.actor.endsWith("(app JWT)")).length;
}

/** The longest chain of requests each of which arrived after the previous was answered. */
export function chainDepth(requests: Stamped[]): number {
  const events = requests.flatMap((r, i) => [
    { at: r.sent, i, kind: "arrive" as const },
    { at: r.answered, i, kind: "answer" as const },
  ]);
  events.sort((a, b) => a.at - b.at);
  const depth: number[] = [];
  let deepestAnswered = 0;
  let deepest = 0;
  for (const e of events) {
    if (e.kind === "arrive") {
      depth[e.i] = deepestAnswered + 1;
      deepest = Math.max(deepest, depth[e.i]!);
    } else {
      deepestAnswered = Math.max(deepestAnswered, depth[e.i] ?? 0);
    }
  }
  return deepest;
}

export function tally(requests: Stamped[]): Counts {
  return {
    requests: requests.length,
    writes: requests.filter((r) => r.method !== "GET" && r.method !== "HEAD").length,
    rateLimited: requests.filter((r) => r.status !== 304).length,
    roundTrips: chainDepth(requests),
  };
}

export function route(r: Stamped): string {
  return `${r.method} ${r.route.replace(/\/(acme|shop)(?=\/|$)/g, (_m, p: string) => (p === "acme" ? "/{owner}" : "/{repo}")).replace(/\/\d+(?=\/|$)/g, "/{n}")}`;
}

// What each event costs, as the rate limit and a person waiting see it: requests, writes,
// requests counted against the limit (a conditional re-read answered 304 is not), and
// sequential round trips: the depth of the request chain, from the order of requests
// and answers alone (bench/counting.ts), on the simulator. The App has seen the
// repository before (its ETags for the config and people's permissions are warm); the
// Action starts each event with a new client, as a new process does.
// `HEREBY_ROUND_TRIPS=1 npx vitest run test/handlers/round-trips.test.ts` prints the table.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Bench, CONFIG, type Measured, type Shell } from "../../bench/api-calls.js";
import { countRequests, tally, type Stamped } from "../../bench/counting.js";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { createClient } from "../../src/github/client.js";
import { tokenLogin } from "../../src/github/identity.js";
import { handleTrigger } from "../../src/handlers/index.js";

let pg: Playground | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

const rows: Measured[] = [];
afterAll(() => {
  if (!process.env["HEREBY_ROUND_TRIPS"]) return;
  const lines = [
    "| event | shell | requests | writes | counted | round trips | requests |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.scenario} | ${r.shell} | ${r.requests} | ${r.writes} | ${r.rateLimited} | ${r.roundTrips} | ${r.detail} |`,
    );
  console.log(lines.join("\n"));
});

const PEOPLE = {
  alice: "write",
  bob: "write",
  carol: "triage",
  dave: "triage",
  erin: "read",
} as const;

/** An incident of `entries` timeline entries that bob has commanded before. */
async function incident(shell: Shell, entries = 1, config = CONFIG): Promise<Bench> {
  pg = await Playground.start({ config, people: { ...PEOPLE } });
  const b = new Bench(pg, shell);
  b.incident = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
  await b.settle();
  for (let done = 0; done < entries; done += 20) {
    pg.advance(1);
    await b.say(
      "bob",
      Array.from(
        { length: Math.min(20, entries - done) },
        (_, i) => `/timeline step ${done + i}`,
      ).join("\n"),
    );
    await b.settle();
  }
  return b;
}

async function cost(
  b: Bench,
  name: string,
  act: (b: Bench) => Promise<unknown>,
): Promise<Measured> {
  const measured = await b.measure(
    { name, minimum: { requests: 0, writes: 0, rateLimited: 0, roundTrips: 0, why: "" }, act },
    0,
  );
  rows.push(measured);
  return measured;
}

const counts = (m: Measured) => ({
  requests: m.requests,
  writes: m.writes,
  counted: m.rateLimited,
  roundTrips: m.roundTrips,
});
const say =
  (text: string, login = "bob") =>
  (b: Bench) =>
    b.say(login, text);

describe("the request budget of a command: /timeline, /severity, /status", () => {
  // ≤ 3 round trips and ≤ 2 writes, the read-back included; ≤ 5 requests counted in the
  // App, ≤ 7 in the Action. The Action re-reads the description before writing (no
  // webhook tells it about an edit its write overwrote): one round trip more.
  const commands = ["/timeline rolled back", "/severity major", "/status identified bad push"];
  for (const [shell, budget] of [
    ["app", { counted: 5, roundTrips: 3 }],
    ["action", { counted: 7, roundTrips: 4 }],
  ] as const) {
    it.each(commands)(`${shell}: %s`, async (text) => {
      const b = await incident(shell);
      const m = await cost(b, text, say(text));
      expect(m.writes).toBe(2);
      expect(m.rateLimited).toBeLessThanOrEqual(budget.counted);
      expect(m.roundTrips).toBeLessThanOrEqual(budget.roundTrips);
    });
  }

  it("app: the same on an incident of 500 entries", { timeout: 120_000 }, async () => {
    const b = await incident("app", 500);
    for (const text of commands) {
      const m = await cost(b, `${text} (500 entries)`, say(text));
      expect(m.writes).toBe(2);
      expect(m.rateLimited).toBeLessThanOrEqual(5);
      expect(m.roundTrips).toBeLessThanOrEqual(3);
    }
  });
});

describe("what each event costs in the App", () => {
  // Most commands cost the same: the gather, the PATCH ∥ 👍 (or 😕 ∥ reply), the read-back.
  const COMMAND = { requests: 7, writes: 2, counted: 5, roundTrips: 3 };
  const scenarios: [string, ReturnType<typeof counts>, (b: Bench) => Promise<unknown>][] = [
    ["/timeline", COMMAND, say("/timeline rolled back")],
    ["/timeline 14:05", COMMAND, say("/timeline 14:05 rolled back")],
    ["/summary", COMMAND, say("/summary Checkout down")],
    // Whether alice can be assigned is asked once the author's permission passed.
    ["/lead @alice", { requests: 8, writes: 2, counted: 6, roundTrips: 4 }, say("/lead @alice")],
    ["/lead me", COMMAND, say("/lead me")],
    ["/role comms @dave", COMMAND, say("/role comms @dave")],
    ["/help (a reply and the 👍, together)", COMMAND, say("/help")],
    ["rejected: /status complete (😕 and the reply, together)", COMMAND, say("/status complete")],
    [
      "refused: erin has read (her permission is read for the first time)",
      { requests: 7, writes: 2, counted: 6, roundTrips: 3 },
      say("/severity critical", "erin"),
    ],
    [
      "a comment without commands",
      { requests: 0, writes: 0, counted: 0, roundTrips: 0 },
      say("rolling back now"),
    ],
    // The record's command authors' permissions are asked once the reads tell who they are.
    [
      "severity label by hand",
      { requests: 6, writes: 1, counted: 4, roundTrips: 4 },
      (b) =>
        b.pg.as("bob").rest.issues.addLabels({
          ...b.pg.repo,
          issue_number: b.incident,
          labels: ["severity:minor"],
        }),
    ],
  ];
  it.each(scenarios)("%s", async (name, expected, act) => {
    const b = await incident("app");
    expect(counts(await cost(b, name, act))).toEqual(expected);
  });

  it("a redelivered /timeline changes nothing: its reads, and the 👍 GitHub already holds", async () => {
    const b = await incident("app");
    await b.say("bob", "/timeline rolled back");
    const [delivery] = b.pg.sim.takeDeliveries();
    await b.pg.handle(delivery!);
    await b.pg.settle();
    const patches = b.pg.sim.requests.filter((r) => r.method === "PATCH").length;
    const m = await cost(b, "redelivered /timeline", async () => b.pg.handle(delivery!));
    expect(counts(m)).toEqual({ requests: 5, writes: 1, counted: 2, roundTrips: 2 });
    expect(b.pg.sim.requests.filter((r) => r.method === "PATCH")).toHaveLength(patches);
  });
});

describe("the Action with a person's token", () => {
  it("asks who the token is with its first reads, not before them", async () => {
    pg = await Playground.start({ config: CONFIG, people: { ...PEOPLE, "ops-bot": "write" } });
    const p = pg;
    const token = p.sim.tokenFor("ops-bot");
    // Each delivery as its own run: a new client, the identity lookup, the re-read before writing.
    const runAll = async (): Promise<Stamped[]> => {
      const stamped: Stamped[] = [];
      for (const d of p.sim.takeDeliveries()) {
        if ((d.payload as { sender?: { login?: string } }).sender?.login === "ops-bot") continue;
        const octokit = createClient({
          token,
          baseUrl: p.sim.url,
          retries: false,
          throttle: false,
        });
        countRequests(octokit, stamped);
        const ctx = {
          octokit,
          repo: p.repo,
          clock: () => p.clock(),
          log: { info: () => {}, warn: () => {} },
          rereadBeforeWrite: true,
        };
        await handleTrigger(d.name, d.payload, ctx, {
          id: d.id,
          identify: () => tokenLogin(octokit, token),
        });
      }
      return stamped;
    };
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await runAll();
    p.advance(1);
    await p.comment("bob", n, "/timeline rolled back");
    const stamped = await runAll();
    const who = stamped.find((s) => s.route === "/user");
    expect(who, "the identity lookup").toBeDefined();
    // In the first round trip, with the reads: they don't wait for its answer.
    expect(stamped.filter((s) => s.answered < who!.sent)).toEqual([]);
    expect(
      stamped.filter((s) => s !== who && s.sent < who!.answered).length,
    ).toBeGreaterThanOrEqual(3);
    expect(tally(stamped)).toMatchObject({ writes: 2, roundTrips: 4 });
    expect(p.sim.issue(n).body).toContain("rolled back");
  });
});

// API requests per command: reads, writes and sequential round trips, measured on the
// bot's Octokit while the real handlers run against the simulator. Time is reported for
// the record, never asserted. `npm run bench` prints the table and writes
// bench/BENCHMARKS.md.
import { writeFileSync } from "node:fs";
import { Playground } from "../src/demo/playground.js";

interface Call {
  method: string;
  route: string;
  start: number;
  end: number;
}

interface Row {
  scenario: string;
  reads: number;
  writes: number;
  roundTrips: number;
  ms: number;
  calls: string;
}

const CONFIG = `severities:
  - { name: critical, aliases: [sev1, p1], notify: ["@acme/oncall"] }
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
`;

/** Requests that overlap in time are one round trip; a request that starts after every
 * request of the current round ended starts the next. */
function roundTrips(calls: Call[]): number {
  let trips = 0;
  let end = -1;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (call.start >= end) {
      trips++;
      end = call.end;
    } else {
      end = Math.max(end, call.end);
    }
  }
  return trips;
}

async function measure(
  scenario: string,
  setup: (pg: Playground) => Promise<number>,
  act: (pg: Playground, n: number) => Promise<unknown>,
): Promise<Row> {
  const pg = await Playground.start({ config: CONFIG, people: { alice: "write", bob: "write", erin: "read" } });
  try {
    const n = await setup(pg);
    await pg.settle();
    const calls: Call[] = [];
    pg.bot.hook.wrap("request", async (request, options) => {
      // Paginated requests carry a full URL; show every request as its route.
      const route = options.url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "").replace(/\/\d+(?=\/|$)/g, "/{n}");
      const call: Call = { method: options.method, route, start: performance.now(), end: 0 };
      calls.push(call);
      try {
        return await request(options);
      } finally {
        call.end = performance.now();
      }
    });
    pg.advance(2);
    await act(pg, n);
    const started = performance.now();
    await pg.settle();
    const ms = performance.now() - started;
    const violations = pg.sim.violations.length;
    if (violations > 0) throw new Error(`${scenario}: ${violations} requests GitHub would reject`);
    const tally = new Map<string, number>();
    for (const c of calls) tally.set(`${c.method} ${c.route}`, (tally.get(`${c.method} ${c.route}`) ?? 0) + 1);
    return {
      scenario,
      reads: calls.filter((c) => c.method === "GET").length,
      writes: calls.filter((c) => c.method !== "GET").length,
      roundTrips: roundTrips(calls),
      ms: Math.round(ms),
      calls: [...tally].map(([k, v]) => (v > 1 ? `${v}× ${k}` : k)).join("; "),
    };
  } finally {
    await pg.close();
  }
}

const declared = async (pg: Playground) => {
  const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
  return n;
};
const plain = (pg: Playground) => pg.openIssue("alice", "Checkout down", "502s");
const say = (login: string, body: string) => (pg: Playground, n: number) => pg.comment(login, n, body);

/** Declared, resolved (the postmortem pull request #2 opened), and settled. */
const resolved = async (pg: Playground) => {
  const n = await declared(pg);
  await pg.settle();
  pg.advance(5);
  await pg.comment("bob", n, "/resolve fixed");
  await pg.settle();
  return n;
};
const POSTMORTEM_FILE = "docs/postmortems/2026-11-23-1-checkout-down.md";
const postmortemScenarios: [string, (pg: Playground) => Promise<number>, (pg: Playground, n: number) => Promise<unknown>][] = [
  ["/resolve, severity trivial (no postmortem)", declared, say("bob", "/severity trivial\n/resolve fixed")],
  [
    "/postmortem (refresh: the record changed)",
    async (pg) => {
      const n = await resolved(pg);
      await pg.comment("bob", n, "/timeline refunds issued");
      return n;
    },
    say("bob", "/postmortem"),
  ],
  ["/postmortem (nothing changed)", resolved, say("bob", "/postmortem")],
  [
    "/postmortem after a person pushed (diff reply)",
    async (pg) => {
      const n = await resolved(pg);
      pg.sim.pushFile("alice", POSTMORTEM_FILE, "# ours now\n", "hereby/postmortem-1");
      await pg.comment("bob", n, "/timeline refunds issued");
      return n;
    },
    say("bob", "/postmortem"),
  ],
  ["postmortem merged (pull_request.closed)", resolved, (pg) => pg.as("alice").rest.pulls.merge({ ...pg.repo, pull_number: 2 })],
];

const scenarios: [string, (pg: Playground) => Promise<number>, (pg: Playground, n: number) => Promise<unknown>][] = [
  [
    "declare by label (first incident: creates 12 labels)",
    plain,
    (pg, n) => pg.as("alice").rest.issues.addLabels({ ...pg.repo, issue_number: n, labels: ["incident"] }),
  ],
  [
    "declare by label (labels exist)",
    async (pg) => {
      await declared(pg);
      return plain(pg);
    },
    (pg, n) => pg.as("alice").rest.issues.addLabels({ ...pg.repo, issue_number: n, labels: ["incident"] }),
  ],
  [
    "declare by phrase (labels exist)",
    async (pg) => {
      await declared(pg);
      return plain(pg);
    },
    say("alice", "I hereby declare this an incident"),
  ],
  ["/timeline <text>", declared, say("bob", "/timeline rollback started")],
  [
    // Every command in the record is authorized from GitHub each time: alice's permission.
    "/timeline <text> (another person's command in the record)",
    async (pg) => {
      const n = await declared(pg);
      await pg.settle();
      await pg.comment("alice", n, "/timeline paged the database team");
      return n;
    },
    say("bob", "/timeline rollback started"),
  ],
  ["/severity critical (with notify)", declared, say("bob", "/severity critical")],
  ["/severity minor", declared, say("bob", "/severity minor")],
  ["/status identified <text>", declared, say("bob", "/status identified bad push")],
  ["/summary <text>", declared, say("bob", "/summary checkout down")],
  ["/lead @bob", declared, say("alice", "/lead @bob")],
  ["/role comms @bob", declared, say("alice", "/role comms @bob")],
  ["/resolve (opens the postmortem pull request)", declared, say("bob", "/resolve fixed")],
  ["/help", declared, say("bob", "/help")],
  ["5 commands in one comment", declared, say("bob", "/severity critical\n/lead me\n/role comms @alice\n/timeline a\n/status identified b")],
  ["rejected (/severity sev9)", declared, say("bob", "/severity sev9")],
  ["refused (read access)", declared, say("erin", "/summary x")],
  ["severity label swapped by hand", declared, (pg, n) => pg.as("bob").rest.issues.addLabels({ ...pg.repo, issue_number: n, labels: ["severity:minor"] })],
  ["closed by hand (opens the postmortem pull request)", declared, (pg, n) => pg.as("bob").rest.issues.update({ ...pg.repo, issue_number: n, state: "closed" })],
  ["comment without commands", declared, say("bob", "looking at the dashboards now")],
  ["comment on a non-incident issue with a /command", plain, say("bob", "/severity critical")],
  ...postmortemScenarios,
];

const rows: Row[] = [];
for (const [name, setup, act] of scenarios) rows.push(await measure(name, setup, act));

const table = [
  "| scenario | reads | writes | sequential round trips | time in simulator (ms) |",
  "|---|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.scenario} | ${r.reads} | ${r.writes} | ${r.roundTrips} | ${r.ms} |`),
].join("\n");
const detail = rows.map((r) => `- **${r.scenario}**: ${r.calls || "no request"}`).join("\n");

const doc = `# Benchmarks

API requests hereby makes per command, measured by \`npm run bench\` (bench/api-calls.ts):
the real handlers run against the simulator with retries and throttling off, and every
request the bot's Octokit sends is recorded. Reads include the config file (one GET when
the repository has \`.github/hereby.yml\`; two when it falls back to the organisation's
\`.github\` repository). Requests that overlap in time count as one round trip. In
production Probot's throttling spaces writes about one second apart per installation, so
writes are the number to keep small. Times are from one run on the CI machine's size
(2 cores) and are for reading, not for asserting.

${table}

## Requests per scenario

${detail}
`;
writeFileSync(new URL("./BENCHMARKS.md", import.meta.url), doc);
console.log(table);

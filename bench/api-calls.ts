// Requests per command and event, in both shells, on incidents of 10 and of 500 timeline
// entries: the real handlers run against the simulator, and the counting layer
// (counting.ts) reads the simulator's request log. Only the bot's requests count; the
// people's own requests (their comment, their label) are the event, not its cost.
import { Playground, type Delivery } from "../packages/simulator/src/demo/playground.js";
import { createClient } from "../src/github/client.js";
import { tokenLogin } from "../src/github/identity.js";
import { handleTrigger } from "../src/handlers/index.js";
import {
  countRequests,
  loggedBotRequests,
  route,
  tally,
  type Counts,
  type Stamped,
} from "./counting.js";

export type Shell = "app" | "action";
export const SHELLS: Shell[] = ["app", "action"];
export const SIZES = [10, 500];
const BOT = "hereby[bot]";

export const CONFIG = `severities:
  - { name: critical, aliases: [sev1, p1], notify: ["@acme/oncall"] }
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
`;

export interface Minimum extends Counts {
  why: string;
}

/** requests / writes / counted against the limit / round trips. */
const min = (
  requests: number,
  writes: number,
  rateLimited: number,
  roundTrips: number,
  why: string,
): Minimum => ({
  requests,
  writes,
  rateLimited,
  roundTrips,
  why,
});
const COMMAND = min(
  2,
  2,
  2,
  1,
  "the reaction ∥ one PATCH with record, labels and assignees (the payload carries the issue)",
);

export interface Measured extends Counts {
  scenario: string;
  size: number;
  shell: Shell;
  detail: string;
}

/** One event's cost. `pending` marks a scenario whose command has not landed yet. */
export interface Scenario {
  name: string;
  /** The least any implementation needs, and why. */
  minimum: Minimum;
  act: (b: Bench) => Promise<unknown>;
  pending?: string;
}

export class Bench {
  readonly stamped: Stamped[];
  incident = 0;
  constructor(
    readonly pg: Playground,
    readonly shell: Shell,
  ) {
    this.stamped = countRequests(pg.bot);
  }

  /** The Action in-process: the same `handleTrigger` entry as dist/index.js, with its
   * identity lookup and its re-read before writing, and like it a new client (nothing
   * remembered from an earlier run) for each event. */
  private async handleAsAction(d: Delivery): Promise<void> {
    const token = this.pg.sim.botToken;
    const octokit = createClient({
      token,
      baseUrl: this.pg.sim.url,
      retries: false,
      throttle: false,
    });
    countRequests(octokit, this.stamped);
    await handleTrigger(
      d.name,
      d.payload,
      {
        octokit,
        repo: this.pg.repo,
        clock: () => this.pg.clock(),
        log: { info: () => {}, warn: () => {} },
        rereadBeforeWrite: true,
      },
      { id: d.id, identify: () => tokenLogin(octokit, token) },
    );
  }

  /** Hands pending deliveries to the shell until none are left. The App receives its own
   * writes' webhooks too (and skips them); a workflow token's writes start no run. */
  async settle(): Promise<void> {
    if (this.shell === "app") {
      await this.pg.settle();
      return;
    }
    for (let round = 0; round < 20; round++) {
      const pending = this.pg.sim.takeDeliveries().filter((d) => senderOf(d) !== BOT);
      if (pending.length === 0) return;
      for (const d of pending) await this.handleAsAction(d);
    }
  }

  async say(login: string, body: string): Promise<void> {
    await this.pg.comment(login, this.incident, body);
  }

  /** Runs `act`, settles, and counts the bot's requests in between. */
  async measure(scenario: Scenario, size: number): Promise<Measured> {
    const from = this.stamped.length;
    const logged = loggedBotRequests(this.pg.sim, BOT);
    this.pg.advance(2);
    await scenario.act(this);
    await this.settle();
    const violations = this.pg.sim.violations.length;
    if (violations > 0)
      throw new Error(`${scenario.name}: ${violations} requests GitHub would reject`);
    const mine = this.stamped.slice(from);
    const inLog = loggedBotRequests(this.pg.sim, BOT) - logged;
    if (inLog !== mine.length)
      throw new Error(
        `${scenario.name}: the simulator saw ${inLog} bot requests, the counter ${mine.length}`,
      );
    const routes = new Map<string, number>();
    for (const s of mine) routes.set(route(s), (routes.get(route(s)) ?? 0) + 1);
    const detail = [...routes].map(([k, v]) => (v > 1 ? `${v}× ${k}` : k)).join("; ");
    return { scenario: scenario.name, size, shell: this.shell, detail, ...tally(mine) };
  }
}

const senderOf = (d: Delivery) => (d.payload as { sender?: { login?: string } }).sender?.login;

const label = (name: string) => (b: Bench) =>
  b.pg.as("bob").rest.issues.addLabels({ ...b.pg.repo, issue_number: b.incident, labels: [name] });

/** In order: each scenario runs on the incident the previous ones left. */
export const SCENARIOS: Scenario[] = [
  {
    name: "declare (label `incident` on a new issue)",
    minimum: min(3, 2, 2, 2, "read the config (a 304 with its ETag); the checklist ∥ one PATCH"),
    act: async (b) => {
      const n = await b.pg.openIssue("alice", "Payments slow", "p99 up");
      await b.pg
        .as("alice")
        .rest.issues.addLabels({ ...b.pg.repo, issue_number: n, labels: ["incident"] });
    },
  },
  { name: "/timeline …", minimum: COMMAND, act: (b) => b.say("bob", "/timeline rollback started") },
  { name: "/severity major", minimum: COMMAND, act: (b) => b.say("bob", "/severity major") },
  {
    name: "/status identified …",
    minimum: COMMAND,
    act: (b) => b.say("bob", "/status identified bad push"),
  },
  { name: "/lead @alice", minimum: COMMAND, act: (b) => b.say("bob", "/lead @alice") },
  { name: "/role comms @alice", minimum: COMMAND, act: (b) => b.say("bob", "/role comms @alice") },
  {
    name: "severity label changed by hand",
    minimum: min(1, 1, 1, 1, "one PATCH (the payload carries the issue)"),
    act: label("severity:minor"),
  },
  {
    name: "comment without commands",
    minimum: min(0, 0, 0, 0, "the payload says there is nothing to do"),
    act: (b) => b.say("bob", "looking at the dashboards"),
  },
  {
    name: "/action … @owner",
    // A new action item is an issue, linked as a sub-issue: its minimum is more than a command's.
    minimum: min(4, 4, 4, 2, "reaction ∥ create the issue; link it as a sub-issue ∥ one PATCH"),
    act: (b) => b.say("bob", "/action add a canary for checkout @alice"),
  },
  {
    name: "/resolve (opens the postmortem pull request)",
    minimum: min(
      8,
      7,
      8,
      5,
      "reaction ∥ PATCH ∥ read the base ref; branch; file; pull request; reviewers ∥ reply",
    ),
    act: (b) => b.say("bob", "/resolve fixed"),
  },
  {
    name: "postmortem pull request merged",
    minimum: min(2, 1, 2, 2, "read the issue (not in the payload); one PATCH"),
    act: async (b) => {
      const { data } = await b.pg.as("alice").rest.pulls.list({ ...b.pg.repo, state: "open" });
      const pr = data[0];
      if (!pr) throw new Error("no postmortem pull request to merge");
      await b.pg.as("alice").rest.pulls.merge({ ...b.pg.repo, pull_number: pr.number });
    },
  },
];

/** A declared incident with about `size` timeline entries, 20 commands a comment. */
async function incidentOf(b: Bench, size: number): Promise<void> {
  b.incident = await b.pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
  await b.settle();
  for (let done = 0; done < size; done += 20) {
    const lines = Array.from(
      { length: Math.min(20, size - done) },
      (_, i) => `/timeline step ${done + i}`,
    );
    b.pg.advance(1);
    await b.say("bob", lines.join("\n"));
    await b.settle();
  }
}

/** `/timeline` on a 500-entry incident that has 3,000 comments (the rest are chatter). */
export async function measureBigIncident(comments = 3000): Promise<Measured> {
  const pg = await Playground.start({ config: CONFIG, people: { alice: "write", bob: "write" } });
  try {
    const b = new Bench(pg, "app");
    await incidentOf(b, 500);
    const have = (await pg.as("bob").rest.issues.get({ ...pg.repo, issue_number: b.incident })).data
      .comments;
    for (let i = have; i < comments - 1; i++)
      await pg.comment("alice", b.incident, `still seeing errors ${i}`);
    // Chatter costs the handler nothing; its deliveries are dropped to keep the setup short.
    pg.sim.takeDeliveries();
    const scenario = SCENARIOS.find((s) => s.name.startsWith("/timeline"))!;
    return { ...(await b.measure(scenario, 500)), scenario: `/timeline …, ${comments} comments` };
  } finally {
    await pg.close();
  }
}

/** A collaborator's `/timeline` through the Action on a repository with no config file (so
 * the organisation's `.github` is read too), every request counted, 304s included. */
export async function measureActionWithoutConfig(): Promise<Measured> {
  const pg = await Playground.start({ people: { alice: "write", bob: "write" } });
  try {
    const b = new Bench(pg, "action");
    await incidentOf(b, 10);
    const scenario = SCENARIOS.find((s) => s.name.startsWith("/timeline"))!;
    return { ...(await b.measure(scenario, 10)), scenario: "/timeline …, no config file" };
  } finally {
    await pg.close();
  }
}

export async function measureShell(shell: Shell, size: number): Promise<Measured[]> {
  const pg = await Playground.start({ config: CONFIG, people: { alice: "write", bob: "write" } });
  try {
    const b = new Bench(pg, shell);
    // The repository has had an incident before: its labels exist.
    await pg.openIssue("alice", "Earlier", "x", ["incident"]);
    await pg.settle();
    await incidentOf(b, size);
    const rows: Measured[] = [];
    for (const scenario of SCENARIOS) {
      if (scenario.pending) continue;
      rows.push(await b.measure(scenario, size));
    }
    return rows;
  } finally {
    await pg.close();
  }
}

// `npm run demo`: a whole incident, played through the real handlers against the
// simulated GitHub, told the way the people in it would see it on github.com.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { narrator, simComments, simIssue, type Narrator } from "./narrator.js";
import { Playground } from "./playground.js";
import { playPostmortem, type PostmortemOutcome } from "./postmortem-steps.js";
import { playReport } from "./report-step.js";
import { playReviewSteps } from "./review-steps.js";

export interface DemoOptions {
  out: (line: string) => void;
  /** Folder for the files the demo writes (default `demo-output`). */
  outputDir?: string;
}

const CONFIG = `# .github/hereby.yml
timezone: Europe/London
severities:
  - name: critical
    aliases: [sev1, p1]
    color: b60205
    notify: ["@acme/payments-oncall"]
  - { name: major, aliases: [sev2, p2] }
  - { name: minor, aliases: [sev3, p3] }
  - { name: trivial, aliases: [sev4, p4], postmortem: false }
checklist:
  notify: ["Customer support (#support)", "Status page owner (@acme/statuspage)"]
  communicate: "#inc-checkout on Slack"
`;

export async function runDemo(options: DemoOptions): Promise<number> {
  const { out } = options;
  const dir = options.outputDir ?? "demo-output";
  const pg = await Playground.start({
    config: CONFIG,
    people: { alice: "write", bob: "write", carol: "triage", dave: "triage", erin: "read" },
  });
  try {
    const tell = narrator(pg, out);
    const n = await playIncident(pg, out, tell);
    const postmortem = await playPostmortem({ pg, n, out, say: tell.say, show: tell.show });
    await mkdir(dir, { recursive: true });
    const review = await playReviewSteps(pg, n, { out }, dir);
    await writeFiles(pg, n, dir, {
      ...postmortem,
      merged: pg.sim.file(postmortem.path) ?? postmortem.merged,
    });
    summarise(pg, n, out);
    out(
      `Wrote ${dir}/issue-${n}.md, ${dir}/issue-${n}-comments.md,` +
        ` ${dir}/postmortem-draft.md (as hereby drafted it),`,
    );
    out(
      `${dir}/postmortem.md (${postmortem.path} as merged, each action item linked to its issue),`,
    );
    const reviews = review
      ? `${dir}/review-${review}.md (every review cycle), ${dir}/closeout.md `
      : "";
    out(`${reviews}and ${dir}/requests.txt.`);
    await playReport(pg, out, dir);
    return pg.sim.violations.length === 0 ? 0 : 1;
  } finally {
    await pg.close();
  }
}

/** From the issue being opened to `/resolve`: the commands people type during an incident. */
async function playIncident(pg: Playground, out: Out, tell: Narrator): Promise<number> {
  out("hereby demo: one incident, start to finish, against a simulated GitHub (acme/shop).");
  out("Every request is checked against GitHub's published OpenAPI description.");
  out("");
  out("The repository's config:");
  for (const line of CONFIG.trim().split("\n")) out(`    ${line}`);
  const n = await playOutbreak(pg, out, tell);
  await playResponse(pg, n, tell);
  await playHandEditAndResolve(pg, n, out, tell);
  return n;
}

type Out = (line: string) => void;

/** The demo's clock as people in the thread read it: `13:40 UTC`. */
const hhmm = (pg: Playground): string => `${pg.clock().toISOString().slice(11, 16)} UTC`;

/** A deploy goes out, customers see errors, and alice opens an issue and declares. */
async function playOutbreak(pg: Playground, out: Out, { say, show }: Narrator): Promise<number> {
  // The change that caused it: GitHub knows it, and hereby offers it on declaration.
  pg.advance(-22);
  out("");
  out(
    `${hhmm(pg)}  @dave's pipeline deploys v2.31 to production` +
      " (a GitHub deployment, state success)",
  );
  pg.sim.feeds.deploy("dave", {
    ref: "v2.31",
    description: "config change to payment routing",
    environment: "production",
    state: "success",
  });
  await pg.settle();
  pg.advance(22);
  out(`${hhmm(pg)}  @alice opens issue "Checkout returns 502 for EU customers"`);
  const n = await pg.openIssue(
    "alice",
    "Checkout returns 502 for EU customers",
    "Support reports that EU customers get a 502 when paying.\n\n- first report: ticket 4411\n" +
      "- dashboards: https://grafana.example/d/checkout",
  );
  await pg.settle();
  show(n);
  await say(
    "alice",
    n,
    "Error rate on checkout-api is at 40% and climbing. I hereby declare this an incident.",
    2,
  );
  return n;
}

/** Roles, timeline, status and summary, as the responders type them (and one typo). */
async function playResponse(pg: Playground, n: number, { say }: Narrator): Promise<void> {
  await say("bob", n, "/severity critical\n/lead me", 2);
  await say("bob", n, "/role comms @carol\n/role scribe @dave");
  // What happened before anyone declared: the deploy hereby offered (kept, not typed),
  // then the pager. hereby offers the earliest typed entry as the impact start; the lead
  // records the real one from the gateway's logs.
  await say(
    "dave",
    n,
    "/keep 1\n/timeline 13:46 Pager fired: checkout-api 5xx above 5% for 5 minutes",
    2,
  );
  await say("bob", n, "/started 13:40 First failed EU payment capture in the gateway logs", 1);
  await say("erin", n, "/summary it's probably the database", 1);
  await say("carol", n, "/severity sev9", 1);
  await say(
    "carol",
    n,
    "/severity critical\n/timeline Status page updated: degraded checkout for EU customers",
    1,
  );
  await say(
    "bob",
    n,
    "/status identified v2.31 points EU payments at the old gateway\n" +
      "/timeline Rolling back; gateway creds were in the diff: " +
      "postgres://payments:Sup3rS3cret@db.internal/payments",
    6,
  );
  await say("bob", n, "/status monitoring Rollback done, error rate falling", 9);
  await say(
    "carol",
    n,
    "/summary EU customers could not pay for about 50 minutes after deploy v2.31 sent their" +
      " payments to a retired gateway. Rolled back.",
    4,
  );
}

/** Someone changes the severity label by hand; then the lead resolves. */
async function playHandEditAndResolve(
  pg: Playground,
  n: number,
  out: Out,
  { say, show }: Narrator,
): Promise<void> {
  pg.advance(2);
  out("");
  out(`${hhmm(pg)}  @alice moves severity:critical → severity:major by hand in the sidebar`);
  await pg
    .as("alice")
    .rest.issues.addLabels({ ...pg.repo, issue_number: n, labels: ["severity:major"] });
  await pg.settle();
  show(n);
  await say("bob", n, "/resolve Error rate at baseline for 15 minutes", 15);
}

/** The record, the thread, both postmortem versions and every request, for reading after. */
async function writeFiles(
  pg: Playground,
  n: number,
  dir: string,
  postmortem: PostmortemOutcome,
): Promise<void> {
  await writeFile(join(dir, `issue-${n}.md`), simIssue(pg, n).body ?? "");
  await writeFile(join(dir, "postmortem-draft.md"), postmortem.draft);
  await writeFile(join(dir, "postmortem.md"), postmortem.merged);
  const thread = simComments(pg, n)
    .map((c) => `### @${c.user?.login ?? "ghost"} (comment ${c.id})\n\n${c.body ?? ""}\n`)
    .join("\n");
  await writeFile(join(dir, `issue-${n}-comments.md`), thread);
  await writeFile(
    join(dir, "requests.txt"),
    pg.sim.requests
      .map((r) => {
        const operation = r.operationId ? `  (${r.operationId})` : "";
        return `${r.status} ${r.method} ${r.path}${operation}  by ${r.actor}`;
      })
      .join("\n") + "\n",
  );
}

/** The record as it ends, and what hereby cost: its requests, and any GitHub would refuse. */
function summarise(pg: Playground, n: number, out: Out): void {
  out("");
  out(`The record in issue #${n}'s description:`);
  out("");
  const body = simIssue(pg, n).body ?? "";
  for (const line of body.slice(body.indexOf("<!-- hereby:start -->")).split("\n"))
    out(`    ${line}`);
  const botRequests = pg.sim.requests.filter((r) => r.actor.endsWith("[bot]"));
  out("");
  const writes = botRequests.filter((r) => r.method !== "GET").length;
  out(`hereby made ${botRequests.length} API requests (${writes} writes).`);
  const { violations } = pg.sim;
  const listed = violations.length ? `\n  ${violations.join("\n  ")}` : "";
  out(`Requests GitHub would have rejected: ${violations.length}${listed}.`);
}

// What each event costs in requests: reads, writes and sequential round trips, counted
// from the requests the fake recorded. The installation token is warm (Probot caches it
// for an hour), the repository has no .github/hereby.yml (so the org's .github is read
// too). `HEREBY_ROUND_TRIPS=1 npx vitest run test/handlers/round-trips.test.ts` prints
// the table.
import type { Probot } from "probot";
import { afterAll, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { allLabelSpecs } from "../../src/core/labels.js";
import {
  declaredIncident,
  deliver,
  FakeGitHub,
  nock,
  redelivery,
  type FakeOptions,
  probot,
  useProbot,
} from "./support.js";

useProbot();

interface Row {
  event: string;
  reads: number;
  writes: number;
  rounds: number;
  requests: string;
}
const rows: Row[] = [];

afterAll(() => {
  if (!process.env["HEREBY_ROUND_TRIPS"]) return;
  const lines = [
    "| event | reads | writes | round trips | requests in order (wave: request) |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.event} | ${r.reads} | ${r.writes} | ${r.rounds} | ${r.requests} |`),
  ];
  console.log(lines.join("\n"));
});

const short = (line: string) =>
  line
    .replace("/repos/acme/shop/", "")
    .replace("/repos/acme/.github/contents/.github%2Fhereby.yml", "org config")
    .replace("contents/.github%2Fhereby.yml", "config")
    .replace(/\?per_page=100/, "")
    .replace(/comments\/\d+\/reactions/, "comments/:id/reactions")
    .replace(/collaborators\/\w+\/permission/, "collaborators/:u/permission");

type Scenario = [
  name: string,
  expected: { reads: number; writes: number; rounds: number },
  options: FakeOptions & { declared?: boolean },
  act: (fake: FakeGitHub) => Promise<void>,
];

const comment = (text: string, login = "bob") => async (fake: FakeGitHub) => deliver(probot, fake.comment(login, text, 10));

const NOTIFY = 'severities:\n  - { name: critical, aliases: [sev1], notify: ["@acme/oncall"] }\n  - { name: major, aliases: [sev2] }\n';

/** Every label hereby uses, already in the repository. */
const EVERY_LABEL = allLabelSpecs(defaultConfig).map((l) => l.name);

const scenarios: Scenario[] = [
  ["label `incident` (labels exist)", { reads: 8, writes: 2, rounds: 6 }, { declared: false, repoLabels: EVERY_LABEL }, async (f) => deliver(probot, f.addLabel("alice", "incident", 1))],
  ["label `incident` (no hereby labels yet)", { reads: 8, writes: 14, rounds: 18 }, { declared: false, repoLabels: [] }, async (f) => deliver(probot, f.addLabel("alice", "incident", 1))],
  ["`/declare` on an ordinary issue", { reads: 9, writes: 3, rounds: 8 }, { declared: false, repoLabels: EVERY_LABEL, issue: { labels: ["bug"] } }, comment("/declare")],
  ["`/severity critical`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/severity critical")],
  ["`/severity critical` (notify configured)", { reads: 7, writes: 3, rounds: 6 }, { config: NOTIFY }, comment("/severity critical")],
  ["`/timeline text`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/timeline rolled back")],
  ["`/timeline 14:05 text`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/timeline 14:05 rolled back")],
  ["`/status identified text`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/status identified bad push")],
  ["`/summary text`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/summary Checkout down")],
  // Whether carol can be assigned is asked only once the author's permission passed.
  ["`/lead @carol` (checks carol can be assigned)", { reads: 8, writes: 2, rounds: 6 }, {}, comment("/lead @carol")],
  ["`/lead me`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/lead me")],
  ["`/role comms @dave`", { reads: 7, writes: 2, rounds: 5 }, {}, comment("/role comms @dave")],
  // Resolving also reads for the postmortem (5 reads in one round trip; its pull request
  // is merged already here: bench/ measures opening it against the simulator).
  ["`/resolve`", { reads: 12, writes: 2, rounds: 6 }, {}, comment("/resolve")],
  ["`/help`", { reads: 6, writes: 2, rounds: 5 }, {}, comment("/help")],
  ["5 commands in one comment (one /lead @carol)", { reads: 8, writes: 2, rounds: 6 }, {}, comment("/severity critical\n/status identified x\n/lead @carol\n/role comms @dave\n/timeline y")],
  ["`/timeline` with a secret", { reads: 8, writes: 3, rounds: 7 }, {}, comment("/timeline key " + "ghp_" + "x".repeat(36))],
  ["rejected (`/status complete`)", { reads: 6, writes: 2, rounds: 5 }, {}, comment("/status complete")],
  ["refused (role `read`)", { reads: 6, writes: 2, rounds: 5 }, { permissions: { eve: "read" } }, comment("/severity critical", "eve")],
  [
    "edit `/timeline a` → `/timeline b` (its reactions read with the rest)",
    { reads: 8, writes: 2, rounds: 5 },
    {},
    async (f) => {
      const e = f.comment("bob", "/timeline a", 10);
      await deliver(probot, e);
      f.resetLog();
      await deliver(probot, f.editComment((e.payload["comment"] as { id: number }).id, "/timeline b", 11));
    },
  ],
  [
    "delete a command comment",
    { reads: 6, writes: 1, rounds: 4 },
    {},
    async (f) => {
      const e = f.comment("bob", "/timeline a", 10);
      await deliver(probot, e);
      f.resetLog();
      await deliver(probot, f.deleteComment((e.payload["comment"] as { id: number }).id));
    },
  ],
  ["severity label by hand", { reads: 6, writes: 1, rounds: 4 }, {}, async (f) => deliver(probot, f.addLabel("carol", "severity:critical", 10))],
  // …and closing by hand checks the closer's permission first.
  ["closed by hand", { reads: 12, writes: 1, rounds: 6 }, {}, async (f) => deliver(probot, f.close("carol", 10))],
  [
    "reopened by hand",
    { reads: 6, writes: 1, rounds: 4 },
    {},
    async (f) => {
      await deliver(probot, f.close("carol", 10));
      f.resetLog();
      await deliver(probot, f.reopen("carol", 11));
    },
  ],
  [
    "redelivered `/timeline` (already applied)",
    { reads: 5, writes: 1, rounds: 3 },
    {},
    async (f) => {
      const e = f.comment("bob", "/timeline a", 10);
      await deliver(probot, e);
      f.resetLog();
      await deliver(probot, redelivery(e));
    },
  ],
  ["invalid config, a command", { reads: 5, writes: 1, rounds: 3 }, { config: "colour_scheme: dark\n", declared: false, issue: { labels: ["incident"] } }, comment("/timeline x")],
  ["a comment without commands", { reads: 0, writes: 0, rounds: 0 }, {}, comment("rolling back now")],
  ["a command by a bot", { reads: 0, writes: 0, rounds: 0 }, {}, async (f) => deliver(probot, f.comment("ci[bot]", "/resolve", 10, { type: "Bot" }))],
];

it.each(scenarios)("%s", async (name, expected, options, act) => {
  const { declared = true, ...fakeOptions } = options;
  const fake = new FakeGitHub(fakeOptions).install();
  if (declared) await declaredIncident(probot, fake);
  else {
    // Warm the installation token the way a running app has it.
    const octokit = await probot.auth(2);
    await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "shop", issue_number: 7 });
    fake.resetLog();
  }
  await act(fake);

  const tally = fake.tally();
  expect(tally.token).toBe(0);
  rows.push({
    event: name,
    reads: tally.reads,
    writes: tally.writes,
    rounds: tally.rounds,
    requests: fake.requests.map((r) => `${r.wave}: ${short(r.line)}`).join("<br>"),
  });
  expect({ reads: tally.reads, writes: tally.writes, rounds: tally.rounds }).toEqual(expected);
});

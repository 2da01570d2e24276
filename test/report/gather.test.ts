// The report against the simulator: one listing per 100 incidents, then one timeline
// read per incident (none for a cancelled one), and figures that match what was seeded.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { createClient, type GitHub } from "../../src/github/client.js";
import { seedIncidents } from "../../packages/simulator/src/demo/seed-incidents.js";
import type { Report } from "../../src/core/report/index.js";
import { runReport } from "../../src/handlers/report.js";
import { startSimulator, type Simulator } from "../../packages/simulator/src/index.js";

const repo = { owner: "acme", repo: "shop" };
/** The report as `--format json` prints it. */
const readReport = (json: string) => JSON.parse(json) as Report;
const NOW = new Date("2026-06-01T00:00:00Z");
/** The report of every incident, as of June 2026, with the default config. */
const allTimeReport = async () =>
  readReport(
    await runReport({
      octokit,
      repo,
      range: { since: null, until: null },
      format: "json",
      now: NOW,
      config: defaultConfig,
    }),
  );
let sim: Simulator;
let octokit: GitHub;

beforeEach(async () => {
  sim = await startSimulator({ clock: () => new Date("2026-01-01T00:00:00Z") });
  octokit = createClient({
    token: sim.botToken,
    baseUrl: sim.url,
    retries: false,
    throttle: false,
  });
});
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  await sim.close();
});

const listings = (label: string) =>
  sim.requests.filter(
    (r) =>
      r.operationId === "issues/list-for-repo" &&
      decodeURIComponent(r.query).includes(`labels=${label}&`),
  );

describe("gathering the report", () => {
  it("lists 150 incidents in 2 pages and reads each one's timeline once", async () => {
    await seedIncidents(octokit, repo, (at) => sim.setClock(() => at), 150);
    const cancelled = await octokit.rest.issues.create({
      ...repo,
      title: "False alarm",
      labels: ["incident", "severity:major", "status:cancelled"],
    });
    const before = sim.requests.length;
    const json = await runReport({
      octokit,
      repo,
      range: { since: null, until: null },
      format: "json",
      now: new Date("2026-06-01T00:00:00Z"),
      config: defaultConfig,
    });
    const made = sim.requests.slice(before);
    expect(listings("incident").length).toBe(2);
    expect(made.filter((r) => r.operationId === "issues/list-events-for-timeline").length).toBe(
      150,
    );
    expect(made.some((r) => r.path.endsWith(`/issues/${cancelled.data.number}/timeline`))).toBe(
      false,
    );
    expect(made.length).toBe(2 + 1 + 1 + 1 + 150);
    const report = readReport(json);
    expect(report).toMatchObject({
      total: 150,
      cancelled: 1,
      severityChanged: 37,
      bySeverity: { critical: 38 + 37, major: 38, minor: 37 },
    });
    expect(report.mitigate.all).toMatchObject({ count: 75, median: 30 });
    expect(report.resolve.all).toMatchObject({ count: 150, median: 180, p90: 300 });
  });
});

describe("cancelled incidents", () => {
  it("report: an incident cancelled by taking its incident label off still counts, apart", async () => {
    await seedIncidents(octokit, repo, (at) => sim.setClock(() => at), 3);
    // What hereby leaves after a person removes the label: its record, and status:cancelled.
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "incident" });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["status:cancelled"] });
    // A person's own issue with the label and no record of hereby's is not an incident.
    await octokit.rest.issues.create({
      ...repo,
      title: "Cancelled order #123",
      labels: ["status:cancelled"],
    });
    const report = await allTimeReport();
    expect(report).toMatchObject({ total: 2, cancelled: 1 });
    expect(listings("status%3Acancelled").length + listings("status:cancelled").length).toBe(1);
  });

  it("report: an incident cancelled by taking its label off counts as cancelled with its description emptied", async () => {
    await seedIncidents(octokit, repo, (at) => sim.setClock(() => at), 2);
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "incident" });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["status:cancelled"] });
    // The record block deleted: GitHub's events still say it was an incident.
    await octokit.rest.issues.update({ ...repo, issue_number: 1, body: "" });
    const report = await allTimeReport();
    expect(report).toMatchObject({ total: 1, cancelled: 1 });
  });
});

describe("review cycles", () => {
  it("counts the cycles hereby's own comments record, not a marker a person pasted", async () => {
    await seedIncidents(octokit, repo, (at) => sim.setClock(() => at), 2);
    const { data: review } = await octokit.rest.issues.create({
      ...repo,
      title: "Incident review: Incident 1 (#1)",
      labels: ["incident-review"],
    });
    for (const cycle of [1, 2])
      await octokit.rest.issues.createComment({
        ...repo,
        issue_number: review.number,
        body: `<!-- hereby:cycle 1:${cycle} -->\n### Review ${cycle} of #1`,
      });
    const alice = createClient({
      token: sim.tokenFor("alice"),
      baseUrl: sim.url,
      retries: false,
      throttle: false,
    });
    await alice.rest.issues.createComment({
      ...repo,
      issue_number: review.number,
      body: "<!-- hereby:cycle 1:3 -->",
    });
    const report = await allTimeReport();
    expect(report.reviews).toEqual({
      incidentsReviewed: 1,
      cycles: 2,
      perIncident: { count: 1, median: 2, p90: 2 },
    });
    expect(report.incidents[0]).toMatchObject({ number: 1, reviewCycles: 2 });
  });

  it("report: another bot's comment carrying hereby's cycle marker is not counted", async () => {
    await seedIncidents(octokit, repo, (at) => sim.setClock(() => at), 1);
    const { data: review } = await octokit.rest.issues.create({
      ...repo,
      title: "Incident review: Incident 1 (#1)",
      labels: ["incident-review"],
      body: "<!-- hereby:review 1 -->",
    });
    await octokit.rest.issues.createComment({
      ...repo,
      issue_number: review.number,
      body: "<!-- hereby:cycle 1:1 -->\n### Review 1 of #1",
    });
    const other = createClient({
      token: sim.tokenFor("copycat[bot]"),
      baseUrl: sim.url,
      retries: false,
      throttle: false,
    });
    for (const cycle of [2, 3])
      await other.rest.issues.createComment({
        ...repo,
        issue_number: review.number,
        body: `<!-- hereby:cycle 1:${cycle} -->\n### Review ${cycle} of #1`,
      });
    const range = { since: null, until: null };
    const now = new Date("2026-06-01T00:00:00Z");
    // The login unknown (the workflow's token): hereby is the bot that opened the review issue.
    const unknown = readReport(
      await runReport({ octokit, repo, range, format: "json", now, config: defaultConfig }),
    );
    expect(unknown.reviews.cycles).toBe(1);
    const known = readReport(
      await runReport({
        octokit,
        repo,
        range,
        format: "json",
        now,
        config: defaultConfig,
        self: "hereby[bot]",
      }),
    );
    expect(known.reviews.cycles).toBe(1);
  });
});

// Checks against GitHub's full OpenAPI description (parsed once here: it is 73 MB): the
// committed subset is what scripts/openapi-subset.mjs makes of it, and every response the
// simulator gives in a scenario using every implemented operation matches its schema.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Contract } from "../../packages/simulator/src/contract.js";
import { implementedOperations, type Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup } from "./helpers.js";
import { schemaErrors } from "./schema-check.js";

interface Captured {
  method: string;
  path: string;
  status: number;
  data: unknown;
}

type Spec = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      }
    >
  >;
};

const require = createRequire(import.meta.url);
const specPath = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");
let parsed: Spec | undefined;
/** GitHub's full description (73 MB), parsed once. */
function loadSpec(): Spec {
  parsed ??= JSON.parse(readFileSync(specPath, "utf8")) as Spec;
  return parsed;
}

let sim: Simulator;
const captured: Captured[] = [];

beforeAll(async () => {
  const env = await setup();
  sim = env.sim;
  const { bot, alice } = env;
  for (const client of [bot, alice] as Octokit[]) {
    client.hook.after("request", (response, options) => {
      const url = new URL(response.url);
      captured.push({
        method: String(options.method),
        path: url.pathname,
        status: response.status,
        data: response.data,
      });
    });
  }
  sim.setPermission("bob", "write");
  sim.seedFile(".github/hereby.yml", "a: 1\n");
  await alice.rest.issues.create({ ...repo, title: "Incident", labels: [] });
  await bot.rest.issues.create({
    ...repo,
    title: "Follow-up",
    labels: ["follow-up"],
    assignees: ["bob"],
  });
  await bot.rest.issues.get({ ...repo, issue_number: 1 });
  await bot.rest.issues.update({
    ...repo,
    issue_number: 1,
    title: "Incident: checkout",
    labels: ["incident"],
  });
  await bot.rest.issues.listForRepo({ ...repo, state: "all" });
  const { data: c } = await alice.rest.issues.createComment({
    ...repo,
    issue_number: 1,
    body: "/declare",
  });
  await bot.rest.issues.getComment({ ...repo, comment_id: c.id });
  await alice.rest.issues.updateComment({ ...repo, comment_id: c.id, body: "/declare sev1" });
  await bot.rest.issues.listComments({ ...repo, issue_number: 1 });
  await bot.rest.reactions.createForIssueComment({ ...repo, comment_id: c.id, content: "eyes" });
  const { data: mine } = await bot.rest.reactions.listForIssueComment({
    ...repo,
    comment_id: c.id,
  });
  await bot.rest.reactions.deleteForIssueComment({
    ...repo,
    comment_id: c.id,
    reaction_id: mine[0]!.id,
  });
  await bot.rest.issues.createLabel({ ...repo, name: "sev:1", color: "b60205" });
  await bot.rest.issues.getLabel({ ...repo, name: "sev:1" });
  await bot.rest.issues.listLabelsForRepo(repo);
  await bot.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["sev:1"] });
  await bot.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 1 });
  await bot.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "sev:1" });
  await bot.rest.issues.setLabels({
    ...repo,
    issue_number: 1,
    labels: ["incident", "status:identified"],
  });
  await bot.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["bob"] });
  await bot.rest.issues.removeAssignees({ ...repo, issue_number: 1, assignees: ["bob"] });
  await bot.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "bob" });
  await expect(bot.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
  await expect(
    bot.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "nobody-here" }),
  ).rejects.toMatchObject({ status: 404 });
  await bot.rest.issues.addSubIssue({
    ...repo,
    issue_number: 1,
    sub_issue_id: (await bot.rest.issues.get({ ...repo, issue_number: 2 })).data.id,
  });
  await bot.rest.issues.listSubIssues({ ...repo, issue_number: 1 });
  await bot.rest.issues.update({
    ...repo,
    issue_number: 2,
    state: "closed",
    state_reason: "completed",
  });
  await bot.rest.issues.update({ ...repo, issue_number: 2, state: "open" });
  await bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: 1 });
  await bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: 2 });
  await bot.rest.issues.listEvents({ ...repo, issue_number: 1 });
  await bot.rest.issues.listEvents({ ...repo, issue_number: 2 });
  await bot.rest.issues.getParent({ ...repo, issue_number: 2 });
  await bot.rest.issues.removeSubIssue({
    ...repo,
    issue_number: 1,
    sub_issue_id: (await bot.rest.issues.get({ ...repo, issue_number: 2 })).data.id,
  });
  await bot.rest.issues.deleteComment({ ...repo, comment_id: c.id });
  await bot.rest.issues.removeAllLabels({ ...repo, issue_number: 2 });
  await bot.rest.repos.get(repo);
  await bot.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
  await bot.rest.repos.getContent({ ...repo, path: ".github/hereby.yml" });
  await bot.rest.repos.getContent({ ...repo, path: ".github" });
  await bot.rest.repos.createOrUpdateFileContents({
    ...repo,
    path: "docs/a.md",
    message: "a",
    content: Buffer.from("a").toString("base64"),
  });
  await bot.rest.repos.getBranch({ ...repo, branch: "main" });
  const { data: ref } = await bot.rest.git.getRef({ ...repo, ref: "heads/main" });
  const { data: commit } = await bot.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha });
  const { data: blob } = await bot.rest.git.createBlob({ ...repo, content: "pm" });
  await bot.rest.git.getBlob({ ...repo, file_sha: blob.sha });
  const { data: tree } = await bot.rest.git.createTree({
    ...repo,
    base_tree: commit.tree.sha,
    tree: [{ path: "pm/1.md", mode: "100644", type: "blob", sha: blob.sha }],
  });
  await bot.rest.git.getTree({ ...repo, tree_sha: tree.sha, recursive: "true" });
  const { data: next } = await bot.rest.git.createCommit({
    ...repo,
    message: "pm",
    tree: tree.sha,
    parents: [ref.object.sha],
  });
  await bot.rest.git.createRef({ ...repo, ref: "refs/heads/pm", sha: ref.object.sha });
  await bot.rest.git.updateRef({ ...repo, ref: "heads/pm", sha: next.sha });
  await bot.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...pm" });
  const { data: pr } = await bot.rest.pulls.create({
    ...repo,
    title: "PM",
    head: "pm",
    base: "main",
  });
  await bot.rest.pulls.list(repo);
  // What changed: deployments and their statuses, releases, workflow runs.
  const deployment = sim.feeds.deploy("alice", {
    ref: "v1",
    environment: "production",
    state: "success",
  });
  await bot.rest.repos.listDeployments(repo);
  await bot.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id });
  sim.feeds.release("alice", { tag: "v1" });
  await bot.rest.repos.listReleases(repo);
  sim.feeds.run("alice", { name: "CI", title: "tests", branch: "main", conclusion: "failure" });
  await bot.rest.actions.listWorkflowRunsForRepo({
    ...repo,
    status: "failure",
    created: ">=2020-01-01T00:00:00Z",
  });
  await bot.rest.pulls.get({ ...repo, pull_number: pr.number });
  await bot.rest.pulls.update({ ...repo, pull_number: pr.number, body: "Postmortem" });
  await bot.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["bob"] });
  await bot.rest.pulls.merge({ ...repo, pull_number: pr.number });
  await bot.rest.pulls.get({ ...repo, pull_number: pr.number });
  await bot.rest.issues.listEventsForTimeline({ ...repo, issue_number: pr.number });
  // The app's own endpoints, with a JWT.
  const app = new Octokit({ auth: "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln", baseUrl: sim.url });
  app.hook.after("request", (response) => {
    captured.push({
      method: response.url === `${sim.url}/app/installations/1/access_tokens` ? "POST" : "GET",
      path: new URL(response.url).pathname,
      status: response.status,
      data: response.data,
    });
  });
  await app.rest.apps.getAuthenticated();
  await app.rest.apps.getRepoInstallation(repo);
  await app.rest.apps.createInstallationAccessToken({ installation_id: 1 });
  await app.rest.apps.listInstallations();
  await bot.rest.apps.listReposAccessibleToInstallation();
});
afterAll(() => sim.close());

describe("the committed subset", () => {
  it("is what scripts/openapi-subset.mjs generates from the installed @octokit/openapi", async () => {
    const script = new URL("../../scripts/openapi-subset.mjs", import.meta.url).href;
    const { subsetText, outFile } = (await import(script)) as {
      subsetText: (spec: Spec, version: string) => string;
      outFile: string;
    };
    const { version } = require("@octokit/openapi/package.json") as { version: string };
    expect(
      subsetText(loadSpec(), version) === readFileSync(outFile, "utf8"),
      "stale: run node scripts/openapi-subset.mjs",
    ).toBe(true);
  });
});

describe("responses", () => {
  it("cover every implemented operation without violations", () => {
    expect(sim.violations).toEqual([]);
    const used = new Set(sim.requests.map((r) => r.operationId));
    expect(implementedOperations.filter((id) => !used.has(id))).toEqual([]);
  });

  it("match GitHub's response schemas", () => {
    const spec = loadSpec();
    const contract = new Contract();
    const problems: string[] = [];
    let checked = 0;
    for (const r of captured) {
      const m = contract.match(r.method, r.path);
      if (!m || typeof r.data !== "object" || r.data === null) continue;
      const op = spec.paths[m.template]?.[r.method.toLowerCase()];
      const schema = op?.responses?.[String(r.status)]?.content?.["application/json"]?.schema;
      if (!schema) {
        problems.push(`${m.operationId} ${r.status}: no response schema`);
        continue;
      }
      checked++;
      const errors = schemaErrors(schema, r.data);
      if (errors.length)
        problems.push(`${m.operationId} ${r.status}: ${errors.slice(0, 5).join("; ")}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it("catch a response that lacks a required field", () => {
    const spec = loadSpec();
    const schema =
      spec.paths["/repos/{owner}/{repo}/issues/{issue_number}"]!.get!.responses!["200"]!.content![
        "application/json"
      ]!.schema;
    const issue = captured.find((r) => r.method === "GET" && /\/issues\/1$/.test(r.path))!
      .data as Record<string, unknown>;
    expect(schemaErrors(schema as Parameters<typeof schemaErrors>[0], issue)).toEqual([]);
    const { node_id: _, ...broken } = issue;
    expect(
      schemaErrors(schema as Parameters<typeof schemaErrors>[0], {
        ...broken,
        state_reason: "done",
      }),
    ).toEqual([
      "$.node_id: required",
      '$.state_reason: "done" not in ["completed","reopened","not_planned","duplicate"]',
    ]);
  });
});

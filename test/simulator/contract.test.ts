import { statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { Contract, loadSubset } from "../../packages/simulator/src/contract.js";
import { implementedOperations, type Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup, statusOf, unchecked } from "./helpers.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("the OpenAPI subset", () => {
  const subset = loadSubset();

  it("says where it comes from and stays small", () => {
    expect(subset.$comment).toMatch(
      /scripts\/openapi-subset\.mjs.*@octokit\/openapi \d+\.\d+\.\d+/,
    );
    expect(subset.source.package).toBe("@octokit/openapi");
    const size = statSync(
      new URL("../../packages/simulator/src/openapi-subset.json", import.meta.url),
    ).size;
    expect(size).toBeLessThan(2 * 1024 * 1024);
  });

  it("lists every operation GitHub describes and details every implemented one", () => {
    expect(subset.operations.length).toBeGreaterThan(1000);
    const described = new Set(subset.operations.map((o) => o[2]));
    for (const id of implementedOperations) {
      expect(described.has(id), id).toBe(true);
      expect(subset.details[id], id).toBeDefined();
    }
    expect(Object.keys(subset.details).sort()).toEqual([...implementedOperations]);
  });

  it("routes by template, most specific first, with multi-segment paths", () => {
    const c = new Contract(subset);
    expect(c.match("GET", "/repos/a/b/issues/comments")?.operationId).toBe(
      "issues/list-comments-for-repo",
    );
    expect(c.match("GET", "/repos/a/b/issues/7")?.params).toMatchObject({ issue_number: "7" });
    expect(c.match("GET", "/repos/a/b/contents/.github/hereby.yml")?.params.path).toBe(
      ".github/hereby.yml",
    );
    expect(c.match("GET", "/repos/a/b/contents/.github%2Fhereby.yml")?.params.path).toBe(
      ".github/hereby.yml",
    );
    expect(c.match("GET", "/repos/a/b/git/ref/heads/feature/x")?.params.ref).toBe(
      "heads/feature/x",
    );
    expect(c.match("GET", "/repos/a/b/branches/main/protection")?.operationId).toBe(
      "repos/get-branch-protection",
    );
    expect(c.match("DELETE", "/repos/a/b/issues/1")).toBeUndefined();
  });

  it("accepts what GitHub's schemas allow (nullable, oneOf of strings and objects)", () => {
    const c = new Contract(subset);
    const check = (method: string, path: string, body: unknown) =>
      c.check({ method, path, query: new URLSearchParams(), body }, c.match(method, path));
    expect(
      check("PATCH", "/repos/a/b/issues/1", {
        title: null,
        body: null,
        state_reason: null,
        milestone: null,
        labels: ["a", { name: "b" }],
      }),
    ).toBeUndefined();
    expect(check("PATCH", "/repos/a/b/issues/1", { title: 42 })).toBeUndefined();
    expect(
      check("POST", "/repos/a/b/issues/1/labels", { labels: ["a", { name: "b" }] }),
    ).toBeUndefined();
    expect(check("PUT", "/repos/a/b/pulls/1/merge", undefined)).toBeUndefined();
    expect(
      check("POST", "/repos/a/b/labels", {
        name: "x",
        description: "has a property called description",
      }),
    ).toBeUndefined();
    expect(check("PATCH", "/repos/a/b/issues/1", { state_reason: "nope" })?.violations[0]).toMatch(
      /state_reason/,
    );
    // The description says an empty array clears labels; the schema says minItems 1.
    expect(check("PUT", "/repos/a/b/issues/1/labels", { labels: [] })?.status).toBe(422);
  });
});

describe("requests GitHub would reject", () => {
  it("answers 422 and records a violation for a bad body", async () => {
    const env = await setup();
    sim = env.sim;
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    const error = await unchecked(env.bot, "PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...repo,
      issue_number: 1,
      state: "done",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: { data: { message: "Validation Failed" } },
    });
    expect(sim.violations).toHaveLength(1);
    expect(sim.violations[0]).toMatch(/issues\/update.*state/);
    expect(sim.issue(1).state).toBe("open");
    expect(sim.requests.at(-1)).toMatchObject({
      method: "PATCH",
      operationId: "issues/update",
      status: 422,
      actor: "hereby[bot]",
    });
  });

  it("flags GraphQL, search, made-up routes, unimplemented operations and bad parameters", async () => {
    const env = await setup();
    sim = env.sim;
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    expect(
      await statusOf(env.bot.graphql("{ viewer { login } }").then(() => ({ status: 200 }))),
    ).toBe(404);
    expect(
      await statusOf(
        env.bot.rest.search.issuesAndPullRequests({ q: "repo:acme/shop label:incident" }),
      ),
    ).toBe(404);
    expect(await statusOf(env.bot.request("GET /repos/{owner}/{repo}/incidents", repo))).toBe(404);
    expect(await statusOf(env.bot.rest.issues.listMilestones(repo))).toBe(404);
    expect(
      await statusOf(
        unchecked(env.bot, "GET /repos/{owner}/{repo}/issues", { ...repo, state: "bogus" }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        unchecked(env.bot, "GET /repos/{owner}/{repo}/issues/{issue_number}", {
          ...repo,
          issue_number: "one",
        }),
      ),
    ).toBe(404);
    expect(sim.violations).toHaveLength(6);
    expect(sim.violations[0]).toMatch(/POST \/graphql: GraphQL/);
    expect(sim.violations[1]).toMatch(/search/);
    expect(sim.violations[2]).toMatch(
      /GET \/repos\/acme\/shop\/incidents: not in GitHub's REST description/,
    );
    expect(sim.violations[3]).toMatch(/simulator does not implement issues\/list-milestones/);
    expect(sim.violations[4]).toMatch(/"state" must be one of/);
    expect(sim.violations[5]).toMatch(/"issue_number" must be an integer/);
  });

  it("answers 404 for another repository without a violation", async () => {
    const env = await setup();
    sim = env.sim;
    expect(await statusOf(env.bot.rest.repos.get({ owner: "acme", repo: "elsewhere" }))).toBe(404);
    expect(sim.violations).toEqual([]);
  });

  it("checks nothing with validate: false", async () => {
    const env = await setup({ validate: false });
    sim = env.sim;
    await env.alice.rest.issues.create({ ...repo, title: "x" });
    await unchecked(env.bot, "PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...repo,
      issue_number: 1,
      state: "done",
    });
    expect(sim.violations).toEqual([]);
  });

  it("refuses missing and bad credentials", async () => {
    const env = await setup();
    sim = env.sim;
    const anonymous = await fetch(`${sim.url}/repos/acme/shop`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${sim.url}/repos/acme/shop`, {
      headers: { authorization: "token nope" },
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: "Bad credentials" });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { repo, setup, statusOf } from "./helpers.js";

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("repository contents", () => {
  it("answers 404 for a missing file, then serves the seeded one (base64, sha, ref)", async () => {
    const env = await setup();
    sim = env.sim;
    const path = ".github/hereby.yml";
    expect(await statusOf(env.bot.rest.repos.getContent({ ...repo, path }))).toBe(404);
    sim.seedFile(path, "severities: [sev1, sev2]\n");
    sim.seedFile(path, "on a branch\n", "config-change");
    const { data } = await env.bot.rest.repos.getContent({ ...repo, path });
    if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
    expect(data).toMatchObject({
      type: "file",
      encoding: "base64",
      name: "hereby.yml",
      path,
      size: 25,
    });
    expect(Buffer.from(data.content, "base64").toString()).toBe("severities: [sev1, sev2]\n");
    expect(data.sha).toMatch(/^[0-9a-f]{40}$/);
    const onBranch = await env.bot.rest.repos.getContent({ ...repo, path, ref: "config-change" });
    expect(Buffer.from((onBranch.data as { content: string }).content, "base64").toString()).toBe(
      "on a branch\n",
    );
    const raw = await env.bot.rest.repos.getContent({
      ...repo,
      path,
      mediaType: { format: "raw" },
    });
    expect(raw.data as unknown).toBe("severities: [sev1, sev2]\n");
    const dir = await env.bot.rest.repos.getContent({ ...repo, path: ".github" });
    expect(
      (dir.data as { name: string; type: string }[]).map((e) => `${e.type}:${e.name}`),
    ).toEqual(["file:hereby.yml"]);
    expect(
      await statusOf(env.bot.rest.repos.getContent({ ...repo, path, ref: "no-such-branch" })),
    ).toBe(404);
    expect(sim.violations).toEqual([]);
  });

  it("serves the owner's .github repository's files raw, as config loaders read them", async () => {
    const env = await setup();
    sim = env.sim;
    const org = {
      owner: "acme",
      repo: ".github",
      path: ".github/hereby.yml",
      mediaType: { format: "raw" },
    };
    expect(await statusOf(env.bot.rest.repos.getContent(org))).toBe(404);
    sim.seedOrgFile(".github/hereby.yml", "timezone: Europe/Berlin\n");
    const { data } = await env.bot.rest.repos.getContent(org);
    expect(data).toBe("timezone: Europe/Berlin\n");
    expect(
      await statusOf(env.bot.rest.repos.getContent({ ...repo, path: ".github/hereby.yml" })),
    ).toBe(404);
    expect(
      await statusOf(env.bot.rest.issues.get({ owner: "acme", repo: ".github", issue_number: 1 })),
    ).toBe(404);
    expect(sim.violations).toEqual([]);
  });

  it("creates and updates files with createOrUpdateFileContents (sha required to update)", async () => {
    const env = await setup();
    sim = env.sim;
    const path = "postmortems/2026-03-01-checkout.md";
    const put = (content: string, sha?: string) =>
      env.bot.rest.repos.createOrUpdateFileContents({
        ...repo,
        path,
        message: "postmortem",
        content: Buffer.from(content).toString("base64"),
        ...(sha ? { sha } : {}),
      });
    const first = await put("# Draft\n");
    expect(first.status).toBe(201);
    expect(first.data.commit.author).toMatchObject({
      name: "hereby[bot]",
      date: "2026-03-01T09:00:00Z",
    });
    expect(await statusOf(put("# Again\n"))).toBe(422);
    expect(await statusOf(put("# Wrong sha\n", "0".repeat(40)))).toBe(409);
    const second = await put("# Final\n", first.data.content!.sha);
    expect(second.status).toBe(200);
    expect(sim.file(path)).toBe("# Final\n");
    const { data: branch } = await env.bot.rest.repos.getBranch({ ...repo, branch: "main" });
    expect(branch.commit.sha).toBe(second.data.commit.sha);
    expect((await env.bot.rest.repos.get(repo)).data).toMatchObject({
      full_name: "acme/shop",
      default_branch: "main",
      private: true,
      permissions: { push: true },
    });
    expect(sim.violations).toEqual([]);
  });
});

describe("git data and pull requests", () => {
  it("builds a commit from blobs and trees, opens a pull request and merges it", async () => {
    const env = await setup();
    sim = env.sim;
    const { bot } = env;
    const { data: main } = await bot.rest.git.getRef({ ...repo, ref: "heads/main" });
    expect(main).toMatchObject({ ref: "refs/heads/main", object: { type: "commit" } });
    const { data: base } = await bot.rest.git.getCommit({ ...repo, commit_sha: main.object.sha });
    const { data: blob } = await bot.rest.git.createBlob({
      ...repo,
      content: "# Checkout outage\n",
      encoding: "utf-8",
    });
    const { data: tree } = await bot.rest.git.createTree({
      ...repo,
      base_tree: base.tree.sha,
      tree: [
        { path: "postmortems/checkout.md", mode: "100644", type: "blob", sha: blob.sha },
        {
          path: "postmortems/timeline.md",
          mode: "100644",
          type: "blob",
          content: "09:00 declared\n",
        },
      ],
    });
    const { data: recursive } = await bot.rest.git.getTree({
      ...repo,
      tree_sha: tree.sha,
      recursive: "1",
    });
    expect(recursive.tree.map((e) => `${e.type} ${e.path}`)).toEqual([
      "blob README.md",
      "tree postmortems",
      "blob postmortems/checkout.md",
      "blob postmortems/timeline.md",
    ]);
    const { data: commit } = await bot.rest.git.createCommit({
      ...repo,
      message: "Postmortem",
      tree: tree.sha,
      parents: [main.object.sha],
    });
    expect(commit.parents.map((p) => p.sha)).toEqual([main.object.sha]);
    const { status: refStatus } = await bot.rest.git.createRef({
      ...repo,
      ref: "refs/heads/hereby/postmortem-1",
      sha: commit.sha,
    });
    expect(refStatus).toBe(201);
    expect(
      await statusOf(
        bot.rest.git.createRef({ ...repo, ref: "refs/heads/hereby/postmortem-1", sha: commit.sha }),
      ),
    ).toBe(422);
    // Not a fast-forward without force.
    const { data: other } = await bot.rest.git.createCommit({
      ...repo,
      message: "Other",
      tree: base.tree.sha,
      parents: [main.object.sha],
    });
    expect(
      await statusOf(
        bot.rest.git.updateRef({ ...repo, ref: "heads/hereby/postmortem-1", sha: other.sha }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        bot.rest.git.updateRef({
          ...repo,
          ref: "heads/hereby/postmortem-1",
          sha: other.sha,
          force: true,
        }),
      ),
    ).toBe(200);
    await bot.rest.git.updateRef({
      ...repo,
      ref: "heads/hereby/postmortem-1",
      sha: commit.sha,
      force: true,
    });

    sim.takeDeliveries();
    const { data: pr, status } = await bot.rest.pulls.create({
      ...repo,
      title: "Postmortem: checkout",
      head: "hereby/postmortem-1",
      base: "main",
      body: "Closes #1",
    });
    expect(status).toBe(201);
    expect(pr).toMatchObject({
      number: 1,
      state: "open",
      merged: false,
      head: { ref: "hereby/postmortem-1", sha: commit.sha },
      base: { ref: "main" },
      user: { login: "hereby[bot]" },
    });
    expect(
      await statusOf(
        bot.rest.pulls.create({ ...repo, title: "dup", head: "hereby/postmortem-1", base: "main" }),
      ),
    ).toBe(422);
    expect(
      (await bot.rest.pulls.list({ ...repo, head: "acme:hereby/postmortem-1" })).data.map(
        (p) => p.number,
      ),
    ).toEqual([1]);
    expect((await bot.rest.pulls.list({ ...repo, head: "acme:other" })).data).toEqual([]);
    expect(
      (await bot.rest.issues.get({ ...repo, issue_number: 1 })).data.pull_request,
    ).toBeDefined();

    sim.setPermission("bob", "write");
    const { data: reviewed } = await bot.rest.pulls.requestReviewers({
      ...repo,
      pull_number: 1,
      reviewers: ["bob"],
    });
    expect(reviewed.requested_reviewers?.map((u) => u.login)).toEqual(["bob"]);

    const { data: merged } = await bot.rest.pulls.merge({
      ...repo,
      pull_number: 1,
      merge_method: "squash",
      sha: commit.sha,
    });
    expect(merged).toMatchObject({ merged: true, message: "Pull Request successfully merged" });
    expect(await statusOf(bot.rest.pulls.merge({ ...repo, pull_number: 1 }))).toBe(405);
    const { data: after } = await bot.rest.pulls.get({ ...repo, pull_number: 1 });
    expect(after).toMatchObject({
      state: "closed",
      merged: true,
      merge_commit_sha: merged.sha,
      merged_at: "2026-03-01T09:00:00Z",
      merged_by: { login: "hereby[bot]" },
    });
    expect((await bot.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha).toBe(
      merged.sha,
    );
    expect(sim.file("postmortems/timeline.md")).toBe("09:00 declared\n");
    expect((await bot.rest.pulls.list({ ...repo, state: "closed" })).data).toHaveLength(1);

    const deliveries = sim.takeDeliveries();
    expect(deliveries.map((d) => `${d.name}.${d.payload.action}`)).toEqual([
      "pull_request.opened",
      "pull_request.review_requested",
      "pull_request.closed",
    ]);
    expect(deliveries[2]!.payload).toMatchObject({
      number: 1,
      pull_request: { merged: true, merge_commit_sha: merged.sha },
      sender: { type: "Bot" },
      installation: { id: 1 },
    });
    expect(sim.pulls()).toHaveLength(1);
    expect(sim.violations).toEqual([]);
  });

  it("refuses a pull request without commits and a merge with conflicts", async () => {
    const env = await setup();
    sim = env.sim;
    const { bot } = env;
    const main = (await bot.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await bot.rest.git.createRef({ ...repo, ref: "refs/heads/empty", sha: main });
    expect(
      await statusOf(
        bot.rest.pulls.create({ ...repo, title: "nothing", head: "empty", base: "main" }),
      ),
    ).toBe(422);
    sim.seedFile("README.md", "branch edit\n", "empty");
    sim.seedFile("README.md", "main edit\n");
    const { data: pr } = await bot.rest.pulls.create({
      ...repo,
      title: "conflict",
      head: "empty",
      base: "main",
    });
    expect(pr.mergeable).toBe(false);
    expect(await statusOf(bot.rest.pulls.merge({ ...repo, pull_number: pr.number }))).toBe(405);
    expect(sim.violations).toEqual([]);
  });
});

describe("repository setups hereby must cope with", () => {
  const put = (env: Awaited<ReturnType<typeof setup>>, branch: string) =>
    env.bot.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "x.md",
      branch,
      message: "x",
      content: Buffer.from("x").toString("base64"),
    });

  it("refuses writes to a protected branch, and says so in getBranch", async () => {
    const env = await setup();
    sim = env.sim;
    sim.protectBranch("main");
    expect(await statusOf(put(env, "main"))).toBe(422);
    expect((await env.bot.rest.repos.getBranch({ ...repo, branch: "main" })).data.protected).toBe(
      true,
    );
  });

  it("answers 403 to the App's writes where its installation lacks the permission", async () => {
    const env = await setup();
    sim = env.sim;
    sim.revokeAppPermission("contents");
    expect(await statusOf(put(env, "main"))).toBe(403);
    expect(
      await statusOf(
        env.bot.rest.git.createRef({ ...repo, ref: "refs/heads/x", sha: "0".repeat(40) }),
      ),
    ).toBe(403);
  });

  it("attributes commits in a comparison to the account whose e-mail signed them", async () => {
    const env = await setup();
    sim = env.sim;
    await env.bot.rest.git.createRef({
      ...repo,
      ref: "refs/heads/pm",
      sha: (await env.bot.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha,
    });
    await put(env, "pm");
    sim.pushFile("bob", "y.md", "y\n", "pm");
    const { data } = await env.bot.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: "main...pm",
    });
    expect(data.commits.map((c) => c.author?.login)).toEqual(["hereby[bot]", "bob"]);
    expect((data.files ?? []).map((f) => `${f.status} ${f.filename}`)).toEqual([
      "added x.md",
      "added y.md",
    ]);
    expect(data.ahead_by).toBe(2);
  });

  it("moves the default branch when it is renamed", async () => {
    const env = await setup();
    sim = env.sim;
    sim.setDefaultBranch("trunk");
    expect((await env.bot.rest.repos.get(repo)).data.default_branch).toBe("trunk");
    expect(await statusOf(env.bot.rest.git.getRef({ ...repo, ref: "heads/main" }))).toBe(404);
  });
});

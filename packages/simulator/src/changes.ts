// Deployments (and their statuses), releases and workflow runs: what a repository's
// deploy pipeline leaves on GitHub. People and CI make them through the simulator's own
// methods (GitHub makes runs itself, and hereby only reads these); each change delivers
// the webhook GitHub would send (`deployment_status`, `release`, `workflow_run`) when it
// happens in the simulated repository. Sibling repositories of the same owner
// (`addRepository`) serve these lists too, and nothing else.
import { renderRepository, renderUser } from "./render.js";
import type { Store } from "./store.js";
import { deliver } from "./webhooks.js";

export interface DeploymentRecord {
  id: number;
  ref: string;
  sha: string;
  environment: string;
  description: string | null;
  creator: string;
  createdAt: string;
  statuses: { id: number; state: string; creator: string; createdAt: string; logUrl: string }[];
}

export interface ReleaseRecord {
  id: number;
  tag: string;
  name: string | null;
  author: string;
  draft: boolean;
  publishedAt: string | null;
  createdAt: string;
}

export interface RunRecord {
  id: number;
  name: string;
  title: string;
  branch: string;
  event: string;
  conclusion: string;
  actor: string;
  createdAt: string;
}

export interface Feed {
  deployments: DeploymentRecord[];
  releases: ReleaseRecord[];
  runs: RunRecord[];
}

let nextFeedId = 9_000_000;

export class Feeds {
  private readonly byRepo = new Map<string, Feed>();

  constructor(private readonly s: Store) {
    this.byRepo.set(s.repo.toLowerCase(), { deployments: [], releases: [], runs: [] });
  }

  /** Another repository of the owner, serving only these lists. */
  addRepository(name: string): void {
    if (!this.byRepo.has(name.toLowerCase()))
      this.byRepo.set(name.toLowerCase(), { deployments: [], releases: [], runs: [] });
  }

  feed(repo: string): Feed | undefined {
    return this.byRepo.get(repo.toLowerCase());
  }

  private home(repo: string | undefined): { feed: Feed; name: string; live: boolean } {
    const name = repo ?? this.s.repo;
    const feed = this.feed(name);
    if (!feed) throw new Error(`no repository ${name}: addRepository first`);
    return { feed, name, live: name.toLowerCase() === this.s.repo.toLowerCase() };
  }

  deploy(
    login: string,
    input: { ref: string; environment: string; description?: string; state: string; repo?: string },
  ): DeploymentRecord {
    const { feed, name, live } = this.home(input.repo);
    this.s.addUser(login);
    const d: DeploymentRecord = {
      id: nextFeedId++,
      ref: input.ref,
      sha: "0".repeat(40),
      environment: input.environment,
      description: input.description ?? null,
      creator: login,
      createdAt: this.s.now(),
      statuses: [],
    };
    feed.deployments.push(d);
    this.setState(login, d.id, input.state, name, live);
    return d;
  }

  /** A new status on a deployment: `deployment_status.created`. */
  setState(login: string, id: number, state: string, repo?: string, live?: boolean): void {
    const home = this.home(repo);
    const d = home.feed.deployments.find((x) => x.id === id);
    if (!d) throw new Error(`no deployment ${id}`);
    const status = {
      id: nextFeedId++,
      state,
      creator: login,
      createdAt: this.s.now(),
      logUrl: `${this.s.htmlUrl}/${this.s.owner}/${home.name}/actions/runs/${d.id}`,
    };
    d.statuses.push(status);
    if (live ?? home.live) {
      deliver(this.s, "deployment_status", "created", login, {
        deployment_status: renderStatus(this.s, home.name, d, status),
        deployment: renderDeployment(this.s, home.name, d),
      });
    }
  }

  release(login: string, input: { tag: string; name?: string; repo?: string }): ReleaseRecord {
    const { feed, name, live } = this.home(input.repo);
    this.s.addUser(login);
    const now = this.s.now();
    const r: ReleaseRecord = {
      id: nextFeedId++,
      tag: input.tag,
      name: input.name ?? null,
      author: login,
      draft: false,
      publishedAt: now,
      createdAt: now,
    };
    feed.releases.push(r);
    if (live)
      deliver(this.s, "release", "published", login, { release: renderRelease(this.s, name, r) });
    return r;
  }

  /** A finished workflow run: `workflow_run.completed`. */
  run(
    login: string,
    input: {
      name: string;
      title: string;
      branch: string;
      conclusion: string;
      event?: string;
      repo?: string;
    },
  ): RunRecord {
    const { feed, name, live } = this.home(input.repo);
    this.s.addUser(login);
    const r: RunRecord = {
      id: nextFeedId++,
      name: input.name,
      title: input.title,
      branch: input.branch,
      event: input.event ?? "push",
      conclusion: input.conclusion,
      actor: login,
      createdAt: this.s.now(),
    };
    feed.runs.push(r);
    if (live)
      deliver(this.s, "workflow_run", "completed", login, {
        workflow_run: renderRun(this.s, name, r),
        workflow: { id: 1, name: r.name },
      });
    return r;
  }
}

function apiOf(s: Store, repo: string): string {
  return `${s.apiUrl}/repos/${s.owner}/${repo}`;
}

export function renderDeployment(s: Store, repo: string, d: DeploymentRecord) {
  const url = `${apiOf(s, repo)}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: s.nodeId("DE_", d.id),
    sha: d.sha,
    ref: d.ref,
    task: "deploy",
    payload: {},
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: renderUser(s, d.creator),
    created_at: d.createdAt,
    updated_at: d.statuses.at(-1)?.createdAt ?? d.createdAt,
    statuses_url: `${url}/statuses`,
    repository_url: apiOf(s, repo),
    transient_environment: false,
    production_environment: d.environment === "production",
  };
}

export function renderStatus(
  s: Store,
  repo: string,
  d: DeploymentRecord,
  st: DeploymentRecord["statuses"][number],
) {
  const url = `${apiOf(s, repo)}/deployments/${d.id}`;
  return {
    url: `${url}/statuses/${st.id}`,
    id: st.id,
    node_id: s.nodeId("DES_", st.id),
    state: st.state,
    creator: renderUser(s, st.creator),
    description: "",
    environment: d.environment,
    target_url: st.logUrl,
    log_url: st.logUrl,
    environment_url: `${s.htmlUrl}/${s.owner}/${repo}`,
    created_at: st.createdAt,
    updated_at: st.createdAt,
    deployment_url: url,
    repository_url: apiOf(s, repo),
  };
}

export function renderRelease(s: Store, repo: string, r: ReleaseRecord) {
  const html = `${s.htmlUrl}/${s.owner}/${repo}`;
  return {
    url: `${apiOf(s, repo)}/releases/${r.id}`,
    assets_url: `${apiOf(s, repo)}/releases/${r.id}/assets`,
    upload_url: `${apiOf(s, repo)}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${apiOf(s, repo)}/tarball/${r.tag}`,
    zipball_url: `${apiOf(s, repo)}/zipball/${r.tag}`,
    html_url: `${html}/releases/tag/${r.tag}`,
    id: r.id,
    node_id: s.nodeId("RE_", r.id),
    tag_name: r.tag,
    target_commitish: s.defaultBranch,
    name: r.name,
    body: null,
    draft: r.draft,
    prerelease: false,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    author: renderUser(s, r.author),
    assets: [],
  };
}

export function renderRun(s: Store, repo: string, r: RunRecord) {
  return {
    id: r.id,
    name: r.name,
    node_id: s.nodeId("WFR_", r.id),
    head_branch: r.branch,
    head_sha: "0".repeat(40),
    display_title: r.title,
    run_number: r.id % 1000,
    event: r.event,
    status: "completed",
    conclusion: r.conclusion,
    workflow_id: 1,
    url: `${apiOf(s, repo)}/actions/runs/${r.id}`,
    path: ".github/workflows/ci.yml",
    head_commit: null,
    jobs_url: `${apiOf(s, repo)}/actions/runs/${r.id}/jobs`,
    logs_url: `${apiOf(s, repo)}/actions/runs/${r.id}/logs`,
    check_suite_url: `${apiOf(s, repo)}/check-suites/${r.id}`,
    cancel_url: `${apiOf(s, repo)}/actions/runs/${r.id}/cancel`,
    rerun_url: `${apiOf(s, repo)}/actions/runs/${r.id}/rerun`,
    artifacts_url: `${apiOf(s, repo)}/actions/runs/${r.id}/artifacts`,
    workflow_url: `${apiOf(s, repo)}/actions/workflows/1`,
    html_url: `${s.htmlUrl}/${s.owner}/${repo}/actions/runs/${r.id}`,
    created_at: r.createdAt,
    updated_at: r.createdAt,
    run_started_at: r.createdAt,
    actor: renderUser(s, r.actor),
    triggering_actor: renderUser(s, r.actor),
    pull_requests: [],
    repository: { ...renderRepository(s), name: repo, full_name: `${s.owner}/${repo}` },
    head_repository: { ...renderRepository(s), name: repo, full_name: `${s.owner}/${repo}` },
  };
}

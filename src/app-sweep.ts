// The App's review sweep: every installation's repositories, on an interval (default
// daily, HEREBY_SWEEP_HOURS; 0 turns it off), each replica starting at a random offset.
// Several replicas may sweep at once: the executor's look-backs leave one review issue
// and one comment per cycle.
import type { Probot } from "probot";
import type { GitHub } from "./github/client.js";
import type { Logger } from "./github/executor.js";
import { runScheduled } from "./handlers/report-issue.js";

export interface InstallationSweepDeps {
  /** Authenticated as the app (JWT). */
  app: GitHub;
  /** Authenticated as one installation. */
  installation(id: number): Promise<GitHub>;
  clock: () => Date;
  log: Logger;
  self: string | null;
}

export interface InstallationSweepSummary {
  repositories: number;
  writes: number;
  failed: string[];
}

export async function sweepInstallations(
  deps: InstallationSweepDeps,
): Promise<InstallationSweepSummary> {
  const summary: InstallationSweepSummary = { repositories: 0, writes: 0, failed: [] };
  const installations = await deps.app.paginate(deps.app.rest.apps.listInstallations, {
    per_page: 100,
  });
  for (const installation of installations) {
    const octokit = await deps.installation(installation.id);
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
      per_page: 100,
    });
    for (const r of repos) {
      if (r.archived || !r.has_issues) continue;
      const repo = { owner: r.owner.login, repo: r.name };
      try {
        // The sweep, and the monthly report issue where `report.schedule` asks for it.
        const result = await runScheduled({
          octokit,
          repo,
          clock: deps.clock,
          log: deps.log,
          self: deps.self,
        });
        summary.repositories += 1;
        summary.writes += result.writes.length;
        for (const note of result.notes) deps.log.info(`${r.full_name}: ${note}`);
      } catch (error) {
        // One repository's failure (access revoked mid-run) doesn't stop the others.
        summary.failed.push(r.full_name);
        deps.log.warn(
          `hereby: review sweep of ${r.full_name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  return summary;
}

/** Hours between sweeps from HEREBY_SWEEP_HOURS (default 24); null turns them off. */
export function sweepInterval(env: NodeJS.ProcessEnv): number | null {
  const raw = env.HEREBY_SWEEP_HOURS;
  if (raw === undefined || raw === "") return 24 * 3_600_000;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0)
    throw new Error(
      `HEREBY_SWEEP_HOURS must be a number of hours (0 turns the sweep off), not "${raw}"`,
    );
  return hours === 0 ? null : hours * 3_600_000;
}

/** Starts the timer: the first sweep after a random part of the interval (so replicas
 * started together spread out), then every interval, each with up to 10% jitter. */
export function scheduleSweeps(
  app: Probot,
  self: () => Promise<string | null>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const interval = sweepInterval(env);
  if (interval === null) return;
  const log: Logger = { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) };
  const next = (delay: number) => {
    const timer = setTimeout(() => {
      void sweepOnce(app, self, log).finally(() => next(interval * (0.95 + Math.random() * 0.1)));
    }, delay);
    timer.unref();
  };
  next(Math.random() * Math.min(interval, 3_600_000));
}

async function sweepOnce(
  app: Probot,
  self: () => Promise<string | null>,
  log: Logger,
): Promise<void> {
  try {
    const summary = await sweepInstallations({
      app: await app.auth(),
      installation: async (id) => await app.auth(id),
      clock: () => new Date(),
      log,
      self: await self(),
    });
    log.info(
      `hereby: review sweep of ${summary.repositories} repositories made ${summary.writes} writes`,
    );
  } catch (error) {
    log.warn(
      `hereby: review sweep failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

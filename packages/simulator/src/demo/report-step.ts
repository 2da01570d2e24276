// The demo's last step: the insights report over the incidents it played, as
// `hereby report --repo acme/shop` prints it, also written to demo-output/report.md.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runReport } from "../../../../src/handlers/report.js";
import type { Playground } from "./playground.js";

export async function playReport(
  pg: Playground,
  out: (line: string) => void,
  dir: string,
): Promise<void> {
  const before = pg.sim.requests.length;
  const report = await runReport({
    octokit: pg.bot,
    repo: pg.repo,
    range: { since: null, until: null },
    format: "md",
    now: pg.clock(),
  });
  const requests = pg.sim.requests.length - before;
  await writeFile(join(dir, "report.md"), report);
  out("");
  const { owner, repo } = pg.repo;
  const written = `(${requests} requests, written to ${dir}/report.md)`;
  out(`$ hereby report --repo ${owner}/${repo}    ${written}`);
  out("");
  for (const line of report.trimEnd().split("\n")) out(`    ${line}`);
}

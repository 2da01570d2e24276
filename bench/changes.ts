// `npm run bench` (after bench/run.ts): the requests "what changed" costs, against the
// simulator: on declaration with the incident's repository alone and with two more
// (`changes.repositories`), and per live event (a deploy, then a burst inside the minute).
// Written as the "What changed" section of BENCHMARKS.md. Figures, never asserted.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Playground } from "../packages/simulator/src/demo/playground.js";

const BOT = "hereby[bot]";
const PEOPLE = { alice: "write", bob: "write", dave: "write" } as const;
const CHANGE_PATH = /\/(deployments|releases|pulls|actions\/runs)(\/|\?|$)|^\/repos\/acme\/[^/]+$/;

interface Row {
  figure: string;
  requests: number;
  changeReads: number;
  writes: number;
  detail: string;
}

function count(p: Playground, from: number, figure: string): Row {
  const mine = p.sim.requests.slice(from).filter((r) => r.actor === BOT);
  const reads = mine.filter((r) => r.method === "GET" && CHANGE_PATH.test(r.path));
  const perRepo = new Map<string, number>();
  for (const r of reads)
    perRepo.set(r.path.split("/")[3]!, (perRepo.get(r.path.split("/")[3]!) ?? 0) + 1);
  const detail = [...perRepo].map(([repo, n]) => `${repo}: ${n}`).join(", ");
  return {
    figure,
    requests: mine.length,
    changeReads: reads.length,
    writes: mine.filter((r) => r.method !== "GET").length,
    detail,
  };
}

async function declaration(repos: string[]): Promise<{ p: Playground; n: number; row: Row }> {
  const config = `timezone: UTC\nchanges:\n  repositories: [${repos.join(", ")}]\n`;
  const p = await Playground.start({ config, people: { ...PEOPLE } });
  for (const name of repos) p.sim.feeds.addRepository(name);
  for (const name of ["shop", ...repos]) {
    p.sim.feeds.deploy("dave", {
      ref: `${name}-v1`,
      environment: "production",
      state: "success",
      ...(name === "shop" ? {} : { repo: name }),
    });
    p.sim.feeds.run("bob", {
      name: "CI",
      title: "tests",
      branch: "main",
      conclusion: "failure",
      ...(name === "shop" ? {} : { repo: name }),
    });
  }
  p.advance(4);
  p.sim.takeDeliveries();
  const from = p.sim.requests.length;
  const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
  await p.settle();
  return {
    p,
    n,
    row: count(
      p,
      from,
      `declare, ${repos.length + 1} ${repos.length ? "repositories" : "repository"}`,
    ),
  };
}

const rows: Row[] = [];
rows.push((await declaration([])).row);
const three = await declaration(["api", "web"]);
rows.push(three.row);
const { p } = three;
p.advance(2);
let from = p.sim.requests.length;
p.sim.feeds.deploy("dave", { ref: "shop-v2", environment: "production", state: "success" });
await p.settle();
rows.push(count(p, from, "live deployment_status, a minute after the last edit"));
from = p.sim.requests.length;
for (let i = 0; i < 20; i++) {
  p.advance(0.04);
  p.sim.feeds.deploy("dave", { ref: `shop-v3.${i}`, environment: "staging", state: "success" });
  await p.settle();
}
rows.push({
  ...count(p, from, "20 live deployment_status within the minute (all 20)"),
  detail: "each: the open issues, the list's comment; no edit",
});
p.advance(1);
from = p.sim.requests.length;
await p.runDue();
rows.push(count(p, from, "the coalesced refresh after that minute, 3 repositories"));
await p.close();

const table = [
  "| figure | requests | of them, change lists | writes | change lists per repository |",
  "|---|---:|---:|---:|---|",
  ...rows.map(
    (r) => `| ${r.figure} | ${r.requests} | ${r.changeReads} | ${r.writes} | ${r.detail || "—"} |`,
  ),
].join("\n");
const section = `## What changed (bench/changes.ts)

Requests by hereby's identity, against the simulator. *Change lists* are the reads of
deployments (and one deployment's statuses), releases, pull requests and workflow runs
(and a repository's default branch when no pull request names it): at most five per
repository. A live event costs the open issues and the list's comment, plus the edit.

${table}
`;
const file = resolve(import.meta.dirname, "../BENCHMARKS.md");
const text = readFileSync(file, "utf8");
const start = text.indexOf("## What changed (bench/changes.ts)");
const rest = start < 0 ? -1 : text.slice(start + 1).search(/\n## /);
const next =
  start < 0
    ? text.trimEnd() + "\n\n" + section
    : text.slice(0, start) + section + (rest < 0 ? "" : text.slice(start + 1 + rest + 1));
writeFileSync(file, next);
console.log(table);

// `hereby sweep --repo owner/name [--dry-run]` against the simulated GitHub (its URL as
// GITHUB_API_URL, as for GitHub Enterprise Server).
import { afterEach, describe, expect, it } from "vitest";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { sweepCommand } from "../../src/sweep-cli.js";
import { runCli } from "../support/cli-run.js";
import {
  addItem,
  botWrites,
  DAY,
  resolvedIncident,
  reviewIssues,
  sweepPlayground,
} from "../sweep/support.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations).toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const cli = (p: Playground, args: string[], env?: NodeJS.ProcessEnv) =>
  runCli(sweepCommand, p, args, env);

describe("hereby sweep", () => {
  it("--dry-run prints the plan and writes nothing; without it, the review opens", async () => {
    pg = await sweepPlayground();
    const p = pg;
    const n = await resolvedIncident(p, "Checkout 502");
    await addItem(p, n, "Gateway alarm", "dave");
    p.advance(30 * DAY);
    const from = p.sim.requests.length;
    const dry = await cli(p, ["--repo", "acme/shop", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(botWrites(p, from)).toEqual([]);
    expect(dry.out).toContain(
      `[dry-run] would open issue "Incident review: Checkout 502 (#${n})" [incident-review] for @bob, then comment on it`,
    );
    expect(dry.out).toContain(`| #${n} Checkout 502 | 2026-12-23 | 1 | would be review opened |`);
    const real = await cli(p, ["--repo=acme/shop"]);
    expect(real.code).toBe(0);
    expect(real.out).toContain("| 1 | review opened |");
    expect(reviewIssues(p)).toHaveLength(1);
  });

  it("says what is missing: the repository, the token", async () => {
    pg = await sweepPlayground();
    expect(await cli(pg, [])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--repo must be owner/name"),
    });
    expect(await cli(pg, ["--repo", "acme"])).toMatchObject({
      code: 2,
      err: expect.stringContaining('not "acme"'),
    });
    expect(await cli(pg, ["--repo", "acme/shop", "--force"])).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown argument "--force"'),
    });
    expect(await cli(pg, ["--repo", "acme/shop"], {})).toMatchObject({
      code: 2,
      err: expect.stringContaining("set GITHUB_TOKEN"),
    });
  });
});

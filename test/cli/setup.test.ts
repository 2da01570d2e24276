// `hereby setup --repo owner/name [--dry-run]` against the simulated GitHub (its URL as
// GITHUB_API_URL, as for GitHub Enterprise Server): every label hereby uses, at once.
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-run.js";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { setupCommand } from "../../src/setup-cli.js";
import { HEREBY_LABELS, PEOPLE } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations).toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const cli = (p: Playground, args: string[], env?: NodeJS.ProcessEnv) =>
  runCli(setupCommand, p, args, env);

const labelNames = (p: Playground) => p.sim.labels().map((l) => l.name);
const labelWrites = (p: Playground, from: number) =>
  p.sim.requests.slice(from).filter((r) => r.method === "POST" && r.path.endsWith("/labels"))
    .length;

describe("hereby setup", () => {
  it("creates every missing label with its colour once, and leaves a person's label as it is", async () => {
    pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE } });
    await pg
      .as("alice")
      .rest.issues.createLabel({ ...pg.repo, name: "severity:major", color: "000000" });
    const dry = await cli(pg, ["--repo", "acme/shop", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would create label "incident" (#b60205)');
    expect(labelNames(pg)).toEqual(["severity:major"]);

    const real = await cli(pg, ["--repo=acme/shop"]);
    expect(real.code).toBe(0);
    expect(real.out).toContain(
      `${HEREBY_LABELS.length - 1} of ${HEREBY_LABELS.length} labels created`,
    );
    expect(new Set(labelNames(pg))).toEqual(new Set(HEREBY_LABELS));
    expect(pg.sim.labels().find((l) => l.name === "severity:major")?.color).toBe("000000");

    const from = pg.sim.requests.length;
    const again = await cli(pg, ["--repo", "acme/shop"]);
    expect(again.out).toContain(`0 of ${HEREBY_LABELS.length} labels created`);
    expect(labelWrites(pg, from)).toBe(0);
  });

  it("answers --help, and names a bad --repo or a missing token without writing", async () => {
    pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE } });
    expect((await cli(pg, ["--help"])).out).toContain(
      "usage: hereby setup --repo owner/name [--dry-run]",
    );
    const bad = await cli(pg, ["--repo", "shop"]);
    expect([bad.code, bad.err.split("\n")[0]]).toEqual([
      2,
      'hereby setup: --repo must be owner/name, not "shop"',
    ]);
    const noToken = await cli(pg, ["--repo", "acme/shop"], {});
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain("set GITHUB_TOKEN");
    expect(labelNames(pg)).toEqual([]);
  });
});

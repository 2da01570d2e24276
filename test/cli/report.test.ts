// `hereby report`: arguments checked with a message naming the bad one, then the report
// from the simulated GitHub with the token and API URL from the environment.
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { createClient } from "../../src/github/client.js";
import { reportCommand } from "../../src/report-cli.js";
import { startSimulator, type Simulator } from "../../packages/simulator/src/index.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (l: string) => err.push(l) }, out, err };
}

let sim: Simulator | undefined;
afterEach(async () => {
  if (sim) {
    expect(sim.violations).toEqual([]);
    await sim.close();
  }
  sim = undefined;
});

describe("hereby report arguments", () => {
  it.each([
    [[], "--repo must be owner/name"],
    [["--repo", "acme"], '--repo must be owner/name, not "acme"'],
    [
      ["--repo", "acme/shop", "--format", "xlsx"],
      '--format must be one of md, csv, json, not "xlsx"',
    ],
    [
      ["--repo", "acme/shop", "--since", "last year"],
      '--since must be a date like 2026-01-01 or an ISO 8601 time, not "last year"',
    ],
    [
      ["--repo", "acme/shop", "--since", "2026-05-01", "--until", "2026-01-01"],
      "--since (2026-05-01) must come before --until (2026-01-01)",
    ],
    [["--repo", "acme/shop", "--dry-run"], 'unknown argument "--dry-run"'],
    [["--repo", "acme/shop", "--since"], "--since needs a value"],
  ])("%j is refused: %s", async (args, message) => {
    const { io, out, err } = capture();
    expect(await reportCommand(args, io, { GITHUB_TOKEN: "t" })).toBe(2);
    expect(err.join("\n")).toContain(message);
    expect(out).toEqual([]);
  });

  it("asks for a token", async () => {
    const { io, err } = capture();
    expect(await reportCommand(["--repo", "acme/shop"], io, {})).toBe(2);
    expect(err[0]).toContain("set GITHUB_TOKEN");
  });
});

describe("hereby report on a repository", () => {
  it("prints the Markdown report of the incidents declared in the period", async () => {
    sim = await startSimulator({ clock: () => new Date("2026-02-10T09:00:00Z") });
    const bot = createClient({
      token: sim.botToken,
      baseUrl: sim.url,
      retries: false,
      throttle: false,
    });
    const repo = { owner: "acme", repo: "shop" };
    await bot.rest.issues.create({
      ...repo,
      title: "Checkout is down",
      labels: ["incident", "severity:critical", "status:investigating"],
    });
    sim.setClock(() => new Date("2026-01-10T09:00:00Z"));
    await bot.rest.issues.create({
      ...repo,
      title: "Old one",
      labels: ["incident", "severity:minor", "status:investigating"],
    });
    const { io, out, err } = capture();
    const code = await reportCommand(
      ["--repo=acme/shop", "--since", "2026-02-01"],
      io,
      { GITHUB_TOKEN: sim.botToken, GITHUB_API_URL: sim.url },
      () => new Date("2026-03-01T00:00:00Z"),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const md = out.join("");
    expect(md).toContain("# Incident report: acme/shop");
    expect(md).toContain("**1** incidents");
    expect(md).toContain("| Checkout is down | critical | investigating | 2026-02-10 09:00 |");
    expect(md).not.toContain("Old one");
  });

  it("is listed in the CLI's usage", async () => {
    const { io, out } = capture();
    expect(await main(["help"], io)).toBe(0);
    expect(out.join("\n")).toContain("hereby report --repo owner/name");
  });
});

// One process serves every repository: a config key that writes through to
// Object.prototype would change every later config check, anyone's. Such keys are refused
// by name, in the repository's file, an organisation's `.github` file or an `_extends`
// target, and no merge touches a prototype.
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/github/client.js";
import { loadConfig } from "../../src/github/load-config.js";
import { checkLocalConfig } from "../../src/github/local-config.js";
import { mergeConfigs } from "../../src/config-keys.js";
import { ConfigError, parseConfig } from "../../src/config.js";
import { startSimulator, type Simulator } from "../../packages/simulator/src/index.js";

const POISON = [
  "__proto__:\n  dryRun: true\n  timezone: Pacific/Nowhere\n",
  "labels:\n  __proto__:\n    incident: planted\n",
  "constructor:\n  prototype:\n    dryRun: true\n",
  "severities:\n  - name: critical\n    __proto__: { postmortem: false }\n",
];

/** Nothing inherited by every object: the keys a poisoned merge would plant. */
function expectCleanPrototype(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(CLEAN);
  const probe: Record<string, unknown> = {};
  for (const key of ["dryRun", "timezone", "incident", "postmortem"])
    expect(probe[key]).toBeUndefined();
}
const CLEAN = Object.getOwnPropertyNames(Object.prototype).sort();

async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe("keys that would write through a prototype", () => {
  it.each(POISON)(
    "are refused by name in the repository's own file, and Object.prototype stays clean: %j",
    async (text) => {
      const problems = await problemsOf(() => checkLocalConfig(text, ".github/hereby.yml"));
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem).toMatch(
          /^`[\w.]*(__proto__|constructor|prototype)`: `\w+` is never a config key/,
        );
      }
      expectCleanPrototype();
      // And the next, ordinary config in the same process parses as it always did.
      expect(parseConfig({ timezone: "UTC" }).timezone).toBe("UTC");
    },
  );

  it("names the path where the key sits", async () => {
    const problems = await problemsOf(() => checkLocalConfig(POISON[1]!, ".github/hereby.yml"));
    expect(problems).toEqual([expect.stringMatching(/^`labels\.__proto__`: /)]);
  });

  it("merges configs onto null-prototype objects, dropping such keys", () => {
    const merged = mergeConfigs([
      JSON.parse('{"labels":{"incident":"a"}}'),
      JSON.parse('{"__proto__":{"dryRun":true},"labels":{"__proto__":{"x":1},"action":"b"}}'),
    ]);
    expect(Object.getPrototypeOf(merged)).toBeNull();
    expect(JSON.parse(JSON.stringify(merged))).toEqual({ labels: { incident: "a", action: "b" } });
    expectCleanPrototype();
  });
});

describe("keys that would write through a prototype, from another repository", () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function load(config: string | undefined, orgConfig: string): Promise<string[]> {
    sim = await startSimulator({ clock: () => new Date("2026-11-23T14:00:00Z") });
    if (config !== undefined) sim.seedFile(".github/hereby.yml", config);
    sim.seedOrgFile(".github/hereby.yml", orgConfig);
    const octokit = createClient({
      token: sim.botToken,
      baseUrl: sim.url,
      retries: false,
      throttle: false,
    });
    return problemsOf(() => loadConfig(octokit, { owner: "acme", repo: "shop" }));
  }

  it("are refused in the organisation's .github file, naming that repository", async () => {
    const problems = await load(undefined, POISON[0]!);
    expect(problems).toEqual([
      expect.stringMatching(/^`__proto__` in `\.github\/hereby\.yml` in acme\/\.github: /),
    ]);
    expectCleanPrototype();
  });

  it("are refused in an _extends target", async () => {
    const problems = await load("_extends: .github\ntimezone: UTC\n", POISON[2]!);
    expect(problems).toEqual([
      expect.stringMatching(/^`constructor` in `\.github\/hereby\.yml` in acme\/\.github: /),
    ]);
    expectCleanPrototype();
  });
});

// The package as a new user gets it: `npm pack`'s tarball installed into an empty folder
// (dependencies from the npm cache, the registry only for what it lacks), then the
// `hereby` bin through npx. It runs on this machine's Node, the floor hereby supports.
import { execFile } from "node:child_process";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./support.js";

const run = promisify(execFile);
const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  engines: { node: string };
};
const npmEnv = (cwd: string) => ({
  PATH: process.env.PATH ?? "",
  HOME: homedir(),
  npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
  npm_config_update_notifier: "false",
  npm_config_loglevel: "error",
  INIT_CWD: cwd,
  // `npx hereby` must find the installed bin: never fetch npm's other `hereby`.
  npm_config_yes: "false",
});

let folder: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  folder = await tempDir("install");
  // lib/ is built by `npm test`'s pretest; --ignore-scripts skips prepack's second build.
  const { stdout } = await run(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", folder.path],
    { cwd: ROOT, env: npmEnv(ROOT) },
  );
  const { filename } = (JSON.parse(stdout) as Array<{ filename: string }>)[0]!;
  const project = join(folder.path, "project");
  await mkdir(project);
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "acme-ops", private: true }),
  );
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", join(folder.path, filename)],
    { cwd: project, env: npmEnv(project) },
  );
}, 90_000); // pack, then 105 packages from the cache: ~15 s on a busy 2-core machine

afterAll(async () => folder?.remove());

async function npx(args: string[], cwd = join(folder.path, "project")) {
  try {
    const { stdout, stderr } = await run("npx", args, { cwd, env: npmEnv(cwd), timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe(`${pkg.name} installed from its npm pack tarball`, () => {
  it("npx hereby --version prints the package's version", async () => {
    expect(await npx(["hereby", "--version"])).toMatchObject({
      code: 0,
      stdout: `${pkg.version}\n`,
    });
  });

  it("npx hereby check-config: the defaults with no file, each bad key with a bad one", async () => {
    const none = await npx(["hereby", "check-config"]);
    expect(none).toMatchObject({ code: 0 });
    expect(none.stdout).toContain("hereby runs with its defaults");

    const project = join(folder.path, "project");
    await mkdir(join(project, ".github"), { recursive: true });
    await writeFile(join(project, ".github", "hereby.yml"), "timezone: Nowhere\n");
    const bad = await npx(["hereby", "check-config"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("`timezone`");
  });

  it("npx hereby --help and every command's --help exit 0, and no demo is offered", async () => {
    const help = await npx(["hereby", "--help"]);
    expect(help).toMatchObject({ code: 0 });
    const commands = [...help.stdout.matchAll(/^ {2}hereby ([a-z][a-z-]*)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(["check-config", "report", "sweep", "setup"]);
    expect(help.stdout).not.toMatch(/\bdemo\b/);
    for (const command of commands) {
      const answer = await npx(["hereby", command, "--help"]);
      expect(answer, command).toMatchObject({ code: 0 });
      expect(answer.stdout).toContain(`usage: hereby ${command}`);
    }
  });

  it("ships neither the simulator nor the demo (they live in the @hereby/simulator workspace)", async () => {
    const lib = await readdir(join(folder.path, "project", "node_modules", pkg.name, "lib"));
    expect(lib).not.toContain("simulator");
    expect(lib).not.toContain("demo");
  });

  it("ships the built files and nothing of the tests", async () => {
    const installed = join(folder.path, "project", "node_modules", pkg.name);
    const top = (await readdir(installed)).sort();
    expect(top).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "action.yml",
        "app.yml",
        "bin",
        "dist",
        "lib",
        "package.json",
        "schema",
        "templates",
      ]),
    );
    expect(top).not.toContain("test");
    expect(top).not.toContain("src");
  });

  it(`runs on Node ${process.versions.node}: production dependencies that ask for a newer Node are known and run here`, async () => {
    // hereby supports what Probot 14 supports (engines ${pkg.engines.node}). content-type
    // 3.1.1 (through @octokit/request) declares node >=22 but only uses what Node 20 has:
    // this test and every App and Action test run it on Node 20. A new one must be looked at.
    const modules = join(folder.path, "project", "node_modules");
    const raised: string[] = [];
    for (const dir of await readdir(modules)) {
      const names = dir.startsWith("@")
        ? (await readdir(join(modules, dir))).map((d) => `${dir}/${d}`)
        : [dir];
      for (const name of names) {
        const meta = JSON.parse(
          await readFile(join(modules, name, "package.json"), "utf8").catch(() => "{}"),
        ) as { version?: string; engines?: { node?: string } };
        const floor = /^\s*>=?\s*(\d+)/.exec(meta.engines?.node ?? "")?.[1];
        if (floor && Number(floor) > 20)
          raised.push(`${name}@${meta.version} (node ${meta.engines?.node})`);
      }
    }
    expect(raised).toEqual(["content-type@3.1.1 (node >=22)"]);
  });
});

// The `hereby` command as installed (package.json bin → bin/hereby.js → lib/cli.js).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempFolders } from "../support/temp-folders.js";

const run = promisify(execFile);
const tempFolder = tempFolders();
const root = new URL("../..", import.meta.url).pathname;
const bin = (
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: { hereby: string } }
).bin.hereby;

async function hereby(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, bin), ...args], {
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the hereby bin", () => {
  it("check-config: 0 for a valid file, 1 naming each bad key", async () => {
    const dir = tempFolder("cli");
    writeFileSync(join(dir, "good.yml"), "timezone: Europe/London\n");
    writeFileSync(join(dir, "bad.yml"), "timezone: Nowhere\npermisson: write\n");
    expect(await hereby(["check-config", join(dir, "good.yml")])).toMatchObject({ code: 0 });
    const bad = await hereby(["check-config", join(dir, "bad.yml")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("`timezone`");
    expect(bad.stderr).toContain("`permisson`: unknown key");
  });

  it("npm run demo plays the incident from the repository and writes its files", async () => {
    // The demo is not part of the installed command (it needs the simulator workspace): the
    // repository runs scripts/demo.mjs through tsx, as `npm run demo` does.
    const dir = tempFolder("cli-demo");
    const tsx = join(root, "node_modules", ".bin", "tsx");
    const { stdout } = await run(tsx, [join(root, "scripts", "demo.mjs")], {
      cwd: dir,
      timeout: 60_000,
    });
    expect(stdout).toContain("Requests GitHub would have rejected: 0.");
    expect(readFileSync(join(dir, "demo-output", "issue-1.md"), "utf8")).toContain(
      "<!-- hereby:end -->",
    );
  });

  it("the bin does not offer the demo: hereby demo is an unknown command", async () => {
    const out = await hereby(["demo"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('hereby: unknown command "demo"');
    expect(out.stderr).not.toMatch(/hereby demo/);
  });

  it("an unknown command prints the usage and exits 2", async () => {
    const out = await hereby(["frobnicate"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("hereby check-config");
  });
});

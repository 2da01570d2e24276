import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hereby-"));
  const path = join(dir, "hereby.yml");
  writeFileSync(path, text);
  return path;
}

describe("hereby check-config", () => {
  it("accepts a valid file", async () => {
    const c = capture();
    expect(await main(["check-config", file("timezone: Europe/London\npermission: write\n")], c.io)).toBe(0);
    expect(c.out.join("\n")).toContain("is valid");
  });

  it("names each bad key and exits 1", async () => {
    const c = capture();
    expect(await main(["check-config", file("timezone: Nowhere\nseverity: major\n")], c.io)).toBe(1);
    expect(c.err.join("\n")).toContain("`timezone`");
    expect(c.err.join("\n")).toContain("`severity`: unknown key");
  });

  it("says when the YAML itself is broken", async () => {
    const c = capture();
    expect(await main(["check-config", file("labels: [unclosed\n")], c.io)).toBe(1);
    expect(c.err.join("\n")).toContain("not valid YAML");
  });

  it("says when the file is missing", async () => {
    const c = capture();
    expect(await main(["check-config", "/nonexistent/hereby.yml"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("cannot read");
  });

  it("prints usage for an unknown command", async () => {
    const c = capture();
    expect(await main(["frobnicate"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("usage:");
  });
});

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { tempFolders } from "../support/temp-folders.js";

const tempFolder = tempFolders();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

function file(text: string): string {
  const dir = tempFolder("config");
  const path = join(dir, "hereby.yml");
  writeFileSync(path, text);
  return path;
}

describe("hereby check-config", () => {
  it("accepts a valid file", async () => {
    const c = capture();
    expect(
      await main(["check-config", file("timezone: Europe/London\npermission: write\n")], c.io),
    ).toBe(0);
    expect(c.out.join("\n")).toContain("is valid");
  });

  it("names each bad key and exits 1", async () => {
    const c = capture();
    expect(await main(["check-config", file("timezone: Nowhere\nseverity: major\n")], c.io)).toBe(
      1,
    );
    expect(c.err.join("\n")).toContain("`timezone`");
    expect(c.err.join("\n")).toContain("`severity`: unknown key");
  });

  it("names every problem in one run: each key's own, the checks between keys, and past a reply's 30", async () => {
    const notify = Array.from({ length: 40 }, (_, i) => `      - oncall${i}`).join("\n");
    const text = [
      "review:",
      "  requests_per_run: 5",
      "default_severity: huge",
      "roles:",
      "  - name: lead",
      "severities:",
      "  - name: critical",
      "    notify:",
      notify,
      "",
    ].join("\n");
    const c = capture();
    expect(await main(["check-config", file(text)], c.io)).toBe(1);
    const err = c.err.join("\n");
    expect(err).toContain("`review.requests_per_run`: a whole number from 20 to 5000: a sweep");
    expect(err).toContain('`roles.0.name`: "lead" is built in; set it with /lead');
    expect(err).toContain("`roles.0.title`: text of 1 to 100 characters (got nothing)");
    expect(err).toContain("`default_severity`: must be one of the severities: critical");
    expect(err).toContain("`severities.0.notify.39`: a handle like @user or @org/team");
    expect(err).not.toContain("more problems");
  });

  it("refuses a postmortem template whose list sections nest, naming the line", async () => {
    const path = file(
      "# {{title}}\n\n{{#people}}\n- {{name}}\n  {{#timeline}}{{text}}{{/timeline}}\n{{/people}}\n",
    );
    const template = path.replace(/\.yml$/, ".md");
    writeFileSync(template, readFileSync(path, "utf8"));
    const c = capture();
    expect(await main(["check-config", template], c.io)).toBe(1);
    expect(c.err.join("\n")).toContain("line 5: `{{#timeline}}` is inside `{{#people}}` (line 3)");
    const ok = capture();
    writeFileSync(
      template,
      "# {{title}}\n{{#people}}- {{name}}\n{{/people}}{{#timeline}}{{text}}{{/timeline}}\n",
    );
    expect(await main(["check-config", template], ok.io)).toBe(0);
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

describe("hereby check-config: defaults, _extends and --version", () => {
  it("with no file given and none in the folder, says the defaults apply and exits 0", async () => {
    const dir = tempFolder("empty");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const c = capture();
      expect(await main(["check-config"], c.io)).toBe(0);
      expect(c.out.join("\n")).toBe(
        "No .github/hereby.yml here: hereby runs with its defaults (every key is optional).",
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it("accepts `_extends`, says it cannot be resolved offline, and still checks the file's own keys", async () => {
    const ok = capture();
    expect(
      await main(["check-config", file("_extends: .github\ntimezone: Europe/London\n")], ok.io),
    ).toBe(0);
    expect(ok.out.join("\n")).toContain(
      "extends .github: the App and the Action merge it from GitHub",
    );
    expect(ok.out.join("\n")).toContain("is valid");

    const bad = capture();
    expect(
      await main(["check-config", file("_extends: acme/.github\nseverity: major\n")], bad.io),
    ).toBe(1);
    expect(bad.err.join("\n")).toContain("`severity`: unknown key");
  });

  it("rejects an `_extends` that names no repository", async () => {
    const c = capture();
    expect(await main(["check-config", file("_extends: [a, b]\n")], c.io)).toBe(1);
    expect(c.err.join("\n")).toContain("`_extends`: the repository to inherit from");
  });

  it("--version prints package.json's version", async () => {
    const { version } = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../package.json"), "utf8"),
    ) as { version: string };
    const c = capture();
    expect(await main(["--version"], c.io)).toBe(0);
    expect(c.out).toEqual([version]);
  });
});

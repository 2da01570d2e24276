// Every link in the README and the docs leads somewhere: a file or folder of the
// repository, and a heading of that page when the link names one. Links to other sites
// are not fetched (no test touches the network); they must at least be https.
import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { documents, prose, read, ROOT, withoutFences } from "./support.js";

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, numbered repeats. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  for (const m of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = m[1]!
      .trim()
      .toLowerCase()
      .replace(/<[^>]+>/g, "")
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    let slug = base;
    for (let n = 1; found.has(slug); n++) slug = `${base}-${n}`;
    found.add(slug);
  }
  for (const m of markdown.matchAll(/<a (?:id|name)="([^"]+)"/g)) found.add(m[1]!);
  return found;
}

function links(markdown: string): string[] {
  const text = prose(markdown);
  return [
    ...[...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<(?:img|a)\s[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<(https?:\/\/[^>]+)>/g)].map((m) => m[1]!),
  ];
}

function broken(page: string): string[] {
  const problems: string[] = [];
  for (const link of links(read(page))) {
    if (/^[a-z]+:/i.test(link)) {
      if (!/^https:\/\/|^http:\/\/localhost[:/]|^mailto:/.test(link))
        problems.push(`${link}: not https`);
      continue;
    }
    const [path, anchor] = link.split("#") as [string, string | undefined];
    const target = path === "" ? page : normalize(join(dirname(page), decodeURI(path)));
    if (target.startsWith("..") || !existsSync(join(ROOT, target))) {
      problems.push(`${link}: no file ${target}`);
      continue;
    }
    if (anchor !== undefined) {
      if (statSync(join(ROOT, target)).isDirectory() || !target.endsWith(".md"))
        problems.push(`${link}: an anchor into a file that is no page`);
      else if (!anchors(read(target)).has(anchor))
        problems.push(`${link}: no heading "#${anchor}" in ${target}`);
    }
  }
  return problems;
}

describe("links in the README and the docs", () => {
  it.each(documents({ examples: true }))("every link in %s resolves", (page) => {
    expect(broken(page)).toEqual([]);
  });

  it("a missing file, a missing heading and a plain-http link are each caught", () => {
    const page = "docs/__probe__.md";
    const text =
      "[a](missing.md) [b](commands.md#no-such-heading) [c](http://example.com) [d](commands.md#labels) `[e](ignored.md)`";
    const found = links(text).length;
    expect(found).toBe(4);
    // The same checks, run on a page that is not on disk.
    const problems: string[] = [];
    for (const link of links(text)) {
      if (/^[a-z]+:/i.test(link)) {
        if (!/^https:\/\//.test(link)) problems.push(link);
        continue;
      }
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = normalize(join(dirname(page), path));
      if (!existsSync(join(ROOT, target))) problems.push(link);
      else if (anchor && !anchors(read(target)).has(anchor)) problems.push(link);
    }
    expect(problems).toEqual(["missing.md", "commands.md#no-such-heading", "http://example.com"]);
  });

  it("headings become GitHub's anchors", () => {
    expect([
      ...anchors(
        "# The `hereby` command\n## Running it: App & Action\n## Running it: App & Action\n",
      ),
    ]).toEqual(["the-hereby-command", "running-it-app--action", "running-it-app--action-1"]);
  });

  it("the README is at most 150 lines, and says how to run and test it near the top", () => {
    const readme = read("README.md");
    expect(readme.split("\n").length).toBeLessThanOrEqual(150);
    const top = readme.split("\n").slice(0, 40).join("\n");
    expect(top).toContain("npm ci && npm run demo");
    expect(top).toContain("npm test");
  });
});

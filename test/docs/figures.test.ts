// A measured figure in the README or the docs (a time, a size, a share, a request count)
// must be one that BENCHMARKS.md (or bench/SWEEP.md, which `npm run bench` also writes)
// holds, with its unit, or a number of its tables quoted in a paragraph that links to it:
// figures that no committed benchmark backs go stale unseen.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documents, read, ROOT, withoutFences } from "./support.js";

/** `195 ms`, `810 KiB`, `99.7%`, `1,013 requests`: a number and a unit of measure. */
const FIGURE =
  /(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?(ms|s|MB|MiB|KB|KiB|GB|GiB|%|requests|round trips)(?![\w])/g;

/** Numbers as written, thousands separators dropped: `1,013` and `1013` are one figure. */
const plain = (n: string): string => n.replace(/,/g, "");

export function figures(markdown: string): string[] {
  return [...withoutFences(markdown).matchAll(FIGURE)].map((m) => `${plain(m[1]!)} ${m[2]}`);
}

const benchmarks = ["BENCHMARKS.md", "bench/SWEEP.md"]
  .filter((f) => existsSync(join(ROOT, f)))
  .map(read)
  .join("\n");
const measured = new Set(figures(benchmarks));
const numbers = new Set([...benchmarks.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => plain(m[0])));

/** The figures of a page that no benchmark backs. */
function unbacked(markdown: string): string[] {
  return withoutFences(markdown)
    .split(/\n\s*\n/)
    .flatMap((paragraph) => {
      const cites = /BENCHMARKS\.md|bench\/SWEEP\.md/.test(paragraph);
      return figures(paragraph).filter(
        (f) => !measured.has(f) && !(cites && numbers.has(f.split(" ")[0]!)),
      );
    });
}

describe("figures in the README and the docs", () => {
  it.each(documents().filter((p) => p !== "docs/configuration.md"))(
    "every figure in %s is in BENCHMARKS.md",
    (page) => {
      expect(unbacked(read(page))).toEqual([]);
    },
  );

  it("a figure no benchmark holds is caught", () => {
    expect(figures("the image is 544 MB, 12 writes came 908 ms apart; 99.7% caught")).toEqual([
      "544 MB",
      "908 ms",
      "99.7 %",
    ]);
    expect(measured.has("544 MB")).toBe(false);
    expect(unbacked("It came 908 ms apart ([BENCHMARKS.md](BENCHMARKS.md)).")).toEqual(["908 ms"]);
    expect(
      unbacked("1,000 incidents take 1,013 requests ([BENCHMARKS.md](BENCHMARKS.md))."),
    ).toEqual([]);
    expect(unbacked("1,000 incidents take 1,013 requests.")).toEqual(["1013 requests"]);
  });
});

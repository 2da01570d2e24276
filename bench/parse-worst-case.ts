// How long the command parser takes on the largest comments GitHub accepts (65,536
// characters): `npx tsx bench/parse-worst-case.ts`. The parser must stay cheap per line,
// whatever the lines are. Times are printed, not asserted (no timing in tests).
import { defaultConfig } from "../src/config.js";
import { hasCommandSyntax, parseComment } from "../src/core/commands.js";

const ctx = { config: defaultConfig, author: "octocat", postedAt: "2026-11-23T14:10:00Z" };
const lines = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join("\n");

const cases: [string, string][] = [
  ["5,000 /lead lines", lines(5000, (i) => `/lead @u${i}`)],
  ["5,000 unknown /words", lines(5000, (i) => `/severit${i}`)],
  ["5,000 foreign /words", lines(5000, (i) => `/\u0455xyz${String.fromCodePoint(0x4e00 + i)}`)],
  ["one 65,000-character word", `/severity ${"x".repeat(65_000)}`],
  ["one 65,000-character look-alike", `/\u0455${"\u0455".repeat(65_000)}`],
  [
    "20 timeline times",
    lines(20, (i) => `/timeline 2026-11-23T14:${String(i).padStart(2, "0")}Z step`),
  ],
];

/** A reduction parses every comment: 1,000 comments with a clock time each, twice (the
 * second time the times are remembered). */
function reduceLike(): void {
  for (const round of ["first", "again"]) {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) {
      const postedAt = new Date(Date.parse("2026-11-23T14:10:00Z") + i * 1000).toISOString();
      parseComment(`/timeline 14:0${i % 10} step ${i}`, { ...ctx, postedAt });
    }
    console.log(
      `| 1,000 comments with a time (${round}) | ${(performance.now() - start).toFixed(1)} |`,
    );
  }
}

// Warm up: module setup (the confusables table, Temporal) is paid once per process.
parseComment("/\u0455everity p1\n/timeline 14:05 x", ctx);
console.log("| comment | parse + pre-check (ms) |\n|---|---:|");
for (const [name, body] of cases) {
  const start = performance.now();
  parseComment(body, ctx);
  hasCommandSyntax(body);
  console.log(`| ${name} | ${(performance.now() - start).toFixed(1)} |`);
}
reduceLike();

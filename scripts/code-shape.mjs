// Measures the source's shape (issue 8): file sizes, the longest functions, where hereby
// writes to GitHub, and how much test support there is. Reads files only; prints a report.
//   node scripts/code-shape.mjs [--top N]
// Lines are physical lines; a function's length runs from its first line to its last.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, dirname, resolve } from "node:path";
import ts from "typescript";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const topArg = process.argv.indexOf("--top");
const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 10;

function walk(dir, keep) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

const lineCount = (text) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
const rel = (p) => relative(root, p);
const isSource = (p) => p.endsWith(".ts") && !p.endsWith(".d.ts");
// hereby's own sources, then the simulator workspace (GitHub's stand-in and the demo): the
// size limits hold for both; only hereby's own count as writes to GitHub.
const productSources = walk(join(root, "src"), isSource).sort();
const sources = [...productSources, ...walk(join(root, "packages/simulator/src"), isSource).sort()];

const sizes = sources
  .map((p) => ({ file: rel(p), lines: lineCount(readFileSync(p, "utf8")) }))
  .sort((a, b) => a.lines - b.lines);
const median = (xs) =>
  xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;

// Every function-like node with a body: declarations, methods, accessors, arrows, expressions.
function functionsOf(path) {
  const text = readFileSync(path, "utf8");
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const nameOf = (node) => {
    if (node.name && ts.isIdentifier(node.name)) return node.name.text;
    if (node.name) return node.name.getText(sf);
    const parent = node.parent;
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
      return parent.name.text;
    if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(sf);
    if (ts.isConstructorDeclaration(node)) return "constructor";
    return "(anonymous)";
  };
  const visit = (node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file: rel(path), name: nameOf(node), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const functions = sources.flatMap(functionsOf).sort((a, b) => b.lines - a.lines);

// A write to GitHub: a REST call whose method writes (Octokit's `rest.<scope>.<verb>…`
// or a `request("POST …")` route). The simulator is GitHub's stand-in and the demo plays
// the people, so neither is hereby writing.
const WRITE_VERBS = [
  ...["create", "update", "delete", "remove", "add", "set", "lock", "unlock", "merge"],
  ...["replace", "request", "dismiss", "submit", "transfer", "pin", "unpin"],
];
const WRITE_VERB = new RegExp(`^(${WRITE_VERBS.join("|")})`);
function writesOf(path) {
  const sf = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const calls = [];
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const chain = ts.isPropertyAccessExpression(callee)
        ? callee.getText(sf).replace(/\s/g, "")
        : "";
      const rest = /\.rest\.[A-Za-z]+\.([A-Za-z]+)$/.exec(chain);
      const route =
        node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])
          ? /^(POST|PATCH|PUT|DELETE) \//.exec(node.arguments[0].text)
          : null;
      const isRequest =
        chain.endsWith(".request") || (ts.isIdentifier(callee) && callee.text === "request");
      if ((rest && WRITE_VERB.test(rest[1])) || (isRequest && route)) {
        calls.push({
          file: rel(path),
          line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
          call: chain || callee.getText(sf),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return calls;
}
const product = productSources;
const writes = product.flatMap(writesOf);
const writerFiles = [...new Set(writes.map((w) => w.file))];
// A place that writes is the executor or a module only the executor imports (its helpers).
const EXECUTOR = "src/github/executor.ts";
const importers = (file) => {
  const stem = file.replace(/^.*\//, "").replace(/\.ts$/, "");
  return product
    .filter((p) => new RegExp(`from "[^"]*/${stem}\\.js"`).test(readFileSync(p, "utf8")))
    .map(rel);
};
const places = writerFiles.filter(
  (f) => f !== EXECUTOR && !(importers(f).length === 1 && importers(f)[0] === EXECUTOR),
);

// Test support: shared helpers, not tests.
const testFiles = walk(join(root, "test"), (p) => p.endsWith(".ts"));
const support = testFiles.filter(
  (p) => /\/support[^/]*\.ts$/.test(p) || rel(p).startsWith("test/support/"),
);
const supportLines = support.map((p) => ({
  file: rel(p),
  lines: lineCount(readFileSync(p, "utf8")),
}));

const largest = sizes[sizes.length - 1];
const medianLines = median(sizes.map((s) => s.lines));
console.log(
  `src and packages/simulator/src files: ${sizes.length}, median ${medianLines} lines,` +
    ` largest ${largest.file} (${largest.lines})`,
);
console.log(
  `files over 300 lines: ${
    sizes
      .filter((s) => s.lines > 300)
      .map((s) => `${s.file} (${s.lines})`)
      .join(", ") || "none"
  }`,
);
const longest = functions[0];
console.log(
  `longest function: ${longest.name} in ${longest.file}:${longest.line} (${longest.lines} lines)`,
);
const over = functions.filter((f) => f.lines > 60);
console.log(`functions over 60 lines: ${over.length}`);
for (const f of functions.slice(0, Math.max(top, over.length)))
  console.log(`  ${String(f.lines).padStart(4)}  ${f.name}  ${f.file}:${f.line}`);
console.log(
  `writes to GitHub outside packages/simulator: ${writes.length} calls` +
    ` in ${writerFiles.length} files`,
);
for (const file of writerFiles) {
  const by = file === EXECUTOR ? "" : `, imported by ${importers(file).join(", ")}`;
  console.log(`  ${file}: ${writes.filter((w) => w.file === file).length}${by}`);
}
const others = places.length ? `, and ${places.join(", ")}` : " and the helpers only it imports";
console.log(`places that write to GitHub: ${1 + places.length} (the executor${others})`);
const supportTotal = supportLines.reduce((n, s) => n + s.lines, 0);
console.log(`test support: ${supportTotal} lines in ${supportLines.length} files`);
for (const s of supportLines.sort((a, b) => b.lines - a.lines))
  console.log(`  ${String(s.lines).padStart(5)}  ${s.file}`);

// Regenerates docs/images/*.png: what people see on an incident issue, from the demo's
// output (npm run demo), rendered as GitHub renders Markdown (marked + github-markdown-css)
// and photographed with headless Chromium. Usage: node scripts/screenshots.mjs [chromium]
//
// Needs a Chromium or Chrome binary, which `npm ci` does not install: `chromium` on the
// PATH (Debian/Ubuntu: `apt-get install chromium`), or its path as the argument
// (`node scripts/screenshots.mjs "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"`).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { marked } from "marked";

const root = fileURLToPath(new URL("..", import.meta.url));
const chromium = process.argv[2] ?? "chromium";
try {
  execFileSync(chromium, ["--version"], { stdio: "ignore" });
} catch {
  console.error(
    `screenshots: no Chromium at "${chromium}". Install one (apt-get install chromium)` +
      " or pass its path: node scripts/screenshots.mjs <chromium>",
  );
  process.exit(2);
}
const WIDTH = 860;

/** The demo's comments, by id: `### @login (comment N)` headings, then the body. */
function comments(markdown) {
  const parts = markdown.split(/^### @(\S+) \(comment (\d+)\)\n/m);
  const found = [];
  for (let i = 1; i < parts.length; i += 3)
    found.push({ login: parts[i], id: parts[i + 1], body: parts[i + 2].trim() });
  return found;
}

/** GitHub's `> [!WARNING]` alerts, which marked leaves as plain quotes. */
function alerts(html) {
  return html.replace(
    /<blockquote>\s*<p>\[!WARNING\]\s*/g,
    '<blockquote class="warning"><p><b>⚠ Warning</b><br>',
  );
}

function page(title, author, markdown) {
  const css = readFileSync(
    join(root, "node_modules/github-markdown-css/github-markdown-light.css"),
    "utf8",
  );
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; padding: 16px; background: #fff; width: ${WIDTH - 32}px; font-family: -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
.box { border: 1px solid #d0d7de; border-radius: 6px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font-size: 14px; color: #57606a; border-radius: 6px 6px 0 0; }
.head b { color: #1f2328; }
.markdown-body { padding: 16px; font-size: 14px; }
.markdown-body blockquote.warning { border-left-color: #9a6700; color: #1f2328; }
.markdown-body blockquote.warning b { color: #9a6700; }
</style><title>${title}</title></head><body><div class="box"><div class="head"><b>${author}</b> ${title}</div>
<article class="markdown-body">${alerts(marked.parse(markdown, { gfm: true }))}</article></div>
<script>document.body.dataset.height = Math.ceil(document.body.getBoundingClientRect().height + 32);</script></body></html>`;
}

function shoot(html, out, work) {
  const file = join(work, "page.html");
  writeFileSync(file, html);
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
  ];
  const dom = execFileSync(
    chromium,
    [...flags, `--window-size=${WIDTH},800`, "--dump-dom", `file://${file}`],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 800);
  execFileSync(
    chromium,
    [...flags, `--window-size=${WIDTH},${height}`, `--screenshot=${out}`, `file://${file}`],
    { stdio: "ignore" },
  );
  console.log(`wrote ${out} (${WIDTH}x${height})`);
}

execFileSync("npm", ["run", "demo", "--silent"], { cwd: root, stdio: "ignore" });
const issue = readFileSync(join(root, "demo-output/issue-1.md"), "utf8");
const all = comments(readFileSync(join(root, "demo-output/issue-1-comments.md"), "utf8"));
const bot = (marker) => {
  const found = all.find(
    (c) => c.login === "hereby[bot]" && c.body.includes(`<!-- hereby:${marker}`),
  );
  if (!found) throw new Error(`the demo posted no ${marker} comment`);
  return found.body;
};

const out = join(root, "docs/images");
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "hereby-shots-"));
try {
  shoot(
    page("opened this issue: the description, with hereby's record at the end", "alice", issue),
    join(out, "incident-record.png"),
    work,
  );
  shoot(
    page("commented: the checklist posted on declaration", "hereby[bot]", bot("checklist")),
    join(out, "checklist.png"),
    work,
  );
  shoot(
    page(
      "commented: a command with a typo is rejected, and nothing in it applied",
      "hereby[bot]",
      bot("rejected"),
    ),
    join(out, "rejection.png"),
    work,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

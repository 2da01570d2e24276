// Mustache templates ship in `templates/` at the package root. Handlers load them here and
// hand the text to the core, which never reads the disk. lib/, dist/ and src/ all
// sit one level below the root, and the Action runs from a checkout of the whole repo,
// so every entry point finds them the same way.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const cache = new Map<string, string>();

function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "templates");
    if (existsSync(join(candidate, "checklist.md"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("hereby: cannot find its templates/ folder next to the package");
}

/** The text of `templates/<name>`, read once. */
export function loadTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(templatesDir(), name), "utf8");
    cache.set(name, text);
  }
  return text;
}

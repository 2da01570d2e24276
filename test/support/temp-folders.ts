// Temporary folders a test file makes are removed after each test, whatever its outcome, so
// nothing of a run is left in the system's temp folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/** Call at a test file's top level: returns `make(prefix)`; its folders go after each test. */
export function tempFolders(): (prefix: string) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), `hereby-${prefix}-`));
    made.push(dir);
    return dir;
  };
}

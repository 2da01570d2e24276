// `npm run build` starts from an empty lib/: tsc never deletes what it no longer compiles, and
// `files` packs all of lib/, so a stale module (a moved or deleted source) would ship.
import { rmSync } from "node:fs";

rmSync(new URL("../lib", import.meta.url), { recursive: true, force: true });

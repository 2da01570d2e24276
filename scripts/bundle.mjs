// Bundles the Action into one ES module, dist/index.js, as actions/typescript-action does.
import { build } from "esbuild";

await build({
  entryPoints: ["src/action-entry.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  // CommonJS dependencies call require(): give the ES module one.
  banner: {
    js: "import { createRequire as __hereby_createRequire } from 'node:module'; const require = __hereby_createRequire(import.meta.url);",
  },
});

// Bundles the Action into one ES module, dist/index.js, as actions/typescript-action does.
// Small and quick to start: minified, and only the part of Probot the Action uses.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

// The Action needs Probot's Octokit class (the same plugins as the App), not the server,
// logger and setup pages that `import "probot"` brings along. Probot's package exports
// only its index, so the bundler is pointed at the module that defines the class.
const probotOctokit = fileURLToPath(
  new URL("../node_modules/probot/lib/octokit/probot-octokit.js", import.meta.url),
);
const onlyProbotOctokit = {
  name: "only-probot-octokit",
  setup(b) {
    b.onResolve({ filter: /^probot$/ }, () => ({ path: probotOctokit }));
  },
};

// @github/issue-parser's dist/ carries its own copy of the yaml package (100 KiB); its
// src/, published alongside, imports the yaml package hereby already bundles.
const issueParserSource = fileURLToPath(
  new URL("../node_modules/@github/issue-parser/src/index.ts", import.meta.url),
);
const sharedYaml = {
  name: "issue-parser-shared-yaml",
  setup(b) {
    b.onResolve({ filter: /^@github\/issue-parser$/ }, () => ({ path: issueParserSource }));
  },
};

// @actions/core's OIDC client (getIDToken, never called by hereby) imports
// @actions/http-client and with it all of undici (a third of the bundle, evaluated at
// start-up). Marked free of side effects, the chain is dropped when nothing of it is used.
const unusedHttpClient = {
  name: "unused-http-client",
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client/ }, async (args) => {
      if (args.pluginData === "resolving") return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      return { ...found, sideEffects: false };
    });
  },
};

// temporal-polyfill asks Intl for a calendar when it loads (ICU's start-up: tens of ms),
// before the first request, though a run needs Temporal only for times in a zone. The
// Action's bundle gets it through a stand-in whose property reads load the real module
// on first use: esbuild evaluates a module `require`d from the bundle only when called.
const lazyTemporal = {
  name: "lazy-temporal",
  setup(b) {
    b.onResolve({ filter: /^temporal-polyfill$/ }, (args) =>
      args.pluginData === "real"
        ? undefined
        : { path: "lazy-temporal", namespace: "lazy-temporal" },
    );
    b.onResolve({ filter: /^temporal-polyfill-real$/ }, (args) =>
      b.resolve("temporal-polyfill", {
        kind: "require-call",
        resolveDir: args.resolveDir,
        pluginData: "real",
      }),
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-temporal" }, () => ({
      resolveDir: fileURLToPath(new URL("..", import.meta.url)),
      loader: "js",
      contents:
        "let real; const load = () => (real ??= require('temporal-polyfill-real').Temporal);\n" +
        "export const Temporal = new Proxy({}, { get: (_, key) => load()[key] });\n",
    }));
  },
};

await build({
  entryPoints: ["src/action-entry.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  plugins: [onlyProbotOctokit, sharedYaml, unusedHttpClient, lazyTemporal],
  // CommonJS dependencies call require(): give the ES module one.
  banner: {
    js:
      "import { createRequire as __hereby_createRequire } from 'node:module';" +
      " const require = __hereby_createRequire(import.meta.url);",
  },
});

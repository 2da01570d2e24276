// `npm run demo` (run by tsx, from the sources: no build needed): one incident played through
// hereby's real handlers against the simulated GitHub. The demo lives in the repository, in the
// @hereby/simulator workspace package, and is not part of the installed `hereby` command: it
// needs the simulator and its dependencies (ajv, the OpenAPI subset), which hereby does not ship.
import { runDemo } from "../packages/simulator/src/demo/run-demo.ts";

const USAGE = `usage: npm run demo
  play a whole incident offline against a simulated GitHub; writes demo-output/`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
} else if (args.length > 0) {
  console.error(`npm run demo: unknown argument "${args[0]}"\n${USAGE}`);
  process.exitCode = 2;
} else {
  process.exitCode = await runDemo({ out: (line) => console.log(line) });
}

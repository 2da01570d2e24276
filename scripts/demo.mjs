// `npm run demo`: builds nothing, needs `npm run build` output in lib/ (the script runs it).
import { main } from "../lib/cli.js";

process.exitCode = await main(["demo", ...process.argv.slice(2)]);

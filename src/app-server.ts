// `npm start` and the container's command: Probot's `probot run ./lib/app.js`, with
// the same environment (APP_ID, PRIVATE_KEY(_PATH), WEBHOOK_SECRET, WEBHOOK_PATH,
// GHE_HOST, GHE_PROTOCOL, PORT, HOST, LOG_LEVEL, LOG_FORMAT, REDIS_URL, SENTRY_DSN…), the
// same setup page without credentials, but with a logger that keeps people's words and
// secrets out of every line, Probot's own included (app-log.ts).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { run } from "probot";
import { appLogger } from "./app-log.js";

// Probot reads `.env` before its options; LOG_* in it must reach the logger made first.
if (existsSync(".env")) process.loadEnvFile(".env");
const app = fileURLToPath(new URL("./app.js", import.meta.url));
// Command-line options as `probot run` takes them (`--port`, `--webhook-path`…), then the app.
const argv = [process.argv[0]!, "probot-run", ...process.argv.slice(2), app];
await run(argv, { log: await appLogger() });

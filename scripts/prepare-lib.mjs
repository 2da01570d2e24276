// npm runs `prepare` when hereby is installed from git (and on `npm install` in a clone):
// compile lib/ when it is missing, so `hereby` runs. dist/ and schema/ are committed.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync(new URL("../lib/cli.js", import.meta.url))) {
  execFileSync("tsc", ["-p", "tsconfig.build.json"], {
    stdio: "inherit",
    cwd: new URL("..", import.meta.url),
  });
}

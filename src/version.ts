// The installed version, from package.json (lib/*.js and src/*.ts both sit one level below it).
import { readFile } from "node:fs/promises";

export async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

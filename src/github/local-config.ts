// `hereby check-config`: a file on disk, read through the very loader the App and the
// Action use (Probot's config plugin, then the zod schema, with the same messages). A
// fetch answers the loader's one request with the file's text instead of GitHub; any other
// file it asks for is an `_extends`, which can only be named offline.
import { ProbotOctokit } from "probot";
import type { Config } from "../config.js";
import { loadConfig } from "./load-config.js";

/** The repository the file stands in for: only its own request is answered. */
const HERE = { owner: "local", repo: "local" };

export interface LocalConfig {
  config: Config;
  /** What `_extends` named (`.github`, `acme/.github:path.yml`): not read offline. */
  extended: string[];
}

/** Validates `text` as the config file `file`; throws ConfigError naming every bad key. */
export async function checkLocalConfig(text: string, file: string): Promise<LocalConfig> {
  const extended: string[] = [];
  const own = `/repos/${HERE.owner}/${HERE.repo}/contents/${encodeURIComponent(file)}`;
  const answer = (url: string | URL): Response => {
    const { pathname } = new URL(String(url));
    if (pathname === own)
      return new Response(text, { status: 200, headers: { "content-type": "text/plain" } });
    extended.push(named(pathname, file));
    return Response.json({ message: "Not Found" }, { status: 404 });
  };
  const fetch = (url: string | URL): Promise<Response> => Promise.resolve(answer(url));
  const octokit = new ProbotOctokit({
    request: { fetch },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const config = await loadConfig(octokit, HERE, file);
  return { config, extended };
}

/** `/repos/local/.github/contents/x.yml` as `_extends` would write it: `.github:x.yml`. */
function named(pathname: string, file: string): string {
  const [, owner = "", repo = "", path = ""] =
    /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.*)$/.exec(pathname) ?? [];
  const where =
    owner === HERE.owner
      ? decodeURIComponent(repo)
      : `${decodeURIComponent(owner)}/${decodeURIComponent(repo)}`;
  const at = decodeURIComponent(path);
  return at === file ? where : `${where}:${at}`;
}

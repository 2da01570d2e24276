// Config through Probot's config loader (octokit-plugin-config): a repository file,
// or the organisation's `.github` repository, with `_extends`. Both shells use it.
import { RequestError } from "@octokit/request-error";
import { CONFIG_FILE, ConfigError, parseConfig, type Config } from "../config.js";
import { mergeConfigs, prototypeKeyPaths, prototypeKeyProblem } from "../config-keys.js";
import { describeYamlError } from "../config-problems.js";
import type { GitHub, RepoRef } from "./client.js";

/** Loads and validates; throws ConfigError naming every bad key. */
export async function loadConfig(
  octokit: GitHub,
  repo: RepoRef,
  path = CONFIG_FILE,
): Promise<Config> {
  let loaded: Awaited<ReturnType<GitHub["config"]["get"]>>;
  try {
    const defaults = (configs: object[]) => mergeConfigs(configs);
    loaded = await octokit.config.get({ ...repo, path, defaults });
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new ConfigError(path, [loaderProblem(error, repo, path)]);
  }
  const poisoned = loaded.files.flatMap((file) => {
    const own = file.owner === repo.owner && file.repo === repo.repo;
    const where = own ? undefined : `\`${file.path}\` in ${file.owner}/${file.repo}`;
    return prototypeKeyPaths(file.config).map((key) => prototypeKeyProblem(key, where));
  });
  if (poisoned.length > 0) throw new ConfigError(path, poisoned);
  return parseConfig(loaded.config, path);
}

const EXTENDS_PROBLEM =
  "`_extends`: the repository to inherit from (`.github`, `other-repo` or `owner/repo`, optionally `:path/to/file.yml`)";

/** The loader's plain errors (unreadable YAML, `_extends` loops) as a problem naming the
 * file, never the API URL (an internal host under GitHub Enterprise Server). */
function loaderProblem(error: unknown, repo: RepoRef, path: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^?\s]+)/.exec(message);
  const file = at ? decodeURIComponent(at[3]!) : path;
  const other =
    at && `${at[1]}/${at[2]}` !== `${repo.owner}/${repo.repo}` ? `${at[1]}/${at[2]}` : undefined;
  if (/invalid YAML/.test(message) && error instanceof Error && error.cause !== undefined) {
    return describeYamlError(file, error.cause, other);
  }
  if (/Invalid value .* for _extends/.test(message)) return EXTENDS_PROBLEM;
  // Other loader messages carry the URL too: keep the sentence, drop the address.
  const named = `\`${file}\`${other ? ` in ${other}` : ""}`;
  return message
    .replace(/^\[@probot\/octokit-plugin-config\] /, "")
    .replace(/\S*\/repos\/\S+/g, named);
}

// Config through Probot's config loader (octokit-plugin-config): a repository file,
// or the organisation's `.github` repository, with `_extends`. Both shells use it.
import { ConfigError, parseConfig, type Config } from "../config.js";
import type { GitHub, RepoRef } from "./client.js";

/** Arrays from `_extends` replace instead of concatenating, so severities aren't doubled. */
function mergeConfigs(configs: object[]): object {
  const merged: Record<string, unknown> = {};
  for (const config of configs) deepAssign(merged, config as Record<string, unknown>);
  return merged;
}

function deepAssign(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) deepAssign(existing, value);
    else target[key] = isPlainObject(value) ? { ...value } : value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Loads and validates; throws ConfigError naming every bad key. */
export async function loadConfig(octokit: GitHub, repo: RepoRef, path = ".github/hereby.yml"): Promise<Config> {
  let raw: unknown;
  try {
    ({ config: raw } = await octokit.config.get({ ...repo, path, defaults: (configs) => mergeConfigs(configs) as Record<string, unknown> }));
  } catch (error) {
    // The loader throws plain errors for unreadable YAML and `_extends` loops.
    const message = error instanceof Error ? error.message.replace(/^\[@probot\/octokit-plugin-config\] /, "") : String(error);
    if ((error as { status?: number }).status === undefined) throw new ConfigError(path, [message]);
    throw error;
  }
  return parseConfig(raw, path);
}

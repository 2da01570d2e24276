// The merged postmortem file of an incident: `<folder>/<YYYY-MM-DD>-<n>-<slug>.md` at a
// ref (the merge commit, or the base branch). Two requests: the folder listing, then the file.
import { RequestError } from "@octokit/request-error";
import type { GitHub, RepoRef } from "./client.js";

export interface PostmortemFile {
  path: string;
  /** The blob's sha: a commit replacing the file names it. */
  sha: string;
  text: string;
}

export async function readPostmortemAt(
  octokit: GitHub,
  repo: RepoRef,
  folder: string,
  incident: number,
  ref: string,
): Promise<PostmortemFile | null> {
  let listing: unknown;
  try {
    ({ data: listing } = await octokit.rest.repos.getContent({ ...repo, path: folder, ref }));
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return null;
    throw error;
  }
  if (!Array.isArray(listing)) return null;
  const name = new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${incident}-.*\\.md$`);
  const file = (listing as { name: string; path: string; sha: string; type: string }[]).find(
    (e) => e.type === "file" && name.test(e.name),
  );
  if (!file) return null;
  const { data } = await octokit.rest.repos.getContent({
    ...repo,
    path: file.path,
    ref,
    mediaType: { format: "raw" },
  });
  return typeof data === "string" ? { path: file.path, sha: file.sha, text: data } : null;
}

export async function readPostmortemFile(
  octokit: GitHub,
  repo: RepoRef,
  folder: string,
  incident: number,
  ref: string,
): Promise<string | null> {
  return (await readPostmortemAt(octokit, repo, folder, incident, ref))?.text ?? null;
}

// hereby's labels, read and created. A declaration creates only the labels its incident
// wears, so its first writes go to the record; `hereby setup` creates the others at once.
// (A label hereby applies before then is created by GitHub, as it does for any name.)
import type { GitHub, RepoRef } from "./client.js";

/** The repository's label names; a conditional read (a 304 when nothing changed). */
export async function repoLabelNames(octokit: GitHub, repo: RepoRef): Promise<string[]> {
  const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
    ...repo,
    per_page: 100,
  });
  return labels.map((l) => l.name);
}

// The Action's guard against overwriting a description edit: its own writes come back
// as no webhook it could check afterwards, so it reads the description again just before
// writing and keeps whatever users' text is there now. (The window left is that read
// to the PATCH; the REST API has no conditional update.) The App's check after its
// writes (handlers/description-edit.ts) reads the description the same way.
import type { IssueUpdate } from "../core/sync.js";
import { sameUsersText, withUsersText } from "../core/description-edits.js";
import type { GitHub, RepoRef } from "./client.js";

export async function withLatestUsersText(
  octokit: GitHub,
  repo: RepoRef,
  update: IssueUpdate,
): Promise<IssueUpdate> {
  if (update.body === undefined) return update;
  const latest = await readDescription(octokit, repo, update.issue);
  return sameUsersText(latest, update.body)
    ? update
    : { ...update, body: withUsersText(latest, update.body) };
}

/** An issue's description as it is now (null when it has none), in one request. */
export async function readDescription(
  octokit: GitHub,
  repo: RepoRef,
  issue: number,
): Promise<string | null> {
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: issue });
  return data.body ?? null;
}

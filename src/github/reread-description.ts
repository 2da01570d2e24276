// The Action's guard against overwriting a description edit: its own writes come back
// as no webhook it could check afterwards, so it reads the description again just before
// writing and keeps whatever users' text is there now. (The window left is that read
// to the PATCH; the REST API has no conditional update.)
import type { IssueUpdate } from "../core/sync.js";
import { sameUsersText, withUsersText } from "../core/description-edits.js";
import type { GitHub, RepoRef } from "./client.js";

export async function withLatestUsersText(
  octokit: GitHub,
  repo: RepoRef,
  update: IssueUpdate,
): Promise<IssueUpdate> {
  if (update.body === undefined) return update;
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: update.issue });
  const latest = data.body ?? null;
  return sameUsersText(latest, update.body)
    ? update
    : { ...update, body: withUsersText(latest, update.body) };
}

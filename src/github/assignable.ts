import { RequestError } from "@octokit/request-error";
import type { GitHub, RepoRef } from "./client.js";

/** Whether GitHub would assign this login to issues here (204 yes, 404 no). */
export async function canBeAssigned(octokit: GitHub, repo: RepoRef, assignee: string): Promise<boolean> {
  try {
    await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee });
    return true;
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return false;
    throw error;
  }
}

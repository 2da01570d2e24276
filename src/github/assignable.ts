import { RequestError } from "@octokit/request-error";
import type { GitHub, RepoRef } from "./client.js";

/** Whether GitHub would assign this login to issues here (204 yes, 404 no). */
export async function canBeAssigned(
  octokit: GitHub,
  repo: RepoRef,
  assignee: string,
): Promise<boolean> {
  try {
    await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee });
    return true;
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return false;
    throw error;
  }
}

/** GitHub's 422 naming the assignees field (an invalid or inaccessible login). */
export function refusesAssignees(error: unknown): boolean {
  if (!(error instanceof RequestError) || error.status !== 422) return false;
  const data = error.response?.data as { errors?: { field?: string }[] } | undefined;
  return (data?.errors ?? []).some((x) => x.field === "assignees");
}

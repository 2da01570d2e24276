import { PERMISSIONS, type Permission } from "../config.js";
import type { GitHub, RepoRef } from "./client.js";

/** The user's role on the repository (`role_name` knows triage and maintain; `permission` does not). */
export async function readPermission(octokit: GitHub, repo: RepoRef, username: string): Promise<Permission | "none"> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const role = (data as { role_name?: string }).role_name ?? data.permission;
    return (PERMISSIONS as readonly string[]).includes(role) ? (role as Permission) : "none";
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "none";
    throw error;
  }
}

export function allows(actual: Permission | "none", required: Permission): boolean {
  if (actual === "none") return false;
  return PERMISSIONS.indexOf(actual) >= PERMISSIONS.indexOf(required);
}

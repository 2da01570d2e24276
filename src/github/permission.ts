import { RequestError } from "@octokit/request-error";
import { PERMISSIONS, type Permission } from "../config.js";
import type { GitHub, RepoRef } from "./client.js";

/** The user's role on the repository (`role_name` knows triage and maintain; `permission`
 * does not). */
export async function readPermission(
  octokit: GitHub,
  repo: RepoRef,
  username: string,
): Promise<Permission | "none"> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    // role_name knows triage and maintain; for a custom role it is the role's own name,
    // and `permission` (admin, write, read) is the base role it extends.
    const base = PERMISSIONS as readonly string[];
    const role = (data as { role_name?: string }).role_name;
    if (role && base.includes(role)) return role as Permission;
    return base.includes(data.permission) ? (data.permission as Permission) : "none";
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) return "none";
    throw error;
  }
}

export { allows } from "../core/access.js";

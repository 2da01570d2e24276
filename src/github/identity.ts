// Who a token writes as. hereby needs its own login to tell its writes from people's.
import { RequestError } from "@octokit/request-error";
import type { GitHub } from "./client.js";

/** The login behind a person's token (a PAT); null for an installation token (the
 * workflow's GITHUB_TOKEN or an app's), whose bot hereby recognises from its own
 * marked comments instead. Installation tokens (`ghs_`) are not asked: GitHub would
 * answer 403. */
export async function tokenLogin(octokit: GitHub, token: string): Promise<string | null> {
  if (token.startsWith("ghs_")) return null;
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (error) {
    if (error instanceof RequestError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

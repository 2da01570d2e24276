// Who hereby writes as, in every shell. It needs its own login to tell its writes from
// people's; when GitHub won't say, the login is null and hereby recognises itself by its
// marked comments (core/self.ts).
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
    if (error instanceof RequestError && (error.status === 401 || error.status === 403))
      return null;
    throw error;
  }
}

/** The App's own login, `<slug>[bot]`, asked with its app-level (JWT) Octokit. Null when
 * GitHub won't say: then every bot's changes are skipped, and `warn` says so. */
export async function appLogin(
  appOctokit: () => Promise<GitHub>,
  warn: (message: string) => void,
): Promise<string | null> {
  try {
    const { data } = await (await appOctokit()).rest.apps.getAuthenticated();
    return data?.slug ? `${data.slug}[bot]` : null;
  } catch (error) {
    warn(
      `hereby: could not read the app's own login, so every bot's changes are skipped (${String(error)})`,
    );
    return null;
  }
}

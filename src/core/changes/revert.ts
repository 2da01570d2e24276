// A merged pull request that undoes another: GitHub's own revert button writes a title
// `Revert "<title>"` and a body "This reverts commit <sha>" (git revert's message).

const TITLE = /^\s*Revert\s+"/;
const BODY = /\bThis reverts commit\b/i;

export function isRevert(title: string, body: string | null | undefined): boolean {
  return TITLE.test(title) || BODY.test(body ?? "");
}

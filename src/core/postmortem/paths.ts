// Names SPEC fixes for a postmortem: its branch, file, commit message, and its pull
// request's title and body.
import type { Config } from "../../config.js";
import { slugWords } from "./title.js";

/** `hereby/postmortem-<n>`. */
export function postmortemBranch(issue: number): string {
  return `hereby/postmortem-${issue}`;
}

/** A file-name slug: safe lower-case ASCII words joined by `-`, at most 50 characters
 * (see slugWords). Pass the title as the postmortem shows it (postmortemTitleText). */
export function slugOf(title: string): string {
  return slugWords(title).join("-") || "incident";
}

/** `<folder>/<YYYY-MM-DD>-<n>-<slug>.md`, dated the day it was declared (UTC). */
export function postmortemPath(
  config: Config,
  issue: number,
  title: string,
  declaredAt: string,
): string {
  return `${config.postmortem.folder}/${declaredAt.slice(0, 10)}-${issue}-${slugOf(title)}.md`;
}

/** Whether a path is this incident's postmortem file (the title may have changed since). */
export function isPostmortemPath(config: Config, issue: number, path: string): boolean {
  const folder = config.postmortem.folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${folder}/\\d{4}-\\d{2}-\\d{2}-${issue}-[a-z0-9-]+\\.md$`).test(path);
}

export function postmortemTitle(title: string, issue: number): string {
  return `Postmortem: ${title.trim()} (#${issue})`;
}

/** The pull request's description: where the file is, and what people do next. */
export function pullBody(issue: number, path: string, defaultBranch: string): string {
  return [
    `Postmortem of incident #${issue}, drafted by hereby from its record: \`${path}\`.`,
    "",
    "Fill in the impact, the contributing factors and the action items, then ask for review. " +
      "hereby refreshes the draft on `/postmortem` until someone else pushes to this branch; " +
      "after that the file is yours alone.",
    ...(defaultBranch === "main"
      ? []
      : ["", `Targets \`${defaultBranch}\`, the repository's default branch.`]),
  ].join("\n");
}

/** The commit's message: a draft names the incident, a refresh says where it came from. */
export function commitMessage(issue: number, title: string, refresh: boolean): string {
  return refresh
    ? `Refresh the postmortem of #${issue} from its record`
    : `Draft the postmortem of #${issue}: ${title}`;
}

/** The issue number in a postmortem branch name, or null. */
export function incidentOfBranch(ref: string): number | null {
  const m = /^hereby\/postmortem-([1-9][0-9]*)$/.exec(ref);
  return m?.[1] ? Number(m[1]) : null;
}

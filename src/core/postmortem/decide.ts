// The postmortem planner: from the incident, the repository as gathered, the template
// and the clock to the writes that open or refresh the one pull request of an incident.
// Pure: the handler gathers (src/github/gather-postmortem.ts) and the executor applies.
import type { Config } from "../../config.js";
import { commentOnce } from "../declaration.js";
import { marker, textHash } from "../markers.js";
import type { Plan, Write } from "../plan.js";
import type { Incident, Login } from "../types.js";
import { postmortemBranch, postmortemPath, postmortemTitle } from "./paths.js";
import { checkTemplate, renderPostmortem } from "./render.js";
import { templateBounds } from "./template-bounds.js";
import { alreadyMergedReply, fallbackTemplateReply, cancelledReply, closedReply, diffReply, foreignBranchReply, mergedReply, openedReply, refreshReply, templateReply } from "./replies.js";
import { OVERRIDE_PATH, type BranchCommit, type PostmortemPull, type PostmortemRepo } from "./state.js";
import { postmortemTitleText } from "./title.js";
import { postmortemCast, postmortemView, type ViewInput } from "./view.js";

/** What asked for the postmortem: resolving (by command or by hand), or `/postmortem`. */
export type PostmortemTrigger = { kind: "resolved" } | { kind: "command"; commentId: number };

export interface PostmortemInput {
  incident: Incident;
  config: Config;
  repo: PostmortemRepo;
  /** The built-in template's text (the repository's override is in `repo`). */
  template: string;
  self: Login | null;
  repository: string;
  incidentUrl: string;
  trigger: PostmortemTrigger;
  /** hereby's markers already on the incident. */
  written: Set<string>;
  now: Date;
}

export interface PostmortemDecision {
  writes: Plan;
  notes: string[];
  /** The open pull request, when there is one already. */
  open: PostmortemPull | null;
  /** Where the file is (or goes), for the announcement. */
  path: string;
}

const lower = (s: string) => s.toLowerCase();

/** hereby's commit: GitHub attributes both author and committer to hereby's account. */
export function isOwnCommit(commit: BranchCommit, self: Login | null): boolean {
  const ours = (login: Login | null) => login !== null && (self ? lower(login) === lower(self) : commit.authorIsBot);
  return ours(commit.author) && ours(commit.committer);
}

export function skipsPostmortem(incident: Incident, config: Config): boolean {
  const level = config.severities.find((s) => s.name === incident.severity);
  return level !== undefined && !level.postmortem;
}

/** A cancelled incident (declared in error) gets no postmortem: `/postmortem` is answered
 * with why, and nothing is read or written for it. */
export function cancelledPostmortem(incident: Incident, trigger: PostmortemTrigger, written: Set<string>): { notes: string[]; writes: Write[] } | null {
  if (incident.status !== "cancelled") return null;
  const writes = trigger.kind === "command" ? commentOnce(written, incident.number, cancelledReply(trigger.commentId)) : [];
  return { notes: ["a cancelled incident gets no postmortem"], writes };
}

function prBody(input: PostmortemInput, path: string): string {
  const { incident, repo } = input;
  return [
    `Postmortem of incident #${incident.number}, drafted by hereby from its record: \`${path}\`.`,
    "",
    "Fill in the impact, the contributing factors and the action items, then ask for review. hereby refreshes the draft on `/postmortem` until someone else pushes to this branch; after that the file is yours alone.",
    ...(repo.defaultBranch === "main" ? [] : ["", `Targets \`${repo.defaultBranch}\`, the repository's default branch.`]),
  ].join("\n");
}

/** The repository's template, or the built-in one when the repository's would multiply
 * itself or overflow GitHub's limits (`fallback` says why). */
function chooseTemplate(override: string | null | undefined, builtIn: string, view: Record<string, unknown>) {
  const fallback = override ? templateBounds(override, view) : [];
  return { template: fallback.length > 0 || !override ? builtIn : override, fallback };
}

function viewInputOf(input: PostmortemInput): ViewInput {
  const { incident, config, self, incidentUrl, repository, now } = input;
  return { incident, config, self, incidentUrl, repository, actionItems: input.repo.actionItems, now };
}

export function decidePostmortem(input: PostmortemInput): PostmortemDecision {
  const { incident, config, repo, trigger } = input;
  const path = repo.file?.path ?? postmortemPath(config, incident.number, incident.title, incident.declaredAt ?? input.now.toISOString());
  let notice: Write[] = [];
  const done = (notes: string[], writes: Write[] = [], open: PostmortemPull | null = null): PostmortemDecision =>
    ({ writes: [...notice, ...writes], notes, open, path });
  const once = (reply: { body: string; marker: string }) => commentOnce(input.written, incident.number, reply);
  // `/postmortem` on an open pull request always gets an answer saying what it did.
  const answer = (pull: PostmortemPull | null, outcome: "refreshed" | "current" | "theirs"): Write[] =>
    trigger.kind === "command" && pull ? once(refreshReply(pull.number, trigger.commentId, outcome)) : [];
  if (trigger.kind === "resolved" && skipsPostmortem(incident, config)) return done([`severity ${incident.severity} skips the postmortem`]);
  const cancelled = cancelledPostmortem(incident, trigger, input.written);
  if (cancelled) return done(cancelled.notes, cancelled.writes);
  const finished = finishedPull(input, once);
  if (finished) return done(...finished);
  const open = repo.pulls.find((p) => p.state === "open") ?? null;

  const viewInput = viewInputOf(input);
  const view = postmortemView(viewInput);
  const { template, fallback } = chooseTemplate(repo.override, input.template, view);
  // Said once, along with whatever else is decided: the default template stood in.
  if (fallback.length > 0) notice = once(fallbackTemplateReply(fallback, OVERRIDE_PATH, textHash(repo.override ?? "")));
  const check = checkTemplate(template, view);
  if (!check.ok) return done([`bad template: ${check.problems.join("; ")}`], once(templateReply(check.problems, OVERRIDE_PATH, textHash(template))));
  const content = renderPostmortem(template, view);
  const upToDate = repo.file?.content === content;

  const branch = postmortemBranch(incident.number);
  if (repo.branch && !repo.branch.commits.every((c) => isOwnCommit(c, input.self))) {
    if (!open) return done([`${branch} has others' commits and no pull request`], once(foreignBranchReply(branch, repo.branch.sha)));
    // What the record changed since hereby last wrote the file, never people's edits undone.
    const base = repo.ownVersion ?? repo.file?.content ?? "";
    if (base === content) return done(["the branch is people's now; the record has nothing new"], answer(open, "theirs"), open);
    return done(["the branch is people's now: diff replied"], once(diffReply(open.number, path, base, content)), open);
  }
  if (!repo.branch && repo.baseSha === null) return done([`cannot read the head of ${repo.defaultBranch}`]);
  // The title as the file shows it: no secret or handle in git history or the PR list.
  const title = postmortemTitleText(incident.title, postmortemCast(viewInput));
  const message = commitMessage(incident.number, title, repo.file !== null);
  const file = upToDate ? null : { path, content, message, sha: repo.file?.sha ?? null };
  const reviewers = incident.lead && !(input.self && lower(incident.lead) === lower(input.self)) ? [incident.lead] : [];
  const pull = open ? null : { title: postmortemTitle(title, incident.number), body: prBody(input, path), reviewers };
  if (!file && !pull) return done(["postmortem up to date"], answer(open, "current"), open);
  const publish: Write = {
    type: "publishPostmortem",
    incident: incident.number,
    branch,
    base: repo.defaultBranch,
    createBranchAt: repo.branch ? null : repo.baseSha,
    file,
    pull,
  };
  return done([open ? `refresh postmortem #${open.number}` : "open the postmortem pull request"], [publish, ...answer(open, "refreshed")], open);
}

/** A pull request merged, or closed with none open: nothing to publish, only to say so. */
function finishedPull(input: PostmortemInput, once: (reply: { body: string; marker: string }) => Plan): [string[], Plan] | null {
  const { repo, trigger } = input;
  const merged = repo.pulls.find((p) => p.merged);
  if (merged) {
    const note = [`postmortem #${merged.number} already merged`];
    if (trigger.kind !== "command") return [note, []];
    // `/postmortem` also records a merge whose webhook was lost.
    const record = merged.mergedAt ? once(mergedReply(merged.number, merged.mergedAt)) : [];
    return [note, [...record, ...once(alreadyMergedReply(merged.number, trigger.commentId))]];
  }
  const closed = repo.pulls.find((p) => p.state === "closed");
  if (repo.pulls.some((p) => p.state === "open") || !closed) return null;
  const key = trigger.kind === "command" ? String(trigger.commentId) : "resolved";
  return [[`postmortem #${closed.number} closed unmerged`], once(closedReply(closed.number, key))];
}

function commitMessage(number: number, title: string, refresh: boolean): string {
  return refresh ? `Refresh the postmortem of #${number} from its record` : `Draft the postmortem of #${number}: ${title}`;
}

/** The announcement on the incident once its pull request exists (written once). */
export function announceWrites(input: { written: Set<string>; incident: number; pull: number; path: string; base: string }): Plan {
  return commentOnce(input.written, input.incident, openedReply(input.pull, input.path, input.base, input.base === "main"));
}


/** A resolved incident whose pull request GitHub failed to open (hereby said it was
 * pending, and has announced none since): any later event on the incident finishes it. */
export function pendingPostmortem(incident: Incident | undefined, written: Set<string>): boolean {
  if (incident?.status !== "resolved" || !written.has(marker("postmortem", "pending"))) return false;
  return ![...written].some((m) => m.startsWith("<!-- hereby:postmortem opened:"));
}

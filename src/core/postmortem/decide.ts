// The postmortem planner: from the incident, the repository as gathered, the template
// and the clock to the writes that open or refresh the one pull request of an incident.
// Pure: the handler gathers (src/github/gather-postmortem.ts) and the executor applies.
import type { Config } from "../../config.js";
import { commentOnce } from "../declaration.js";
import { marker, textHash } from "../markers.js";
import type { Write } from "../plan.js";
import type { Incident, Login } from "../types.js";
import {
  commitMessage,
  postmortemBranch,
  postmortemPath,
  postmortemTitle,
  pullBody,
} from "./paths.js";
import { checkTemplate, renderPostmortem } from "./render.js";
import { templateBounds } from "./template-bounds.js";
import {
  alreadyMergedReply,
  fallbackTemplateReply,
  cancelledReply,
  closedReply,
  diffReply,
  foreignBranchReply,
  mergedReply,
  openedReply,
  refreshReply,
  templateReply,
} from "./replies.js";
import {
  OVERRIDE_PATH,
  type BranchCommit,
  type PostmortemPull,
  type PostmortemRepo,
} from "./state.js";
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
  writes: Write[];
  notes: string[];
  /** The open pull request, when there is one already. */
  open: PostmortemPull | null;
  /** Where the file is (or goes), for the announcement. */
  path: string;
}

const lower = (s: string) => s.toLowerCase();

/** hereby's commit: GitHub attributes both author and committer to hereby's account. */
export function isOwnCommit(commit: BranchCommit, self: Login | null): boolean {
  const ours = (login: Login | null) =>
    login !== null && (self ? lower(login) === lower(self) : commit.authorIsBot);
  return ours(commit.author) && ours(commit.committer);
}

export function skipsPostmortem(incident: Incident, config: Config): boolean {
  const level = config.severities.find((s) => s.name === incident.severity);
  return level !== undefined && !level.postmortem;
}

/** A cancelled incident (declared in error) gets no postmortem: `/postmortem` is answered
 * with why, and nothing is read or written for it. */
export function cancelledPostmortem(
  incident: Incident,
  trigger: PostmortemTrigger,
  written: Set<string>,
): { notes: string[]; writes: Write[] } | null {
  if (incident.status !== "cancelled") return null;
  const writes =
    trigger.kind === "command"
      ? commentOnce(written, incident.number, cancelledReply(trigger.commentId))
      : [];
  return { notes: ["a cancelled incident gets no postmortem"], writes };
}

/** The repository's template, or the built-in one when the repository's would multiply
 * itself or overflow GitHub's limits (`fallback` says why). */
function chooseTemplate(
  override: string | null | undefined,
  builtIn: string,
  view: Record<string, unknown>,
) {
  const fallback = override ? templateBounds(override, view) : [];
  return { template: fallback.length > 0 || !override ? builtIn : override, fallback };
}

function viewInputOf(input: PostmortemInput): ViewInput {
  const { incident, config, self, incidentUrl, repository, now } = input;
  return {
    incident,
    config,
    self,
    incidentUrl,
    repository,
    actionItems: input.repo.actionItems,
    now,
  };
}

/** What a step decides: its notes, its writes, and the open pull request it concerns. */
interface Outcome {
  notes: string[];
  writes: Write[];
  open?: PostmortemPull | null;
}

type Once = (reply: { body: string; marker: string }) => Write[];

/** What every step shares: the input, where the file goes, and the replies it may add. */
interface Step {
  input: PostmortemInput;
  path: string;
  once: Once;
  /** `/postmortem` on an open pull request always gets an answer saying what it did. */
  answer: (pull: PostmortemPull | null, outcome: "refreshed" | "current" | "theirs") => Write[];
}

function stepOf(input: PostmortemInput): Step {
  const { incident, config, repo, trigger } = input;
  const declaredAt = incident.declaredAt ?? input.now.toISOString();
  const path =
    repo.file?.path ?? postmortemPath(config, incident.number, incident.title, declaredAt);
  const once: Once = (reply) => commentOnce(input.written, incident.number, reply);
  const answer: Step["answer"] = (pull, outcome) =>
    trigger.kind === "command" && pull
      ? once(refreshReply(pull.number, trigger.commentId, outcome))
      : [];
  return { input, path, once, answer };
}

export function decidePostmortem(input: PostmortemInput): PostmortemDecision {
  const step = stepOf(input);
  const done = (outcome: Outcome, notice: Write[] = []): PostmortemDecision => ({
    writes: [...notice, ...outcome.writes],
    notes: outcome.notes,
    open: outcome.open ?? null,
    path: step.path,
  });
  const settled = settledAlready(step);
  if (settled) return done(settled);
  const open = input.repo.pulls.find((p) => p.state === "open") ?? null;
  const draft = draftOf(step);
  if (draft.failed) return done(draft.failed, draft.notice);
  const theirs = peoplesBranch(step, open, draft.content);
  return done(theirs ?? publishOutcome(step, open, draft.content), draft.notice);
}

/** Nothing to draft: the severity skips it, the incident was cancelled, or its pull
 * request is merged or closed. */
function settledAlready(step: Step): Outcome | null {
  const { incident, config, trigger, written } = step.input;
  if (trigger.kind === "resolved" && skipsPostmortem(incident, config))
    return { notes: [`severity ${incident.severity} skips the postmortem`], writes: [] };
  const cancelled = cancelledPostmortem(incident, trigger, written);
  if (cancelled) return cancelled;
  const finished = finishedPull(step.input, step.once);
  return finished ? { notes: finished[0], writes: finished[1] } : null;
}

/** The postmortem as the template renders it, or why the template can't. `notice`: said
 * once, along with whatever else is decided, when the default template stood in. */
function draftOf(step: Step): { notice: Write[]; content: string; failed?: Outcome } {
  const { input, once } = step;
  const { repo } = input;
  const view = postmortemView(viewInputOf(input));
  const { template, fallback } = chooseTemplate(repo.override, input.template, view);
  const notice =
    fallback.length > 0
      ? once(fallbackTemplateReply(fallback, OVERRIDE_PATH, textHash(repo.override ?? "")))
      : [];
  const check = checkTemplate(template, view);
  if (check.ok) return { notice, content: renderPostmortem(template, view) };
  const failed = {
    notes: [`bad template: ${check.problems.join("; ")}`],
    writes: once(templateReply(check.problems, OVERRIDE_PATH, textHash(template))),
  };
  return { notice, content: "", failed };
}

/** Someone else pushed to the branch: the file is theirs. hereby says what the record
 * changed since it last wrote the file, and never undoes people's edits. */
function peoplesBranch(step: Step, open: PostmortemPull | null, content: string): Outcome | null {
  const { repo, self, incident } = step.input;
  if (!repo.branch || repo.branch.commits.every((c) => isOwnCommit(c, self))) return null;
  const branch = postmortemBranch(incident.number);
  if (!open) {
    const writes = step.once(foreignBranchReply(branch, repo.branch.sha));
    return { notes: [`${branch} has others' commits and no pull request`], writes };
  }
  const base = repo.ownVersion ?? repo.file?.content ?? "";
  if (base === content) {
    const notes = ["the branch is people's now; the record has nothing new"];
    return { notes, writes: step.answer(open, "theirs"), open };
  }
  const writes = step.once(diffReply(open.number, step.path, base, content));
  return { notes: ["the branch is people's now: diff replied"], writes, open };
}

/** The write that commits the file and opens the pull request, whichever is missing. */
function publishOutcome(step: Step, open: PostmortemPull | null, content: string): Outcome {
  const { input, path } = step;
  const { incident, repo } = input;
  if (!repo.branch && repo.baseSha === null)
    return { notes: [`cannot read the head of ${repo.defaultBranch}`], writes: [] };
  // The title as the file shows it: no secret or handle in git history or the PR list.
  const title = postmortemTitleText(incident.title, postmortemCast(viewInputOf(input)));
  const message = commitMessage(incident.number, title, repo.file !== null);
  const upToDate = repo.file?.content === content;
  const file = upToDate ? null : { path, content, message, sha: repo.file?.sha ?? null };
  const pull = open
    ? null
    : {
        title: postmortemTitle(title, incident.number),
        body: pullBody(incident.number, path, repo.defaultBranch),
        reviewers: reviewersOf(input),
      };
  if (!file && !pull)
    return { notes: ["postmortem up to date"], writes: step.answer(open, "current"), open };
  const publish: Write = {
    type: "publishPostmortem",
    incident: incident.number,
    branch: postmortemBranch(incident.number),
    base: repo.defaultBranch,
    createBranchAt: repo.branch ? null : repo.baseSha,
    file,
    pull,
  };
  const note = open ? `refresh postmortem #${open.number}` : "open the postmortem pull request";
  return { notes: [note], writes: [publish, ...step.answer(open, "refreshed")], open };
}

/** The lead reviews the pull request, unless the lead is hereby. */
function reviewersOf(input: PostmortemInput): Login[] {
  const { lead } = input.incident;
  return lead && !(input.self && lower(lead) === lower(input.self)) ? [lead] : [];
}

/** A pull request merged, or closed with none open: nothing to publish, only to say so. */
function finishedPull(input: PostmortemInput, once: Once): [string[], Write[]] | null {
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

/** The announcement on the incident once its pull request exists (written once). */
export function announceWrites(input: {
  written: Set<string>;
  incident: number;
  pull: number;
  path: string;
  base: string;
}): Write[] {
  return commentOnce(
    input.written,
    input.incident,
    openedReply(input.pull, input.path, input.base, input.base === "main"),
  );
}

/** A resolved incident whose pull request GitHub failed to open (hereby said it was
 * pending, and has announced none since): any later event on the incident finishes it. */
export function pendingPostmortem(incident: Incident | undefined, written: Set<string>): boolean {
  if (incident?.status !== "resolved" || !written.has(marker("postmortem", "pending")))
    return false;
  return ![...written].some((m) => m.startsWith("<!-- hereby:postmortem opened:"));
}

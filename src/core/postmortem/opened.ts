// What follows once the postmortem's pull request has a number: the lead asked to
// review it and the incident told where it is, independent writes sent together.
import { announceWrites, type PostmortemDecision } from "./decide.js";
import type { Write } from "../plan.js";

export interface Opened {
  decision: PostmortemDecision;
  pull: number;
  /** hereby's markers already on the incident. */
  written: Set<string>;
  incident: number;
  base: string;
}

export function openedWrites(o: Opened): Write[] {
  const publish = o.decision.writes.find((w) => w.type === "publishPostmortem");
  const reviewers = publish?.type === "publishPostmortem" ? (publish.pull?.reviewers ?? []) : [];
  const review: Write[] =
    reviewers.length > 0 ? [{ type: "requestReviewers", pull: o.pull, reviewers }] : [];
  return [
    ...review,
    ...announceWrites({
      written: o.written,
      incident: o.incident,
      pull: o.pull,
      path: o.decision.path,
      base: o.base,
    }),
  ];
}

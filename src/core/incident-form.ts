// The incident issue form (.github/ISSUE_TEMPLATE/incident.yml; hereby ships the same
// file as templates/incident-form.yml). An issue opened with it holds the answers as
// `### <label>` sections; GitHub's own parser reads them against the form, so hereby
// writes no Markdown parsing of its own. The form ships with hereby rather than being read
// from the repository: no request is spent on it, and the form's labels are the contract
// (a form whose labels differ reads as no form). The form's fields are written here, so
// the core reads no file; test/core/incident-form.test.ts checks they are the shipped
// form's.
import { parseIssue } from "@github/issue-parser";
import type { Config } from "../config.js";
import { instantOf, resolveSeverity } from "./commands.js";

export interface IncidentForm {
  /** A severity level of the config, or null when the form gave none hereby knows. */
  severity: string | null;
  /** When it started (ISO, UTC), or null when not given or not a time. */
  startedAt: string | null;
}

/** Every form answer is a `### ` heading: a body without one is no form, and isn't parsed. */
const FORM_HEADING = /^### /m;

/** The parser's pattern (`### *(.*?)\s*[\r\n]+([\s\S]*?)(?=\n?###|\n?$)`) backtracks
 * over long lines and runs of blanks: a crafted 64 KB body took it seconds to minutes,
 * on every event of that incident. What it is given is bounded: lines cut to 200
 * characters, runs of spaces and of blank lines made one. The answers hereby reads (a
 * level, a time) are short and keep their text. */
function bounded(body: string): string {
  return body
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/\n(?: ?\n)+/g, "\n\n")
    .split("\n")
    .map((line) => line.slice(0, 200))
    .join("\n");
}

/** The fields of templates/incident-form.yml as the parser reads them (JSON is YAML). Every
 * field is here, not just the two hereby uses: the parser appends a section whose heading
 * it doesn't know to the one before. */
export const FORM_FIELDS = JSON.stringify({
  body: [
    {
      type: "dropdown",
      id: "severity",
      attributes: { label: "Severity", options: ["critical", "major", "minor", "trivial"] },
      validations: { required: true },
    },
    {
      type: "textarea",
      id: "broken",
      attributes: { label: "What is broken?" },
      validations: { required: true },
    },
    { type: "textarea", id: "affected", attributes: { label: "Who is affected?" } },
    { type: "input", id: "started", attributes: { label: "When did it start?" } },
  ],
});

function answers(userBody: string): Record<string, unknown> {
  return parseIssue(bounded(userBody), FORM_FIELDS);
}

/**
 * The form's answers in the users' part of the body. `openedAt` (the issue's creation)
 * anchors an `HH:MM` start time the way a `/timeline HH:MM` comment's time does: the
 * same parser reads it, in the configured zone, on that day or the day before.
 */
export function readIncidentForm(
  userBody: string | null,
  config: Config,
  opened: { at: string; by: string },
): IncidentForm | null {
  if (!userBody || !FORM_HEADING.test(userBody)) return null;
  const form = answers(userBody);
  if (!("severity" in form) && !("started" in form)) return null;
  const picked = Array.isArray(form.severity) ? String(form.severity[0] ?? "") : "";
  // An input field is one line; text someone added below it later is not part of it.
  const started =
    typeof form.started === "string" ? (form.started.split("\n")[0] ?? "").trim() : "";
  const startedAt =
    started === "" ? null : instantOf(started, { config, author: opened.by, postedAt: opened.at });
  // An option may say more than the level ("SEV1 (critical)", "p4: no user impact").
  const severity = picked
    ? (resolveSeverity(picked, config) ?? resolveSeverity(picked.split(/[\s:(]/)[0] ?? "", config))
    : null;
  return { severity, startedAt };
}

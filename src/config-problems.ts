// Config problems in hereby's words: which key, and what it takes. zod's own sentences
// ("Invalid input: expected number, received string") name types, not keys' meaning;
// here each key says what is allowed, and what was found when that helps.
import type { core } from "zod";

/** What a key takes, by its path with list positions as `*`. */
const ALLOWED: Record<string, string> = {
  "": "a mapping of keys such as severities, roles and timezone",
  labels: "a mapping of label names (incident, action, review, report, severity_prefix, status_prefix)",
  "labels.incident": "a label name of 1 to 50 characters",
  "labels.action": "a label name of 1 to 50 characters",
  "labels.review": "a label name of 1 to 50 characters",
  "labels.report": "a label name of 1 to 50 characters",
  "labels.severity_prefix": "a label prefix of 1 to 30 characters",
  "labels.status_prefix": "a label prefix of 1 to 30 characters",
  severities: "a list of severity levels",
  "severities.*": "a severity level with a name (and optionally aliases, color, description, notify, postmortem)",
  "severities.*.name": "a level name: lowercase letters, digits and '-'",
  "severities.*.aliases": "a list of words",
  "severities.*.description": "text of at most 100 characters",
  "severities.*.notify": "a list of handles like @user or @org/team",
  "severities.*.postmortem": "true or false",
  default_severity: "the name of one of the severities",
  roles: "a list of roles",
  "roles.*": "a role with a name and a title (and optionally a description)",
  "roles.*.name": "a role name: lowercase letters, digits and '-'",
  "roles.*.title": "a title of 1 to 100 characters",
  "roles.*.description": "text of at most 300 characters",
  timezone: "an IANA time zone such as UTC or Europe/London",
  permission: "one of read, triage, write, maintain, admin",
  checklist: "a mapping with notify and communicate",
  "checklist.notify": "a list of lines of text",
  "checklist.communicate": "text of at most 1000 characters",
  postmortem: "a mapping with folder",
  "postmortem.folder": "a relative path without leading or trailing '/'",
  review: "a mapping with interval_days",
  "review.interval_days": "a whole number of days from 1 to 365",
  report: "a mapping with schedule and issue",
  "report.schedule": "off or monthly",
  "report.issue": "an issue title of 1 to 200 characters",
};

/** What a list at this key holds, for "at most N …". */
const UNITS: Record<string, string> = {
  severities: "levels",
  "severities.*.aliases": "aliases",
  "severities.*.notify": "handles",
  roles: "roles",
  "checklist.notify": "lines",
};

/** zod's stock sentences; anything else was written in the schema and is kept. */
const STOCK = /^(?:Invalid input|Invalid option|Invalid string|Invalid|Too big|Too small|Unrecognized key)/;

function got(input: unknown): string {
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 39)}…` : input);
  if (typeof input === "number" || typeof input === "boolean") return String(input);
  if (input === null || input === undefined) return "nothing";
  return Array.isArray(input) ? "a list" : "a mapping";
}

/** A wrong type named by what it is: a string, a list, a mapping (a number as itself). */
const kind = (input: unknown): string => (typeof input === "string" ? "a string" : got(input));

/** One line per problem: `` `key`: what it takes (got …) ``. */
export function describeIssue(issue: core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    // One line per key, named where it sits, so a typo is found at a glance.
    return issue.keys.map((key) => `\`${[...issue.path, key].join(".")}\`: unknown key (check its spelling and where it is nested)`);
  }
  const where = issue.path.length > 0 ? `\`${issue.path.join(".")}\`` : "(top level)";
  const pattern = issue.path.map((p) => (typeof p === "number" ? "*" : String(p))).join(".");
  return [`${where}: ${sentence(issue, pattern)}`];
}

function sentence(issue: core.$ZodIssue, pattern: string): string {
  if (!STOCK.test(issue.message)) return issue.message;
  const allowed = ALLOWED[pattern] ?? "a value of the documented shape";
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string") return `at most ${String(issue.maximum)} characters`;
      if (issue.origin === "array") return `at most ${String(issue.maximum)} ${UNITS[pattern] ?? "items"}`;
      return `${allowed} (got ${got(input)})`;
    case "too_small":
      return issue.origin === "number" ? `${allowed} (got ${got(input)})` : allowed;
    case "invalid_type":
      return `${allowed} (got ${kind(input)})`;
    case "invalid_value":
      return `${allowed} (got ${got(input)})`;
    default:
      return allowed;
  }
}

interface YamlErrorLike {
  message: string;
  linePos?: [{ line: number; col: number }, ...{ line: number; col: number }[]];
}

/** A YAML syntax error as one problem: the file, line and column, and what the parser
 * says, without its source excerpt. */
export function describeYamlError(file: string, error: unknown, inRepo?: string): string {
  const e = error as YamlErrorLike;
  const first = (e.message ?? String(error)).split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const pos = e.linePos?.[0];
  return `\`${file}\`${inRepo ? ` in ${inRepo}` : ""} is not valid YAML${pos ? `, line ${pos.line}, column ${pos.col}` : ""}: ${first}`;
}

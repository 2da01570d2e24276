// Config problems in hereby's words: which key, and what it takes. zod's own sentences
// ("Invalid input: expected number, received string") name types, not what a key takes;
// here each problem says what is allowed, read from the schema itself at the issue's path
// (its type, bounds, options and keys), and what was found when that helps. Messages
// written in the schema (a pattern's "a handle like @user") are kept as they are. They
// reach people as one ConfigError per file, listing at most MAX_PROBLEMS of them.
import type * as z from "zod";

type Schema = z.ZodType;
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  entries?: Record<string, string>;
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  /** The message written in the schema (`.regex(re, "a handle like @user")`). */
  error?: (issue: object) => unknown;
}
const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/** The schema under defaults, prefaults, optionals and pipes. */
function bare(schema: Schema): Schema {
  let s = schema;
  for (let def = defOf(s); def.innerType ?? def.in; def = defOf(s)) s = (def.innerType ?? def.in)!;
  return s;
}

/** The schema a path leads to, or undefined where the path leaves it. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const step of path) {
    const def = defOf(bare(s));
    const key = String(step);
    s =
      typeof step === "number"
        ? def.element
        : def.shape && Object.hasOwn(def.shape, key)
          ? def.shape[key]
          : undefined;
    if (!s) return undefined;
  }
  return s;
}

type Bound = number | null | undefined;
const bounded = (n: Bound): n is number =>
  typeof n === "number" && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER;

/** ` of 1 to 50`, ` of at most 100`, ` of at least 1`, or nothing. */
function range(min: Bound, max: Bound, unit = ""): string {
  if (bounded(min) && bounded(max)) return ` of ${min} to ${max}${unit}`;
  if (bounded(max)) return ` of at most ${max}${unit}`;
  return bounded(min) && min > 0 ? ` of at least ${min}${unit}` : "";
}

const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((c) => c._zod.def);

/** The first message the schema's author wrote for this value's checks. */
function ownMessage(def: Def): string | undefined {
  for (const check of checksOf(def)) {
    const message = check.error?.({});
    if (typeof message === "string" && message !== "") return message;
  }
  return undefined;
}

/** What a schema takes, in words: "a whole number from 10 to 5000", "one of off, monthly". */
export function takes(schema: Schema): string {
  const s = bare(schema);
  const def = defOf(s);
  switch (def.type) {
    case "number": {
      const n = s as z.ZodNumber;
      const [min, max] = [n.minValue, n.maxValue];
      const what = n.isInt ? "a whole number" : "a number";
      return range(min, max) ? `${what}${range(min, max).replace(/^ of /, " from ")}` : what;
    }
    case "string": {
      const str = s as z.ZodString;
      const length = range(str.minLength, str.maxLength, " characters");
      const own = ownMessage(def);
      return own ? `${own}${length ? `, ${length.slice(4)}` : ""}` : `text${length}`;
    }
    case "boolean":
      return "true or false";
    case "enum":
      return `one of ${Object.values(def.entries ?? {}).join(", ")}`;
    case "array": {
      const checks = checksOf(def);
      const min = checks.find((c) => c.check === "min_length")?.minimum;
      const max = checks.find((c) => c.check === "max_length")?.maximum;
      const each = def.element ? `, each ${takes(def.element)}` : "";
      return `a list${range(min, max, " entries")}${each}`;
    }
    case "object":
      return `a mapping with the keys ${Object.keys(def.shape ?? {}).join(", ")}`;
    default:
      return "a value of the documented shape";
  }
}

/** zod's stock sentences; anything else was written in the schema and is kept. */
const STOCK =
  /^(?:Invalid input|Invalid option|Invalid string|Invalid|Too big|Too small|Unrecognized key)/;

function got(input: unknown): string {
  if (typeof input === "string")
    return JSON.stringify(input.length > 40 ? `${input.slice(0, 39)}…` : input);
  if (typeof input === "number" || typeof input === "boolean") return String(input);
  if (input === null || input === undefined) return "nothing";
  return Array.isArray(input) ? "a list" : "a mapping";
}

/** A wrong type named by what it is: a string, a list, a mapping (a number as itself). */
const kind = (input: unknown): string => (typeof input === "string" ? "a string" : got(input));

/** One line per problem: `` `key`: what it takes (got …) ``. */
export function describeIssue(issue: z.core.$ZodIssue, root: Schema): string[] {
  if (issue.code === "unrecognized_keys") {
    // One line per key, named where it sits, with the keys that place takes.
    const here = schemaAt(root, issue.path);
    const known = here ? Object.keys(defOf(bare(here)).shape ?? {}) : [];
    const place = issue.path.length > 0 ? `\`${issue.path.join(".")}\`` : "the top level";
    const hint = known.length > 0 ? `; ${place} takes ${known.join(", ")}` : "";
    const unknown = "unknown key (check its spelling and where it is nested)";
    return issue.keys.map((key) => `\`${[...issue.path, key].join(".")}\`: ${unknown}${hint}`);
  }
  const where = issue.path.length > 0 ? `\`${issue.path.join(".")}\`` : "(top level)";
  return [`${where}: ${sentence(issue, schemaAt(root, issue.path))}`];
}

function sentence(issue: z.core.$ZodIssue, schema: Schema | undefined): string {
  if (!STOCK.test(issue.message)) return issue.message;
  const allowed = schema ? takes(schema) : "a value of the documented shape";
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "too_big":
    case "too_small":
      if (typeof input === "string") {
        return `${allowed} (got ${input === "" ? "nothing" : `${input.length} characters`})`;
      }
      if (Array.isArray(input)) return `${allowed} (got ${input.length})`;
      return `${allowed} (got ${got(input)})`;
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
  const first = (e.message ?? String(error))
    .split("\n")[0]!
    .replace(/ at line \d+, column \d+:?$/, "");
  const pos = e.linePos?.[0];
  return `\`${file}\`${inRepo ? ` in ${inRepo}` : ""} is not valid YAML${pos ? `, line ${pos.line}, column ${pos.col}` : ""}: ${first}`;
}

export class ConfigError extends Error {
  constructor(
    /** Where the config came from, e.g. `.github/hereby.yml`. */
    readonly file: string,
    /** One line per bad key: `severities.0.color: a 6-digit hex colour …`; at most
     * MAX_PROBLEMS of them and a count of the rest, to fit in a reply. */
    readonly problems: string[],
    /** Every problem, for `hereby check-config`, which lists them all in one run. */
    readonly all: string[] = problems,
  ) {
    super(`Invalid ${file}:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Most problems listed one by one. */
const MAX_PROBLEMS = 30;

/** The error for `all` the problems found in `file`: a file with thousands of bad entries
 * gets a reply that still fits in a comment. */
export function configError(file: string, all: string[]): ConfigError {
  const problems =
    all.length > MAX_PROBLEMS
      ? [...all.slice(0, MAX_PROBLEMS), `…and ${all.length - MAX_PROBLEMS} more problems`]
      : all;
  return new ConfigError(file, problems, all);
}

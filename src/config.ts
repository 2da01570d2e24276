// The `.github/hereby.yml` schema: every key documented and defaulted here, so the
// parsed config is the only shape the core ever sees. Probot's loader returns merged
// YAML cast to a type, unvalidated: it always goes through `parseConfig`.
import * as z from "zod";
import { prototypeKeyPaths, prototypeKeyProblem } from "./config-keys.js";
import { crossChecks, type CrossInput, type CrossIssue } from "./config-cross.js";
import { ConfigError, configError, describeIssue } from "./config-problems.js";
import { isTimeZone } from "./time-zones.js";

export { ConfigError } from "./config-problems.js";

const colour = z
  .string()
  .regex(/^[0-9a-fA-F]{6}$/, "a 6-digit hex colour without '#', like d73a4a");

/** A GitHub handle (`@user` or `@org/team`) to mention. */
const handle = z
  .string()
  .regex(
    /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/,
    "a handle like @user or @org/team",
  );

const severitySchema = z.object({
  /** Level name; the label is `<labels.severity_prefix><name>`. */
  name: z
    .string()
    .max(30)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and '-'"),
  /** Other words accepted by `/severity` (case-insensitive), e.g. sev1, p1. */
  aliases: z
    .array(
      z
        .string()
        .max(30)
        .regex(/^[A-Za-z0-9-]+$/, "letters, digits and '-'"),
    )
    .max(20)
    .default([]),
  /** Label colour. */
  color: colour.default("d93f0b"),
  /** Label description. */
  description: z.string().max(100).default(""),
  /** Handles mentioned in one comment when an incident is declared at, or raised to, this level. */
  notify: z.array(handle).max(50).default([]),
  /** Whether resolving opens a postmortem pull request. */
  postmortem: z.boolean().default(true),
});

const roleSchema = z.object({
  /** Name used in `/role <name> @user`. */
  name: z
    .string()
    .max(30)
    .regex(/^[a-z][a-z0-9-]*$/, "lowercase letters, digits and '-'"),
  /** Title shown in the record and used for blameless naming ("Communications"). */
  title: z.string().min(1).max(100),
  /** What the role does, shown in the declaration checklist. */
  description: z.string().max(300).default(""),
});

export const DEFAULT_SEVERITIES = [
  {
    name: "critical",
    aliases: ["sev1", "p1"],
    color: "b60205",
    description: "Critical: customer-facing outage or data loss",
    notify: [],
    postmortem: true,
  },
  {
    name: "major",
    aliases: ["sev2", "p2"],
    color: "d93f0b",
    description: "Major: significant degradation for many users",
    notify: [],
    postmortem: true,
  },
  {
    name: "minor",
    aliases: ["sev3", "p3"],
    color: "fbca04",
    description: "Minor: limited impact, workaround exists",
    notify: [],
    postmortem: true,
  },
  {
    name: "trivial",
    aliases: ["sev4", "p4"],
    color: "c2e0c6",
    description: "Trivial: no user impact",
    notify: [],
    postmortem: false,
  },
] satisfies z.input<typeof severitySchema>[];

export const DEFAULT_ROLES = [
  { name: "comms", title: "Communications", description: "keeps stakeholders and users informed" },
  { name: "ops", title: "Operations", description: "works on the fix" },
  { name: "planning", title: "Planning", description: "tracks follow-ups and owns the review" },
  { name: "scribe", title: "Scribe", description: "keeps the timeline" },
] satisfies z.input<typeof roleSchema>[];

export const PERMISSIONS = ["read", "triage", "write", "maintain", "admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const configSchema = z
  .object({
    /** Label names. */
    labels: z
      .object({
        /** Marks an issue as an incident record. */
        incident: z.string().min(1).max(50).default("incident"),
        /** Marks an action item (follow-up issue). */
        action: z.string().min(1).max(50).default("incident-action"),
        /** Marks a recurring review issue. */
        review: z.string().min(1).max(50).default("incident-review"),
        /** Marks the issue hereby keeps the monthly incident report in (`report.schedule`). */
        report: z.string().min(1).max(50).default("incident-report"),
        /** Prefix of severity labels. */
        severity_prefix: z.string().min(1).max(30).default("severity:"),
        /** Prefix of status labels. */
        status_prefix: z.string().min(1).max(30).default("status:"),
      })
      .strict()
      .prefault({}),
    /** Severity levels, highest first. */
    severities: z
      .array(severitySchema.strict())
      .min(1, "at least one severity level")
      .max(20)
      .default(DEFAULT_SEVERITIES),
    /** Severity added on declaration when none is given ("when in doubt, go higher"). */
    default_severity: z.string().max(30).default("major"),
    /** Roles assignable with `/role`. The lead is always there. */
    roles: z.array(roleSchema.strict()).max(20).default(DEFAULT_ROLES),
    /** IANA time zone for `/timeline HH:MM`. */
    timezone: z
      .string()
      .max(64)
      .refine(isTimeZone, "an IANA time zone such as UTC or Europe/London")
      .default("UTC"),
    /** Lowest repository permission allowed to run commands. */
    permission: z.enum(PERMISSIONS).default("triage"),
    /** Declaration checklist: who to notify and where to talk. */
    checklist: z
      .object({
        /** Who should hear about a new incident (free text lines). */
        notify: z.array(z.string().max(1000)).max(50).default([]),
        /** Where the incident is discussed (channel, bridge, link). */
        communicate: z.string().max(1000).default(""),
      })
      .strict()
      .prefault({}),
    postmortem: z
      .object({
        /** Folder of postmortem files in the repository. */
        folder: z
          .string()
          .max(200)
          .regex(/^[^/].*[^/]$|^[^/]$/, "a relative path without leading or trailing '/'")
          .default("docs/postmortems"),
      })
      .strict()
      .prefault({}),
    review: z
      .object({
        /** Days after the first resolution hereby recorded (by someone with the permission;
         * not `closed_at`, which a later close or reopen moves), and between reviews, until
         * a review is due. */
        interval_days: z.number().int().min(1).max(365).default(30),
        /** Most requests one sweep of this repository makes (like actions/stale's
         * operations-per-run); the next run continues, oldest due first. A repository whose
         * listings alone take more (100 issues a page) gets its listings and one due
         * incident each run, and the sweep says so. */
        requests_per_run: z
          .number()
          .int()
          .min(
            20,
            "a whole number from 20 to 5000: a sweep's three listings take 3 requests and one due incident up to 17, so fewer would review nothing",
          )
          .max(5000)
          .default(300),
      })
      .strict()
      .prefault({}),
    report: z
      .object({
        /** `monthly`: the first scheduled sweep in each month (in `timezone`: the Action's
         * `schedule` runs, the App's periodic sweep) writes the incident report for every
         * incident declared before that month to the report issue (and the job summary).
         * `off`: the report only when asked (`/report`, `hereby report`, the Action's
         * `report: true`). */
        schedule: z.enum(["off", "monthly"]).default("off"),
        /** Title of the report issue, which hereby opens (labelled `labels.report`) when
         * it finds none of its own. GitHub's REST API cannot pin it: pin it by hand once. */
        issue: z.string().min(1).max(200).default("Incident report"),
      })
      .strict()
      .prefault({}),
    changes: z
      .object({
        /** Hours before impact started (the form's "When did it start?") or, without it,
         * before the declaration, from which deployments, releases, merged pull requests
         * and failed runs are offered in the "Changes around this incident" comment. */
        lookback_hours: z.number().min(0.25).max(72).default(3),
        /** Other repositories of the same owner whose changes are offered too (`api` or
         * `acme/api`); the incident's own repository is always looked at. */
        repositories: z
          .array(
            z
              .string()
              .max(140)
              .regex(
                /^(?:[A-Za-z0-9-]+\/)?[A-Za-z0-9._-]+$/,
                "a repository name like api or acme/api",
              ),
          )
          .max(10)
          .default([]),
        /** `false`: no changes comment, and no reads for it. */
        enabled: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    actions: z
      .object({
        /** Open action items above this earn a gentle note ("narrow it down to about three"). */
        max: z.number().int().min(1).max(100).default(3),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => crossChecks(config, (issue) => ctx.addIssue(issue)));

/** The keys the cross checks read, each parsed on its own: undefined where invalid. */
function crossInput(raw: unknown): CrossInput {
  const mapping = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  const source = (mapping ? raw : {}) as Record<string, unknown>;
  const shape = configSchema.shape;
  const one = <T extends z.ZodType>(schema: T, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  const each = <T extends z.ZodType>(schema: T, value: unknown) =>
    Array.isArray(value) ? value.map((item) => one(schema, item)) : undefined;
  return {
    // Entries read for the keys the checks use, whatever else is wrong with them.
    severities: each(
      severitySchema.pick({ name: true, aliases: true }),
      source.severities ?? DEFAULT_SEVERITIES,
    ),
    default_severity: one(shape.default_severity, source.default_severity),
    roles: each(roleSchema.pick({ name: true }), source.roles ?? DEFAULT_ROLES),
  };
}

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type SeverityLevel = Config["severities"][number];
export type Role = Config["roles"][number];

/** Where a repository keeps hereby's config (or the organisation's `.github` repository). */
export const CONFIG_FILE = ".github/hereby.yml";

/** Validates raw (merged) YAML; throws ConfigError naming every bad key. */
export function parseConfig(raw: unknown, file = CONFIG_FILE): Config {
  const poisoned = prototypeKeyPaths(raw);
  if (poisoned.length > 0) {
    throw new ConfigError(
      file,
      poisoned.map((key) => prototypeKeyProblem(key)),
    );
  }
  const result = configSchema.safeParse(raw ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const cross: CrossIssue[] = [];
  crossChecks(crossInput(raw), (issue) => cross.push(issue));
  const issues = [...result.error.issues, ...cross];
  // The cross checks may have run inside the schema too: each problem is named once.
  const all = [
    ...new Set(issues.flatMap((issue) => describeIssue(issue as z.core.$ZodIssue, configSchema))),
  ];
  throw configError(file, all);
}

export const defaultConfig: Config = parseConfig({});

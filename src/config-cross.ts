// Checks between config keys: severity names and aliases, the default severity, the
// roles. The schema runs them, and so does parseConfig on the keys that are valid on their
// own, so one run names these along with every key's own problems.

export type CrossIssue = { code: "custom"; path: (string | number)[]; message: string };

/** Checks between keys: severity names and aliases, the default severity, the roles.
 * Each runs when the keys it reads are valid, so a file with other problems still gets
 * these named in the same run (zod skips an object's refinements once a key fails). */
export function crossChecks(config: CrossInput, add: (issue: CrossIssue) => void): void {
  if (config.severities) {
    const seen = new Map<string, string>();
    config.severities.forEach((severity, i) => {
      if (!severity) return;
      for (const word of [severity.name, ...severity.aliases]) {
        const key = word.toLowerCase();
        const other = seen.get(key);
        if (other !== undefined) {
          const message = `"${word}" already names severity "${other}"`;
          add({ code: "custom", path: ["severities", i], message });
        }
        seen.set(key, severity.name);
      }
    });
    const wanted = config.default_severity;
    const levels = config.severities.filter((s) => s !== undefined);
    // Only against a whole list: an entry without a valid name may be the one it names.
    const whole = levels.length === config.severities.length;
    if (wanted !== undefined && whole && !levels.some((s) => s.name === wanted.toLowerCase())) {
      const names = levels.map((s) => s.name).join(", ");
      const message = `must be one of the severities: ${names}`;
      add({ code: "custom", path: ["default_severity"], message });
    }
  }
  const roles = new Set<string>();
  config.roles?.forEach((role, i) => {
    if (!role) return;
    const path = ["roles", i, "name"];
    const lead = `"lead" is built in; set it with /lead`;
    if (role.name === "lead") add({ code: "custom", path, message: lead });
    const twice = `role "${role.name}" is listed twice`;
    if (roles.has(role.name)) add({ code: "custom", path, message: twice });
    roles.add(role.name);
  });
}

/** Lists keep their positions; an entry that is invalid on its own is undefined. */
export interface CrossInput {
  severities?: ({ name: string; aliases: string[] } | undefined)[] | undefined;
  default_severity?: string | undefined;
  roles?: ({ name: string } | undefined)[] | undefined;
}

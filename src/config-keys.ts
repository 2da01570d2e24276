// Keys that must never reach a merge. YAML and JSON parsers keep `__proto__`,
// `constructor` and `prototype` as ordinary keys; a merge that assigns them onto a plain
// object writes through to `Object.prototype` (or a class), and from then on every object
// in the process, every other repository's config included, inherits the planted values.
// One process serves many repositories, so these are refused by name wherever they sit,
// and every merge builds on null-prototype objects.

const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

type Path = (string | number)[];

/** Every place in `value` where a prototype key is used, as `labels.__proto__`. */
export function prototypeKeyPaths(value: unknown): string[] {
  const found: string[] = [];
  // Iterative and with a seen set: YAML aliases share nodes, and nesting can be deep.
  const seen = new Set<object>();
  const stack: [unknown, Path][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push([item, [...path, i]]));
      continue;
    }
    for (const key of Object.keys(node)) {
      if (PROTOTYPE_KEYS.has(key)) found.push([...path, key].join("."));
      else stack.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return found.sort();
}

/** The problem line for one such key, in the words of the other config problems. */
export function prototypeKeyProblem(path: string, where?: string): string {
  const key = path.split(".").pop()!;
  return (
    `\`${path}\`${where ? ` in ${where}` : ""}: \`${key}\` is never a config key ` +
    "(`__proto__`, `constructor` and `prototype` are refused anywhere in the file); remove it"
  );
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A deep copy on null-prototype objects, without prototype keys. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isMapping(value)) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) if (!PROTOTYPE_KEYS.has(key)) out[key] = copy(value[key]);
  return out;
}

function deepAssign(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    if (PROTOTYPE_KEYS.has(key)) continue;
    const value = source[key];
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isMapping(value) && isMapping(existing)) deepAssign(existing, value);
    else target[key] = copy(value);
  }
}

/** Configs merged in order, later keys winning; lists replace instead of concatenating
 * (so `_extends` doesn't double the severities). Never writes through a prototype. */
export function mergeConfigs(configs: readonly unknown[]): Record<string, unknown> {
  const merged = Object.create(null) as Record<string, unknown>;
  for (const config of configs) if (isMapping(config)) deepAssign(merged, config);
  return merged;
}

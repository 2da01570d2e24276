// The matching engine: runs secret rules over a text and resolves overlapping finds
// into disjoint spans. Rules are data (hereby-rules.ts, gitleaks.ts); this file knows
// nothing about any one secret format. Input is untrusted: every rule's quantifiers
// are bounded, and values that hit a cap are extended with a single-character scan,
// so long secrets are not half-redacted.

export interface Candidate {
  start: number;
  end: number;
  kind: string;
}

export interface Rule {
  /** Global, with the `d` flag so group offsets are available. */
  re: RegExp;
  /** Human name, or derived from the match (for example from the key name). */
  kind: string | ((m: RegExpExecArray) => string);
  /** Named or numbered groups holding the secret, first defined wins; none means the whole
   * match. */
  groups?: Array<string | number>;
  /** Lower-case words one of which must be in the (lower-cased) text for the rule to run. */
  keywords?: readonly string[];
  /** Characters that continue the secret past a capped quantifier. */
  extend?: RegExp;
  /** Values that look like user-written placeholders are left alone. */
  skipPlaceholders?: boolean;
  /** Extra check on the secret text (cheap, linear); `start` is its offset in the text. */
  accept?: (value: string, m: RegExpExecArray, start: number) => boolean;
}

// "Obviously not a real secret": masks, templates, env references, type names,
// bare keywords and our own markers (which keeps redaction idempotent).
const PLACEHOLDER =
  /^(?:\*+|•+|\.+|…|-+|#+|x{3,}|<[^<>]*>|\[[^[\]]*\]|\$\{.*|\{\{.*|\$[A-Za-z_][A-Za-z0-9_]*|%s|%\(.*|null|nil|none|undefined|true|false|string|str|number|int|bool|boolean|bytes|any|password|passwd|pass|secret|token|yes|no|changeme|redacted|hidden|removed)$/i;

export function isPlaceholder(value: string): boolean {
  // A value running into one of our markers was already redacted (idempotency).
  return value.length === 0 || PLACEHOLDER.test(value) || value.includes("[redacted");
}

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

// BEGIN through the next END; a BEGIN without END redacts to the end of the text
// (a truncated paste still holds most of the key). One forward scan: linear.
function findPrivateKeys(text: string): Candidate[] {
  const out: Candidate[] = [];
  PEM_BEGIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PEM_BEGIN.exec(text)) !== null) {
    PEM_END.lastIndex = m.index + m[0].length;
    const end = PEM_END.exec(text);
    const stop = end ? end.index + end[0].length : text.length;
    out.push({ start: m.index, end: stop, kind: "private key" });
    PEM_BEGIN.lastIndex = stop;
  }
  return out;
}

function secretSpan(m: RegExpExecArray, groups: Rule["groups"]): [number, number] | undefined {
  if (!groups) return [m.index, m.index + m[0].length];
  for (const g of groups) {
    const idx = typeof g === "number" ? m.indices?.[g] : m.indices?.groups?.[g];
    if (idx && idx[1] > idx[0]) return [idx[0], idx[1]];
  }
  return undefined;
}

function findRule(text: string, rule: Rule): Candidate[] {
  const out: Candidate[] = [];
  const re = rule.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const matchEnd = m.index + m[0].length;
    const span = secretSpan(m, rule.groups);
    let next = matchEnd;
    if (span) {
      const start = span[0];
      let end = span[1];
      if (rule.extend && end === matchEnd) {
        while (end < text.length && rule.extend.test(text[end]!)) end++;
        next = end;
      }
      const value = text.slice(start, end);
      const ok =
        !(rule.skipPlaceholders && isPlaceholder(value)) &&
        (!rule.accept || rule.accept(value, m, start));
      if (ok)
        out.push({ start, end, kind: typeof rule.kind === "string" ? rule.kind : rule.kind(m) });
    }
    re.lastIndex = Math.max(next, m.index + 1);
  }
  return out;
}

/** Index of the first interval whose end is after `pos` (intervals sorted and disjoint). */
function firstEndingAfter(taken: Candidate[], pos: number): number {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (taken[mid]!.end > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Resolves candidates, given in priority order, into sorted disjoint spans. A later
 * (more generic) find is kept where it does not overlap, or where it strictly contains
 * what it overlaps (`password=foo-<token>` redacts the whole value).
 */
export function resolve(candidates: Iterable<Candidate>): Candidate[] {
  const taken: Candidate[] = [];
  for (const c of candidates) {
    const i = firstEndingAfter(taken, c.start);
    let j = i;
    while (j < taken.length && taken[j]!.start < c.end) j++;
    if (j === i) {
      taken.splice(i, 0, c);
      continue;
    }
    let contains = true;
    for (let k = i; k < j; k++) {
      const t = taken[k]!;
      if (t.start < c.start || t.end > c.end || (t.start === c.start && t.end === c.end))
        contains = false;
    }
    if (contains) {
      taken.splice(i, j - i, c);
    } else if (taken[i]!.start > c.start) {
      // Partial overlap: keep the part before the earlier match (a JWT or value running
      // into a private key block), as a second pass over the redacted text would.
      taken.splice(i, 0, { start: c.start, end: taken[i]!.start, kind: c.kind });
    }
  }
  return taken;
}

/** Every find of every rule whose keywords occur in the text, in rule order. */
export function* findAll(text: string, rules: readonly Rule[]): Generator<Candidate> {
  yield* findPrivateKeys(text);
  const lower = text.toLowerCase();
  for (const rule of rules) {
    if (rule.keywords && rule.keywords.length > 0 && !rule.keywords.some((k) => lower.includes(k)))
      continue;
    yield* findRule(text, rule);
  }
}

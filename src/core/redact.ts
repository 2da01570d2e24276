// Secret redaction for text copied from GitHub comments into the incident record (and
// into logs). Rules are data: hereby's own (secrets/hereby-rules.ts), then rules ported
// from secretlint and detect-secrets (secrets/imported-rules.ts), then gitleaks'
// default rules (secrets/gitleaks.ts); secrets/engine.ts matches them. Matching runs on
// a normalised copy of the text (secrets/normalize.ts), the original spans are replaced.
import { findAll, resolve, type Candidate } from "./secrets/engine.js";
import { GITLEAKS_RULES } from "./secrets/gitleaks.js";
import { HEREBY_RULES } from "./secrets/hereby-rules.js";
import { IMPORTED_RULES } from "./secrets/imported-rules.js";
import { normalizeForMatching, originalSpan } from "./secrets/normalize.js";

export interface Redaction {
  text: string;
  /** Distinct human names of what was found, in order of first appearance. */
  kinds: string[];
}

const RULES = [...HEREBY_RULES, ...IMPORTED_RULES, ...GITLEAKS_RULES];

const marker = (kind: string): string => `[redacted ${kind}]`;

/** The spans to redact, in the original text's offsets. */
export function findSecrets(text: string): Candidate[] {
  const n = normalizeForMatching(text);
  const found = resolve(findAll(n ? n.text : text, RULES));
  if (!n) return found;
  const mapped: Candidate[] = [];
  for (const c of found) {
    const [start, end] = originalSpan(n, c.start, c.end, text.length);
    const last = mapped[mapped.length - 1];
    // Two finds can map onto one original character (a ligature split by NFKC).
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else if (end > start) mapped.push({ start, end, kind: c.kind });
  }
  return mapped;
}

/** One pass: every secret found replaced, left to right. */
function redactOnce(text: string): Redaction {
  const taken = findSecrets(text);
  if (taken.length === 0) return { text, kinds: [] };
  let out = "";
  let pos = 0;
  const kinds: string[] = [];
  for (const c of taken) {
    out += text.slice(pos, c.start) + marker(c.kind);
    pos = c.end;
    if (!kinds.includes(c.kind)) kinds.push(c.kind);
  }
  out += text.slice(pos);
  return { text: out, kinds };
}

const MAX_PASSES = 4;

/**
 * Replaces secrets with `[redacted <kind>]`. Rules are tried most specific first; a
 * later (more generic) match is kept where it does not overlap, or where it strictly
 * contains what it overlaps (`password=foo-<token>` redacts the whole value).
 * Idempotent: passes repeat until nothing new is found, since a marker can end a
 * match that an overlapping secret had hidden (each pass is linear; passes are capped).
 */
export function redactSecrets(text: string): Redaction {
  if (text.length > MEMO_TEXT) return redactAll(text);
  if (clean.has(text)) {
    // Most recently used last: a Set keeps insertion order, the oldest goes first.
    clean.delete(text);
    clean.add(text);
    return { text, kinds: [] };
  }
  const result = redactAll(text);
  if (result.kinds.length === 0) clean.add(text);
  if (clean.size > MEMO_ENTRIES) clean.delete(clean.values().next().value!);
  return result;
}

// Every command re-reduces the whole incident, so each timeline entry's text is redacted
// again on every command (three times per command): about 20 µs each for a short line,
// most of a command's own CPU on a long incident. The answer depends on the text alone,
// so texts found clean are remembered: what one repository's comments put here changes
// no answer for another. A text holding a secret is never kept: it is redacted again each
// time, so no secret outlives the run that read it. Bounded: 4,000 texts of at most 2,000
// characters (at most about 8 MB).
const MEMO_ENTRIES = 4000;
const MEMO_TEXT = 2000;
const clean = new Set<string>();

function redactAll(text: string): Redaction {
  let result = redactOnce(text);
  if (result.kinds.length === 0) return result;
  const kinds = [...result.kinds];
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = redactOnce(result.text);
    if (next.kinds.length === 0) break;
    for (const k of next.kinds) if (!kinds.includes(k)) kinds.push(k);
    result = next;
  }
  return { text: result.text, kinds };
}

// Secret redaction for text copied from GitHub comments into the incident record.
// The input is untrusted: every pattern has bounded quantifiers and no nested
// unbounded repetition, so matching stays linear in the input length. Values that
// hit a length cap are extended with a single-character scan, so long secrets are
// not half-redacted.

export interface Redaction {
  text: string;
  /** Distinct human names of what was found, in order of first appearance. */
  kinds: string[];
}

interface Candidate {
  start: number;
  end: number;
  kind: string;
}

interface Rule {
  /** Global, with the `d` flag so group offsets are available. */
  re: RegExp;
  /** Human name, or derived from the match (for example from the key name). */
  kind: string | ((m: RegExpExecArray) => string);
  /** Named groups holding the secret, first defined wins; none means the whole match. */
  groups?: string[];
  /** Characters that continue the secret past a capped quantifier. */
  extend?: RegExp;
  /** Values that look like user-written placeholders are left alone. */
  skipPlaceholders?: boolean;
  /** Extra check on the secret text (cheap, linear). */
  accept?: (value: string, m: RegExpExecArray) => boolean;
}

const marker = (kind: string): string => `[redacted ${kind}]`;

// "Obviously not a real secret": masks, templates, env references, type names,
// bare keywords and our own markers (which keeps redaction idempotent).
const PLACEHOLDER =
  /^(?:\*+|•+|\.+|…|-+|#+|x{3,}|<[^<>]*>|\[[^[\]]*\]|\$\{.*|\{\{.*|\$[A-Za-z_][A-Za-z0-9_]*|%s|%\(.*|null|nil|none|undefined|true|false|string|str|number|int|bool|boolean|bytes|any|password|passwd|pass|secret|token|changeme|redacted|hidden|removed)$/i;

function isPlaceholder(value: string): boolean {
  // A value running into one of our markers was already redacted (idempotency).
  return value.length === 0 || PLACEHOLDER.test(value) || value.includes("[redacted");
}

// Key names for generic `key = value` assignments. Any identifier ending in one counts
// (`DB_PASSWORD`, `x-api-key`, `_authToken`, `githubToken`); the kind comes from the
// longest matching suffix.
const KEY_KINDS: ReadonlyArray<[string, string]> = [
  ["clientsecret", "client secret"],
  ["accesstoken", "access token"],
  ["accesskey", "access key"],
  ["secretkey", "secret key"],
  ["privatekey", "private key"],
  ["apikey", "API key"],
  ["password", "password"],
  ["passwd", "password"],
  ["pwd", "password"],
  ["secret", "secret"],
  ["token", "token"],
];

function keyKind(key: string): string {
  const k = key.toLowerCase().replace(/[_.-]/g, "");
  for (const [suffix, kind] of KEY_KINDS) if (k.endsWith(suffix)) return kind;
  return "secret";
}

const KEYS =
  "client[_-]?secret|access[_-]?token|access[_-]?key|secret[_-]?key|private[_-]?key|api[_-]?key|password|passwd|pwd|secret|token";

// key, optional closing quote / Markdown emphasis, separator, optional emphasis, value.
// Not after `://`: there the "key" is a URL's user (`https://token:...@`), which the URL
// rule handles. Bare values stop at whitespace, quotes and characters that usually end
// a value in prose, query strings or code (`,;&|)}<>`).
const GENERIC = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-]|:\/\/)(?<key>[A-Za-z0-9_.-]{0,40}(?:${KEYS}))["'\x60]?[*_]{0,2}[ \t]{0,10}(?:=>|:=|[:=])[ \t]{0,10}(?:\*\*|__)?[ \t]{0,10}` +
    String.raw`(?:"(?<dq>[^"\r\n]{1,4096})"|'(?<sq>[^'\r\n]{1,4096})'|["'\x60]?(?<bare>[^\s"'\x60,;&|()<>{}[\]=][^\s"'\x60,;&|)}<>]{0,1023}))`,
  "gid",
);
const BARE_CHAR = /[^\s"'`,;&|)}<>]/;

// Passwords are often chosen with `&`, `,` or `;` in them: for password-like keys a bare
// value runs to whitespace or a quote, so no tail of one survives (a token in a query
// string still ends at `&`, by the rule above).
const PASSWORD_KEYS = "client[_-]?secret|secret[_-]?key|private[_-]?key|password|passwd|pwd|secret";
const PASSWORD_ASSIGNMENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-]|:\/\/)(?<key>[A-Za-z0-9_.-]{0,40}(?:${PASSWORD_KEYS}))["'\x60]?[*_]{0,2}[ \t]{0,10}(?:=>|:=|[:=])[ \t]{0,10}(?:\*\*|__)?[ \t]{0,10}` +
    String.raw`(?:"(?<dq>[^"\r\n]{1,4096})"|'(?<sq>[^'\r\n]{1,4096})'|(?<angle><[^<>\r\n]{1,200}>)|["'\x60]?(?<bare>[^\s"'\x60=][^\s"'\x60]{0,1023}))`,
  "gid",
);
const PASSWORD_CHAR = /[^\s"'`]/;

const RULES: Rule[] = [
  // (Private key blocks are handled by findPrivateKeys, before these rules.)
  {
    re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9_]{36,255}|github_pat_[A-Za-z0-9_]{22,255})/dg,
    kind: "GitHub token",
    extend: /[A-Za-z0-9_]/,
  },
  { re: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,255}/dg, kind: "GitLab token", extend: /[A-Za-z0-9_-]/ },
  {
    re: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{10,300}/dg,
    kind: "Slack webhook",
    extend: /[A-Za-z0-9/_-]/,
  },
  { re: /(?<![A-Za-z0-9_-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,250}/dg, kind: "Slack token", extend: /[A-Za-z0-9-]/ },
  {
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/dg,
    kind: "AWS access key",
  },
  { re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg, kind: "Google API key" },
  {
    re: /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9]{24,247})/dg,
    kind: "Stripe key",
    extend: /[A-Za-z0-9]/,
  },
  { re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36,255}/dg, kind: "npm token", extend: /[A-Za-z0-9]/ },
  { re: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,255}/dg, kind: "Anthropic API key", extend: /[A-Za-z0-9_-]/ },
  {
    re: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,255}/dg,
    kind: "OpenAI API key",
    extend: /[A-Za-z0-9_-]/,
    // Hyphenated prose like "sk-some-long-words" has no digits.
    accept: (v) => /[0-9]/.test(v) && /[A-Za-z]/.test(v),
  },
  {
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,2048}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,2048}/dg,
    kind: "JWT",
    extend: /[A-Za-z0-9_-]/,
  },
  {
    re: /(?<![A-Za-z0-9])(?:aws[_-]?)?secret[_-]?access[_-]?key["'`]?[ \t]{0,10}(?:=>|:=|[:=])[ \t]{0,10}["'`]?(?<v>[A-Za-z0-9/+=]{16,1024})/dgi,
    kind: "AWS secret access key",
    groups: ["v"],
    extend: /[A-Za-z0-9/+=]/,
    skipPlaceholders: true,
  },
  {
    // scheme://user:password@host; the password may contain `@` (greedy up to the last
    // one before the path), never whitespace, `/`, `?` or `#`.
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/?#]{0,256}:(?<v>[^\s/?#]{1,1024})@/dg,
    kind: "password",
    groups: ["v"],
    skipPlaceholders: true,
  },
  {
    re: /(?<![A-Za-z0-9-])(?:proxy-)?authorization["'`]?[ \t]{0,10}[:=][ \t]{0,10}["'`]?(?<scheme>bearer|token|basic)[ \t]{1,10}(?<v>[A-Za-z0-9._~+/=_-]{1,4096})/dgi,
    kind: (m) => (m.groups?.["scheme"]?.toLowerCase() === "basic" ? "basic auth credentials" : "bearer token"),
    groups: ["v"],
    extend: /[A-Za-z0-9._~+/=_-]/,
    skipPlaceholders: true,
  },
  {
    re: PASSWORD_ASSIGNMENT,
    kind: (m) => keyKind(m.groups?.["key"] ?? ""),
    // `<your password>` is a placeholder, taken whole so it is recognised as one.
    groups: ["dq", "sq", "angle", "bare"],
    extend: PASSWORD_CHAR,
    skipPlaceholders: true,
    // Code like `password: string)` is a type, not a password, punctuation and all.
    accept: (v, m) =>
      !isPlaceholder(v.replace(/[)\],;:.}>]+$/, "")) && !(/pwd$/i.test(m.groups?.["key"] ?? "") && /^(?:[/~]|[A-Za-z]:\\)/.test(v)),
  },
  {
    re: GENERIC,
    kind: (m) => keyKind(m.groups?.["key"] ?? ""),
    groups: ["dq", "sq", "bare"],
    extend: BARE_CHAR,
    skipPlaceholders: true,
    // `PWD=/home/runner/work` in pasted environment dumps is a directory, not a password.
    accept: (v, m) => !(/pwd$/i.test(m.groups?.["key"] ?? "") && /^(?:[/~]|[A-Za-z]:\\)/.test(v)),
  },
];

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

function findRule(text: string, rule: Rule): Candidate[] {
  const out: Candidate[] = [];
  const re = rule.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const matchEnd = m.index + m[0].length;
    let span: [number, number] | undefined = [m.index, matchEnd];
    if (rule.groups) {
      span = undefined;
      for (const g of rule.groups) {
        const idx = m.indices?.groups?.[g];
        if (idx) {
          span = [idx[0], idx[1]];
          break;
        }
      }
    }
    let next = matchEnd;
    if (span) {
      let [start, end] = span;
      if (rule.extend && end === matchEnd) {
        while (end < text.length && rule.extend.test(text[end]!)) end++;
        next = end;
      }
      const value = text.slice(start, end);
      const ok =
        !(rule.skipPlaceholders && isPlaceholder(value)) && (!rule.accept || rule.accept(value, m));
      if (ok) out.push({ start, end, kind: typeof rule.kind === "string" ? rule.kind : rule.kind(m) });
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

/** One pass: candidates resolved by priority, replaced left to right. */
function redactOnce(text: string): Redaction {
  const taken: Candidate[] = [];
  const consider = (c: Candidate): void => {
    const i = firstEndingAfter(taken, c.start);
    let j = i;
    while (j < taken.length && taken[j]!.start < c.end) j++;
    if (j === i) {
      taken.splice(i, 0, c);
      return;
    }
    let contains = true;
    for (let k = i; k < j; k++) {
      const t = taken[k]!;
      if (t.start < c.start || t.end > c.end || (t.start === c.start && t.end === c.end)) contains = false;
    }
    if (contains) {
      taken.splice(i, j - i, c);
    } else if (taken[i]!.start > c.start) {
      // Partial overlap: keep the part before the earlier match (a JWT or value running
      // into a private key block), as a second pass over the redacted text would.
      taken.splice(i, 0, { start: c.start, end: taken[i]!.start, kind: c.kind });
    }
  };

  for (const c of findPrivateKeys(text)) consider(c);
  for (const rule of RULES) for (const c of findRule(text, rule)) consider(c);

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

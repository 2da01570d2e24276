// What gitleaks' rule tests generate samples with: `secrets.NewSecret(<regex>)` (a
// random string matching a regex), the `utils.*` regex builders, and the templates of
// `utils.GenerateSampleSecrets` (cmd/generate/config/utils/generate.go).

/** A construct this small evaluator does not know: the sample is skipped, not guessed. */
export class Unsupported extends Error {}

// ---- random strings from a regex (secrets.NewSecret) ------------------------
const CLASS_ESCAPES = {
  w: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
  d: "0123456789",
};

/** A generator of random strings matching a small regex subset: literals, classes,
 * groups with alternatives, and `{n}`, `{n,m}`, `+`, `*`, `?`. */
class RegexSampler {
  constructor(re, rand) {
    this.re = re;
    this.rand = rand;
    this.i = 0;
  }
  pick(s) {
    return s[Math.floor(this.rand() * s.length)];
  }
  cls() {
    const re = this.re;
    let set = "";
    this.i++;
    while (re[this.i] !== "]") {
      let a = re[this.i++];
      if (a === "\\") {
        a = re[this.i++];
        if (a in CLASS_ESCAPES) {
          set += CLASS_ESCAPES[a];
          continue;
        }
      }
      if (re[this.i] === "-" && re[this.i + 1] !== "]") {
        let b = re[this.i + 1];
        this.i += 2;
        if (b === "\\") b = re[this.i++];
        for (let k = a.charCodeAt(0); k <= b.charCodeAt(0); k++) set += String.fromCharCode(k);
      } else set += a;
    }
    this.i++;
    return () => this.pick(set);
  }
  atom() {
    const c = this.re[this.i];
    if (c === "[") return this.cls();
    if (c === "(") {
      this.i++;
      if (this.re.startsWith("?:", this.i)) this.i += 2;
      const alts = [this.seq()];
      while (this.re[this.i] === "|") {
        this.i++;
        alts.push(this.seq());
      }
      this.i++;
      return () => this.pick(alts)();
    }
    if (c === "\\") {
      const e = this.re[this.i + 1];
      this.i += 2;
      if (e in CLASS_ESCAPES) return () => this.pick(CLASS_ESCAPES[e]);
      if (/[A-Za-z]/.test(e)) throw new Unsupported(`NewSecret escape \\${e}`);
      return () => e;
    }
    if ("^$.*+?{|)".includes(c)) throw new Unsupported(`NewSecret ${c}`);
    this.i++;
    return () => c;
  }
  /** `{n}`, `{n,m}`, `+`, `*`, `?` at the cursor, as [min, max]. */
  repeat() {
    const q = /^(?:\{(\d+)(?:,(\d+))?\}|([+*?]))/.exec(this.re.slice(this.i));
    if (!q) return [1, 1];
    this.i += q[0].length;
    if (q[3] === "+") return [1, 8];
    if (q[3] === "*") return [0, 8];
    if (q[3] === "?") return [0, 1];
    return [Number(q[1]), Number(q[2] ?? q[1])];
  }
  seq() {
    const parts = [];
    while (this.i < this.re.length && this.re[this.i] !== "|" && this.re[this.i] !== ")") {
      if (this.re.startsWith("(?i)", this.i)) {
        this.i += 4;
        continue;
      }
      const a = this.atom();
      const [lo, hi] = this.repeat();
      parts.push(() => {
        const n = lo + Math.floor(this.rand() * (hi - lo + 1));
        let s = "";
        for (let k = 0; k < n; k++) s += a();
        return s;
      });
    }
    return () => parts.map((p) => p()).join("");
  }
}

export function sampleRegex(re, rand) {
  const sampler = new RegexSampler(re, rand);
  const gen = sampler.seq();
  if (sampler.i !== re.length) throw new Unsupported(`NewSecret ${re}`);
  return gen();
}

// ---- gitleaks' sample templates (cmd/generate/config/utils/generate.go) -----
export const TEMPLATES = [
  '{i}Token="{s}"',
  '{i}Token = "{s}"',
  "{i}Token={s}",
  "{i}Token = {s}",
  '{\n    "{i}_token": "{s}"\n}',
  '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
  "<{i}Token>\n    {s}\n</{i}Token>",
  "{i}_token: {s}",
  "{i}_token: '{s}'",
  '{i}_token: "{s}"',
  'string {i}Token = "{s}";',
  'var {i}Token string = "{s}"',
  '{i}Token := "{s}"',
  "{i}Token := `{s}`",
  'String {i}Token = "{s}";',
  'var {i}Token = "{s}"',
  '${i}Token .= "{s}"',
  "{i}Token = '{s}'",
  '{i}Token = "{s}"',
  'System.setProperty("{I}_TOKEN", "{s}")',
  '  "{i}Token" => "{s}"',
  '{i}_TOKEN = "{s}"',
  '{i}_TOKEN := "{s}"',
  '{i}_TOKEN ::= "{s}"',
  '{i}_TOKEN :::= "{s}"',
  '{i}_TOKEN ?= "{s}"',
];
export const fill = (t, id, s) =>
  t.replaceAll("{i}", id).replaceAll("{I}", id.toUpperCase()).replaceAll("{s}", s);

export const UTIL_PATTERNS = {
  "utils.Numeric": (n) => `[0-9]{${n}}`,
  "utils.Hex": (n) => `[a-f0-9]{${n}}`,
  "utils.AlphaNumeric": (n) => `[a-z0-9]{${n}}`,
  "utils.AlphaNumericExtendedShort": (n) => `[a-z0-9_-]{${n}}`,
  "utils.AlphaNumericExtended": (n) => `[a-z0-9=_\\-]{${n}}`,
  "utils.AlphaNumericExtendedLong": (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  "utils.Hex8_4_4_4_12": () => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
};

// Reads the true-positive samples (`tps`) out of gitleaks' rule sources
// (cmd/generate/config/rules/*.go). They are Go expressions: literal strings, string
// concatenation, and calls that generate samples (`utils.GenerateSampleSecrets`,
// `secrets.NewSecret(<regex>)`). This evaluates that small subset of Go; a sample
// using anything else is counted as skipped, not guessed.

// ---- tokens ---------------------------------------------------------------
function tokenize(src) {
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (src.startsWith("//", i)) i = src.indexOf("\n", i) === -1 ? src.length : src.indexOf("\n", i);
    else if (src.startsWith("/*", i)) i = src.indexOf("*/", i) + 2;
    else if (c === "`") {
      const end = src.indexOf("`", i + 1);
      toks.push({ t: "str", v: src.slice(i + 1, end).replace(/\r/g, "") });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      const raw = src.slice(i, j + 1);
      toks.push({ t: "str", v: c === '"' ? JSON.parse(raw.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\'/g, "'")) : raw.slice(1, -1) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
      toks.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(src.slice(i));
      toks.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (src.startsWith("...", i)) {
      toks.push({ t: "p", v: "..." });
      i += 3;
    } else if (src.startsWith(":=", i)) {
      toks.push({ t: "p", v: ":=" });
      i += 2;
    } else {
      toks.push({ t: "p", v: c });
      i++;
    }
  }
  return toks;
}

// ---- random strings from a regex (secrets.NewSecret) ------------------------
function sampleRegex(re, rand) {
  let i = 0;
  const pick = (s) => s[Math.floor(rand() * s.length)];
  function cls() {
    let set = "";
    i++;
    const CLASS_ESCAPES = { w: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", d: "0123456789" };
    while (re[i] !== "]") {
      let a = re[i++];
      if (a === "\\") {
        a = re[i++];
        if (a in CLASS_ESCAPES) {
          set += CLASS_ESCAPES[a];
          continue;
        }
      }
      if (re[i] === "-" && re[i + 1] !== "]") {
        let b = re[i + 1];
        i += 2;
        if (b === "\\") b = re[i++];
        for (let k = a.charCodeAt(0); k <= b.charCodeAt(0); k++) set += String.fromCharCode(k);
      } else set += a;
    }
    i++;
    return () => pick(set);
  }
  function atom() {
    const c = re[i];
    if (c === "[") return cls();
    if (c === "(") {
      i++;
      if (re.startsWith("?:", i)) i += 2;
      const alts = [seq()];
      while (re[i] === "|") {
        i++;
        alts.push(seq());
      }
      i++;
      return () => pick(alts)();
    }
    if (c === "\\") {
      const e = re[i + 1];
      i += 2;
      if (e === "d") return () => pick("0123456789");
      if (e === "w") return () => pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
      if (/[A-Za-z]/.test(e)) throw new Unsupported(`NewSecret escape \\${e}`);
      return () => e;
    }
    if ("^$.*+?{|)".includes(c)) throw new Unsupported(`NewSecret ${c}`);
    i++;
    return () => c;
  }
  function seq() {
    const parts = [];
    while (i < re.length && re[i] !== "|" && re[i] !== ")") {
      if (re.startsWith("(?i)", i)) {
        i += 4;
        continue;
      }
      const a = atom();
      let lo = 1;
      let hi = 1;
      const q = /^(?:\{(\d+)(?:,(\d+))?\}|([+*?]))/.exec(re.slice(i));
      if (q) {
        i += q[0].length;
        if (q[3] === "+") [lo, hi] = [1, 8];
        else if (q[3] === "*") [lo, hi] = [0, 8];
        else if (q[3] === "?") [lo, hi] = [0, 1];
        else [lo, hi] = [Number(q[1]), Number(q[2] ?? q[1])];
      }
      parts.push(() => {
        const n = lo + Math.floor(rand() * (hi - lo + 1));
        let s = "";
        for (let k = 0; k < n; k++) s += a();
        return s;
      });
    }
    return () => parts.map((p) => p()).join("");
  }
  const gen = seq();
  if (i !== re.length) throw new Unsupported(`NewSecret ${re}`);
  return gen();
}

// ---- gitleaks' sample templates (cmd/generate/config/utils/generate.go) -----
const TEMPLATES = [
  '{i}Token="{s}"', '{i}Token = "{s}"', "{i}Token={s}", "{i}Token = {s}", '{\n    "{i}_token": "{s}"\n}',
  '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}', "<{i}Token>\n    {s}\n</{i}Token>", "{i}_token: {s}",
  "{i}_token: '{s}'", '{i}_token: "{s}"', 'string {i}Token = "{s}";', 'var {i}Token string = "{s}"', '{i}Token := "{s}"',
  "{i}Token := `{s}`", 'String {i}Token = "{s}";', 'var {i}Token = "{s}"', '${i}Token .= "{s}"', "{i}Token = '{s}'",
  '{i}Token = "{s}"', 'System.setProperty("{I}_TOKEN", "{s}")', '  "{i}Token" => "{s}"', '{i}_TOKEN = "{s}"',
  '{i}_TOKEN := "{s}"', '{i}_TOKEN ::= "{s}"', '{i}_TOKEN :::= "{s}"', '{i}_TOKEN ?= "{s}"',
];
const fill = (t, id, s) => t.replaceAll("{i}", id).replaceAll("{I}", id.toUpperCase()).replaceAll("{s}", s);

const UTIL_PATTERNS = {
  "utils.Numeric": (n) => `[0-9]{${n}}`,
  "utils.Hex": (n) => `[a-f0-9]{${n}}`,
  "utils.AlphaNumeric": (n) => `[a-z0-9]{${n}}`,
  "utils.AlphaNumericExtendedShort": (n) => `[a-z0-9_-]{${n}}`,
  "utils.AlphaNumericExtended": (n) => `[a-z0-9=_\\-]{${n}}`,
  "utils.AlphaNumericExtendedLong": (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  "utils.Hex8_4_4_4_12": () => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
};

// ---- evaluation ---------------------------------------------------------------
class Unsupported extends Error {}

function evaluator(toks, vars, rand) {
  let p = 0;
  const peek = () => toks[p];
  const expect = (v) => {
    if (toks[p]?.v !== v) throw new Unsupported(`expected ${v} at ${JSON.stringify(toks[p])}`);
    p++;
  };
  function args() {
    expect("(");
    const out = [];
    while (peek().v !== ")") {
      out.push(expr());
      if (peek().v === "...") p++;
      if (peek().v === ",") p++;
    }
    p++;
    return out;
  }
  function primary() {
    const t = toks[p++];
    if (t.t === "str" || t.t === "num") return t.v;
    if (t.t === "p" && t.v === "[") {
      expect("]");
      expect("string");
      return list();
    }
    if (t.t === "id" && t.v === "map") {
      while (peek().v !== "{") p++;
      const items = [];
      p++;
      while (peek().v !== "}") {
        expr();
        expect(":");
        items.push(expr());
        if (peek().v === ",") p++;
      }
      p++;
      return items;
    }
    if (t.t !== "id") throw new Unsupported(`token ${t.v}`);
    if (peek()?.v !== "(") {
      if (t.v in vars) return vars[t.v]();
      throw new Unsupported(`variable ${t.v}`);
    }
    const a = args();
    if (t.v in UTIL_PATTERNS) return UTIL_PATTERNS[t.v](a[0]);
    if (t.v === "secrets.NewSecret") return sampleRegex(a[0], rand);
    if (t.v === "utils.GenerateSampleSecrets") return TEMPLATES.map((tp) => fill(tp, a[0], a[1]));
    if (t.v === "utils.GenerateSampleSecret") return `${a[0]}_api_token = "${a[1]}"`;
    if (t.v === "strings.Repeat") return a[0].repeat(a[1]);
    if (t.v === "fmt.Sprintf") {
      let k = 1;
      return a[0].replace(/%[sdv]/g, () => String(a[k++]));
    }
    if (t.v === "append") return a.flat();
    throw new Unsupported(`call ${t.v}`);
  }
  function expr() {
    let v = primary();
    while (peek()?.v === "+") {
      p++;
      v = v + primary();
    }
    return v;
  }
  /** `{ a, b, ... }`: each element evaluated on its own; failures are counted. */
  function list() {
    expect("{");
    const out = [];
    while (peek().v !== "}") {
      const start = p;
      try {
        const v = expr();
        out.push(...(Array.isArray(v) ? v : [v]));
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        out.push(undefined);
        p = start;
        let depth = 0;
        while (depth > 0 || (peek().v !== "," && peek().v !== "}")) {
          if ("({[".includes(peek().v)) depth++;
          if (")}]".includes(peek().v)) depth--;
          p++;
        }
      }
      if (peek().v === ",") p++;
    }
    p++;
    return out;
  }
  return { at: (i) => (p = i), expr, args, pos: () => p };
}

/**
 * The `tps` of every rule function in one Go file: `{ rule, samples, skipped }`.
 * The rule id comes from the `RuleID:` in the same function.
 */
export function samplesFromGo(src, rand) {
  const out = [];
  for (const fn of src.split(/\nfunc /).slice(1)) {
    const rule = /RuleID:\s*"([^"]+)"/.exec(fn)?.[1];
    if (!rule) continue;
    const toks = tokenize(fn);
    const vars = { tps: () => [] };
    for (let i = 0; i + 2 < toks.length; i++) {
      if (toks[i].t === "id" && toks[i + 1].v === ":=" && !["tps", "fps", "r"].includes(toks[i].v)) {
        const at = i + 2;
        vars[toks[i].v] = () => {
          const ev = evaluator(toks, vars, rand);
          ev.at(at);
          return ev.expr();
        };
      }
    }
    let samples = [];
    let skipped = 0;
    for (let i = 0; i + 2 < toks.length; i++) {
      if (toks[i].v !== "tps" || (toks[i + 1].v !== ":=" && toks[i + 1].v !== "=")) continue;
      const ev = evaluator(toks, vars, rand);
      try {
        ev.at(i + 2);
        const v = ev.expr();
        for (const s of Array.isArray(v) ? v : [v]) {
          if (typeof s === "string") samples.push(s);
          else skipped++;
        }
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        skipped++;
      }
    }
    out.push({ rule, samples, skipped });
  }
  return out;
}

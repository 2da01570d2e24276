// Reads the true-positive samples (`tps`) out of gitleaks' rule sources
// (cmd/generate/config/rules/*.go). They are Go expressions: literal strings, string
// concatenation, and calls that generate samples (`utils.GenerateSampleSecrets`,
// `secrets.NewSecret(<regex>)`). This evaluates that small subset of Go; a sample
// using anything else is counted as skipped, not guessed.

import { fill, sampleRegex, TEMPLATES, Unsupported, UTIL_PATTERNS } from "./sample-secrets.mjs";

// ---- tokens ---------------------------------------------------------------
function tokenize(src) {
  const toks = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (src.startsWith("//", i))
      i = src.indexOf("\n", i) === -1 ? src.length : src.indexOf("\n", i);
    else if (src.startsWith("/*", i)) i = src.indexOf("*/", i) + 2;
    else if (c === "`") {
      const end = src.indexOf("`", i + 1);
      toks.push({ t: "str", v: src.slice(i + 1, end).replace(/\r/g, "") });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      const raw = src.slice(i, j + 1);
      toks.push({
        t: "str",
        v:
          c === '"'
            ? JSON.parse(raw.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\'/g, "'"))
            : raw.slice(1, -1),
      });
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

// ---- evaluation ---------------------------------------------------------------
/** Evaluates Go expressions over a token list, from a position. */
class GoEval {
  constructor(toks, vars, rand) {
    this.toks = toks;
    this.vars = vars;
    this.rand = rand;
    this.p = 0;
  }
  at(i) {
    this.p = i;
  }
  peek() {
    return this.toks[this.p];
  }
  expect(v) {
    if (this.toks[this.p]?.v !== v)
      throw new Unsupported(`expected ${v} at ${JSON.stringify(this.toks[this.p])}`);
    this.p++;
  }
  args() {
    this.expect("(");
    const out = [];
    while (this.peek().v !== ")") {
      out.push(this.expr());
      if (this.peek().v === "...") this.p++;
      if (this.peek().v === ",") this.p++;
    }
    this.p++;
    return out;
  }
  /** `map[string]string{ key: value, ... }`: the values. */
  mapValues() {
    while (this.peek().v !== "{") this.p++;
    const items = [];
    this.p++;
    while (this.peek().v !== "}") {
      this.expr();
      this.expect(":");
      items.push(this.expr());
      if (this.peek().v === ",") this.p++;
    }
    this.p++;
    return items;
  }
  call(name, a) {
    if (name in UTIL_PATTERNS) return UTIL_PATTERNS[name](a[0]);
    if (name === "secrets.NewSecret") return sampleRegex(a[0], this.rand);
    if (name === "utils.GenerateSampleSecrets") return TEMPLATES.map((tp) => fill(tp, a[0], a[1]));
    if (name === "utils.GenerateSampleSecret") return `${a[0]}_api_token = "${a[1]}"`;
    if (name === "strings.Repeat") return a[0].repeat(a[1]);
    if (name === "fmt.Sprintf") {
      let k = 1;
      return a[0].replace(/%[sdv]/g, () => String(a[k++]));
    }
    if (name === "append") return a.flat();
    throw new Unsupported(`call ${name}`);
  }
  primary() {
    const t = this.toks[this.p++];
    if (t.t === "str" || t.t === "num") return t.v;
    if (t.t === "p" && t.v === "[") {
      this.expect("]");
      this.expect("string");
      return this.list();
    }
    if (t.t === "id" && t.v === "map") return this.mapValues();
    if (t.t !== "id") throw new Unsupported(`token ${t.v}`);
    if (this.peek()?.v === "(") return this.call(t.v, this.args());
    if (t.v in this.vars) return this.vars[t.v]();
    throw new Unsupported(`variable ${t.v}`);
  }
  expr() {
    let v = this.primary();
    while (this.peek()?.v === "+") {
      this.p++;
      v = v + this.primary();
    }
    return v;
  }
  /** Skips one element of a list (up to the next `,` or `}` at this depth). */
  skipElement() {
    let depth = 0;
    while (depth > 0 || (this.peek().v !== "," && this.peek().v !== "}")) {
      if ("({[".includes(this.peek().v)) depth++;
      if (")}]".includes(this.peek().v)) depth--;
      this.p++;
    }
  }
  /** `{ a, b, ... }`: each element evaluated on its own; one it cannot is undefined. */
  list() {
    this.expect("{");
    const out = [];
    while (this.peek().v !== "}") {
      const start = this.p;
      try {
        const v = this.expr();
        out.push(...(Array.isArray(v) ? v : [v]));
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        out.push(undefined);
        this.p = start;
        this.skipElement();
      }
      if (this.peek().v === ",") this.p++;
    }
    this.p++;
    return out;
  }
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
      if (
        toks[i].t === "id" &&
        toks[i + 1].v === ":=" &&
        !["tps", "fps", "r"].includes(toks[i].v)
      ) {
        const at = i + 2;
        vars[toks[i].v] = () => {
          const ev = new GoEval(toks, vars, rand);
          ev.at(at);
          return ev.expr();
        };
      }
    }
    let samples = [];
    let skipped = 0;
    for (let i = 0; i + 2 < toks.length; i++) {
      if (toks[i].v !== "tps" || (toks[i + 1].v !== ":=" && toks[i + 1].v !== "=")) continue;
      const ev = new GoEval(toks, vars, rand);
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

// Converts a Go RE2 pattern (as gitleaks writes its rules) into a JavaScript RegExp
// source that matches the same text, for V8 without the `u` or `i` flags:
// - inline flags `(?i)`, `(?i:…)`, `(?-i:…)` and `(?s)` are applied here (Node 20 has
//   no inline modifiers): letters become `[aA]`, classes get both cases, `.` `[\s\S]`;
// - `[[:alnum:]]`-style classes, `\z`, `\A` and `(?P<name>` are rewritten;
// - unbounded repeats (`*`, `+`, `{n,}`) are capped, because V8 backtracks where RE2
//   does not: a cap keeps every rule's work bounded on hostile input.

export const REPEAT_CAP = 4096;

const POSIX = {
  alnum: "a-zA-Z0-9",
  alpha: "a-zA-Z",
  digit: "0-9",
  xdigit: "0-9a-fA-F",
  upper: "A-Z",
  lower: "a-z",
  space: "\\s",
  word: "\\w",
  punct: "!-\\/:-@\\[-`{-~",
};

const isLetter = (c) => /^[A-Za-z]$/.test(c);
const other = (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/** Parses `[...]` at `i` (pointing at `[`); returns [jsClass, nextIndex]. */
function convertClass(src, i, ci) {
  let j = i + 1;
  let out = "";
  let negate = "";
  if (src[j] === "^") {
    negate = "^";
    j++;
  }
  const extra = [];
  let first = true;
  while (j < src.length && (src[j] !== "]" || first)) {
    first = false;
    if (src.startsWith("[:", j)) {
      const end = src.indexOf(":]", j + 2);
      const name = src.slice(j + 2, end);
      if (!(name in POSIX)) throw new Error(`unknown POSIX class ${name}`);
      out += POSIX[name];
      j = end + 2;
      continue;
    }
    let atom;
    if (src[j] === "\\") {
      atom = src.slice(j, j + 2);
      if (src[j + 1] === "x") atom = src.slice(j, j + 4);
      j += atom.length;
    } else {
      atom = src[j];
      j++;
    }
    // A range a-z (the `-` not last in the class).
    if (src[j] === "-" && src[j + 1] !== "]" && j + 1 < src.length) {
      let hi = src[j + 1];
      let hiLen = 1;
      if (hi === "\\") {
        hi = src.slice(j + 1, j + 3);
        hiLen = 2;
      }
      out += `${atom === "[" ? "\\[" : atom}-${hi === "[" ? "\\[" : hi}`;
      if (ci && isLetter(atom) && isLetter(hi) && atom <= "Z" === hi <= "Z")
        extra.push(`${other(atom)}-${other(hi)}`);
      j += 1 + hiLen;
      continue;
    }
    out += atom === "[" ? "\\[" : atom;
    if (ci && isLetter(atom)) extra.push(other(atom));
  }
  if (src[j] !== "]") throw new Error("unterminated class");
  // The other case goes first: after a trailing `-` it would read as a range.
  return [`[${negate}${extra.join("")}${out}]`, j + 1];
}

/** Reads a quantifier at `i`; returns [jsQuantifier, nextIndex] or undefined. */
function convertQuantifier(src, i) {
  const c = src[i];
  let q;
  let j = i + 1;
  if (c === "*") q = `{0,${REPEAT_CAP}}`;
  else if (c === "+") q = `{1,${REPEAT_CAP}}`;
  else if (c === "?") q = "?";
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
    if (!m) return undefined;
    j = i + m[0].length;
    const lo = Number(m[1]);
    if (m[2] === undefined) q = `{${lo}}`;
    else if (m[3] === "") q = `{${lo},${Math.max(lo, REPEAT_CAP)}}`;
    else q = `{${lo},${m[3]}}`;
  } else return undefined;
  if (src[j] === "?") {
    q += "?";
    j++;
  }
  return [q, j];
}

/** An opening `(` at `i`: inline flags, named, non-capturing or capturing group. */
function openGroup(src, i, stack) {
  const f = stack[stack.length - 1];
  const inline = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(src.slice(i));
  if (inline) {
    const next = { ...f };
    for (const flag of inline[1]) next[flag] = true;
    for (const flag of inline[2] ?? "") next[flag] = false;
    for (const flag of (inline[1] + (inline[2] ?? "")).replace(/[is]/g, ""))
      throw new Error(`flag ${flag}`);
    if (inline[3] === ")") {
      stack[stack.length - 1] = next; // applies to the rest of the current group
      return ["", i + inline[0].length];
    }
    stack.push(next);
    return ["(?:", i + inline[0].length];
  }
  stack.push({ ...f });
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
  if (named) return [`(?<${named[1]}>`, i + named[0].length];
  if (src.startsWith("(?:", i)) return ["(?:", i + 3];
  if (src[i + 1] === "?") throw new Error(`group ${src.slice(i, i + 4)}`);
  return ["(", i + 1];
}

/** One atom at `i` (not a group opening), converted under the flags `f`. */
function convertAtom(src, i, f) {
  const c = src[i];
  if (c === "[") return convertClass(src, i, f.i);
  if (c === "\\") {
    const e = src[i + 1];
    if (e === "z") return ["(?![\\s\\S])", i + 2];
    if (e === "A") return ["^", i + 2];
    if (e === "x") return [src.slice(i, i + 4), i + 4];
    if (e === "Q" || e === "p" || e === "P") throw new Error(`escape \\${e}`);
    if (f.i && isLetter(e) && !/[bBsSwWdDtnrfv]/.test(e)) throw new Error(`escape \\${e}`);
    return [`\\${e}`, i + 2];
  }
  if (c === ".") return [f.s ? "[\\s\\S]" : ".", i + 1];
  if (f.i && isLetter(c)) return [`[${c}${other(c)}]`, i + 1];
  if (c === "/") return ["\\/", i + 1];
  return [c, i + 1];
}

/**
 * Converts one RE2 pattern. Returns the JS source; throws on constructs it does not
 * know, so a new gitleaks release cannot slip an unconverted rule in silently.
 */
export function re2ToJs(src) {
  let out = "";
  // One frame per open group: the flags inside it.
  const stack = [{ i: false, s: false }];
  let i = 0;
  while (i < src.length) {
    let atom;
    if (src[i] === "(") {
      [atom, i] = openGroup(src, i, stack);
      out += atom;
      continue;
    }
    if (src[i] === "|") {
      out += "|";
      i++;
      continue;
    }
    if (src[i] === ")") {
      stack.pop();
      [atom, i] = [")", i + 1];
    } else {
      [atom, i] = convertAtom(src, i, stack[stack.length - 1]);
    }
    out += atom;
    const q = convertQuantifier(src, i);
    if (q) [out, i] = [out + q[0], q[1]];
  }
  if (stack.length !== 1) throw new Error("unbalanced groups");
  // Check that V8 accepts it.
  new RegExp(out, "gd");
  return out;
}

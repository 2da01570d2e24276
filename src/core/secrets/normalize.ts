// Text as a secret scanner should see it. People (and paste buffers) put look-alike
// and invisible characters in secrets: a fullwidth `＝`, a no-break space after `:`,
// a zero-width space or soft hyphen inside a token. Matching runs on the NFKC form
// with default-ignorable characters removed; each character of that form remembers
// which original characters it came from, so the original span is what gets redacted.

export interface Normalized {
  text: string;
  /** For each UTF-16 unit of `text`: start and end offsets of its source in the original. */
  from: number[];
  to: number[];
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const NEEDS_WORK = /[^\x00-\x7f]/;

/** The normalised form of `text`, or undefined when it is plain ASCII (nothing to do). */
export function normalizeForMatching(text: string): Normalized | undefined {
  if (!NEEDS_WORK.test(text)) return undefined;
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const next = i + ch.length;
    // Per character, so every output unit has one source (a secret is ASCII: composing
    // accents across characters does not matter for matching).
    const n = IGNORABLE.test(ch) ? "" : ch.normalize("NFKC");
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(next);
    }
    out += n;
    i = next;
  }
  return { text: out, from, to };
}

/** The original span of the normalised span [start, end). */
export function originalSpan(
  n: Normalized,
  start: number,
  end: number,
  length: number,
): [number, number] {
  const s = start < n.from.length ? n.from[start]! : length;
  const e = end > 0 ? n.to[end - 1]! : 0;
  return [s, Math.max(s, e)];
}

// Did-you-mean: the command word nearest to what was typed, for typos (edit distance)
// and look-alikes (Unicode confusables, fullwidth forms, invisible characters).
// unhomoglyph's table, without its module: the module builds one regular expression of
// all 6,311 keys when it loads (tens of ms at every start), and the table maps single
// code points only, so a lookup per character gives the same answer.
import confusables from "unhomoglyph/data.json" with { type: "json" };

/**
 * The word as a reader sees it: compatibility forms folded (fullwidth `ｓ` → `s`),
 * invisible format characters and combining marks dropped, then Unicode's confusables
 * table (Cyrillic `ѕ` → `s`), lowercased. Both sides of a comparison go through it.
 */
export function skeleton(word: string): string {
  const folded = word.normalize("NFKD").replace(/[\p{Cf}\p{M}]/gu, "");
  let out = "";
  for (const ch of folded) out += prototypeOf(ch);
  return out.toLowerCase();
}

const table: Readonly<Record<string, string>> = confusables;
function prototypeOf(ch: string): string {
  return Object.hasOwn(table, ch) ? table[ch]! : ch;
}

/** Skeletons of the (few, fixed) candidate words, computed once each. */
const skeletons = new Map<string, string>();
function skeletonOf(candidate: string): string {
  let shape = skeletons.get(candidate);
  if (shape === undefined) skeletons.set(candidate, (shape = skeleton(candidate)));
  return shape;
}

/** Longest word worth comparing: no command word is near this long. */
const MAX_WORD = 40;

/** The candidate nearest to `word` (a likely typo or look-alike), or null. */
export function closestWord(word: string, candidates: readonly string[]): string | null {
  if (word.length > MAX_WORD) return null;
  const typed = word.toLowerCase();
  const shape = skeleton(word);
  const lookalike = candidates.find((c) => skeletonOf(c) === shape);
  if (lookalike !== undefined) return lookalike;
  const limit = typed.length <= 3 ? 1 : 2;
  let best: { word: string; distance: number } | null = null;
  for (const candidate of candidates) {
    // Lengths further apart than the limit can't be within it: skip the table.
    if (Math.abs(candidate.length - typed.length) > limit) continue;
    const distance = editDistance(typed, candidate);
    if (distance <= limit && (best === null || distance < best.distance))
      best = { word: candidate, distance };
  }
  return best?.word ?? null;
}

/** Levenshtein distance where swapping two neighbours counts as one edit (optimal
 * string alignment), on three rolling rows. */
function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

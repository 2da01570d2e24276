// Did-you-mean: the command word nearest to what was typed, for typos (edit distance)
// and look-alikes (Unicode confusables, fullwidth forms, invisible characters).
import unhomoglyph from "unhomoglyph";

/**
 * The word as a reader sees it: compatibility forms folded (fullwidth `ｓ` → `s`),
 * invisible format characters and combining marks dropped, then Unicode's confusables
 * table (Cyrillic `ѕ` → `s`), lowercased. Both sides of a comparison go through it.
 */
export function skeleton(word: string): string {
  const folded = word.normalize("NFKD").replace(/[\p{Cf}\p{M}]/gu, "");
  return unhomoglyph(folded).toLowerCase();
}

/** The candidate nearest to `word` (a likely typo or look-alike), or null. */
export function closestWord(word: string, candidates: readonly string[]): string | null {
  const typed = word.toLowerCase();
  const shape = skeleton(word);
  const lookalike = candidates.find((c) => skeleton(c) === shape);
  if (lookalike !== undefined) return lookalike;
  const limit = typed.length <= 3 ? 1 : 2;
  let best: { word: string; distance: number } | null = null;
  for (const candidate of candidates) {
    // Lengths further apart than the limit can't be within it: skip the table.
    if (Math.abs(candidate.length - typed.length) > limit) continue;
    const distance = editDistance(typed, candidate);
    if (distance <= limit && (best === null || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word ?? null;
}

/** Levenshtein distance where swapping two neighbours counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

// Where `scheme://…` URLs are in text, found in linear time. A regex such as
// /[a-z][a-z0-9+.-]*:\/\/…/ is tried at every start position and, on a long run of word
// characters without `://`, rescans the rest of the run each time: 65 k characters took
// seconds. Here each `://` is found once, its scheme is looked for backwards over its
// own run of scheme characters only, and the body is matched once from after `://`, so
// every character is looked at a bounded number of times.

export interface UrlSpan {
  start: number;
  end: number;
}

export interface UrlShape {
  /** What may follow `://`: a sticky (`y`) regex, matched once at each `://`. */
  body: RegExp;
  /** Whether a URL may start at this index (after the scheme rules hold): e.g. only
   * where a regex `\b` would be. */
  startsAt?: (text: string, index: number) => boolean;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
// RFC 3986 scheme characters: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
const isSchemeChar = (c: number) => isLetter(c) || isDigit(c) || c === 43 || c === 45 || c === 46;

/** A regex `\b` before index `i` of a word: the character before is not a word character. */
export function wordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return !(isLetter(c) || isDigit(c) || c === 95);
}

/** The leftmost start of a scheme ending just before `colon`, not before `from`: the
 * first letter in the run of scheme characters that `startsAt` accepts. */
function schemeStart(text: string, colon: number, from: number, shape: UrlShape): number {
  let run = colon;
  while (run > from && isSchemeChar(text.charCodeAt(run - 1))) run--;
  for (let i = run; i < colon; i++) {
    if (isLetter(text.charCodeAt(i)) && (shape.startsAt?.(text, i) ?? true)) return i;
  }
  return -1;
}

/** The URLs in `text`, left to right, not overlapping: the same spans a leftmost
 * `scheme://body` regex would find, in time linear in the text. */
export function findUrls(text: string, shape: UrlShape): UrlSpan[] {
  const spans: UrlSpan[] = [];
  let from = 0;
  let colon = text.indexOf("://", from);
  while (colon >= 0) {
    const start = schemeStart(text, colon, from, shape);
    let next = colon + 1;
    if (start >= 0) {
      shape.body.lastIndex = colon + 3;
      const body = shape.body.exec(text);
      if (body) {
        const end = colon + 3 + body[0].length;
        spans.push({ start, end });
        from = end;
        next = end;
      }
    }
    colon = text.indexOf("://", next);
  }
  return spans;
}

/** `text` with each URL replaced by what `replace` returns for it, the rest by `rest`. */
export function mapUrls(
  text: string,
  shape: UrlShape,
  rest: (plain: string) => string,
  replace: (url: string) => string,
): string {
  let out = "";
  let from = 0;
  for (const { start, end } of findUrls(text, shape)) {
    out += rest(text.slice(from, start)) + replace(text.slice(start, end));
    from = end;
  }
  return out + rest(text.slice(from));
}

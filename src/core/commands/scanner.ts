// The Markdown line scanner: which lines of a comment are visible text (not code, not
// HTML comments), which of them are command lines, and whether the comment says the
// declare phrase. One regular expression per line, no per-line lookups.

/** A command line: up to 3 spaces, `/`, a letter, then letters and '-', then space or end. */
export const COMMAND_LINE = /^ {0,3}\/([A-Za-z][A-Za-z-]*)(?=\s|$)/;
/** A line whose command word has letters from other scripts, fullwidth forms or invisible
 * characters (`/ѕeverity`, `/severity` + U+200B): maybe a look-alike of a command. */
const LOOKALIKE_LINE = /^ {0,3}\/([\p{L}\p{M}\p{Cf}][\p{L}\p{M}\p{Cf}\p{N}-]*)(?=\s|$)/u;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const INLINE_CODE = /(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?(?<!`)\1(?!`)/g;
const DECLARE_PHRASE = /\bI\s+hereby\s+declare\s+this\s+an\s+incident\b/i;
/** Put where hidden text was, so words on either side never join into the phrase. */
const GAP = " \u0000 ";

export interface ScannedLine {
  /** 1-based. */
  number: number;
  text: string;
  /** Inside (or the fence line of) a fenced code block, or inside an HTML comment. */
  hidden: boolean;
}

/**
 * Marks fenced code blocks (``` or ~~~, opening fence indented at most 3 spaces, closed
 * by the same character at least as many times; an unclosed fence runs to the end) and
 * HTML comments (`<!-- … -->`, which GitHub does not show) as hidden.
 */
export function scan(body: string): ScannedLine[] {
  const out: ScannedLine[] = [];
  let fence: { char: string; length: number } | null = null;
  let inHtmlComment = false;
  body.split(/\r\n|\r|\n/).forEach((text, i) => {
    const number = i + 1;
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      out.push({ number, text, hidden: true });
      return;
    }
    if (inHtmlComment) {
      out.push({ number, text, hidden: true });
      inHtmlComment = opensHtmlComment(text, true);
      return;
    }
    const open = FENCE_OPEN.exec(text);
    // A backtick fence's info string cannot contain backticks (```x``` is inline code).
    if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      out.push({ number, text, hidden: true });
      return;
    }
    out.push({ number, text, hidden: false });
    inHtmlComment = opensHtmlComment(text, false);
  });
  return out;
}

/** Whether an HTML comment is still open at the end of this line. */
function opensHtmlComment(line: string, startsInside: boolean): boolean {
  let inside = startsInside;
  const text = line.replace(INLINE_CODE, GAP);
  let pos = 0;
  for (;;) {
    const next = inside ? text.indexOf("-->", pos) : text.indexOf("<!--", pos);
    if (next < 0) return inside;
    inside = !inside;
    pos = next + (inside ? 4 : 3);
  }
}

/** The command word of a visible command line (`severity` for `/severity p1`), or null. */
export function commandWord(line: ScannedLine): string | null {
  if (line.hidden) return null;
  const m = COMMAND_LINE.exec(line.text);
  return m ? m[1]! : null;
}

/** The word of a visible line that starts like a command but with non-ASCII letters or
 * invisible characters in its name, or null. */
export function lookalikeWord(line: ScannedLine): string | null {
  if (line.hidden || !line.text.includes("/")) return null;
  const m = LOOKALIKE_LINE.exec(line.text);
  // Plain ASCII words are COMMAND_LINE's (or, like `/sev1`, not commands at all).
  return m && /[^\x00-\x7f]/.test(m[1]!) ? m[1]! : null;
}

/** The declare phrase, outside code (fenced and inline), quotes and HTML comments. */
export function saysDeclare(lines: ScannedLine[]): boolean {
  if (!/hereby/i.test(lines.map((l) => l.text).join("\n"))) return false;
  const visible = lines.map((l) => (l.hidden || QUOTE.test(l.text) ? GAP : l.text)).join("\n");
  const text = visible.replace(INLINE_CODE, GAP).replace(/<!--[\s\S]*?(?:-->|$)/g, GAP);
  return DECLARE_PHRASE.test(text);
}

/** Text worth scanning: some line starts with `/` and a letter, or `hereby` appears. */
export function mayHaveCommands(body: string): boolean {
  return /(?:^|[\r\n]) {0,3}\/[\p{L}\p{M}\p{Cf}]/u.test(body) || /hereby/i.test(body);
}

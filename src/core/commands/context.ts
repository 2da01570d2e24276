// What a command line is read against, and the shape of an argument parser.
import type { Config } from "../../config.js";
import { truncate } from "../escape.js";
import type { Command } from "../types.js";

export interface ParseContext {
  config: Config;
  /** Login of the comment author (what `me` means). */
  author: string;
  /** ISO time the comment was created: `HH:MM` times are read relative to it. */
  postedAt: string;
}

/** A parsed command, or an error sentence. */
export type ArgParser = (args: string, ctx: ParseContext) => Command | string;

/** User text quoted in an error: short, so a reply quoting it stays small. */
export function quoted(text: string): string {
  return `"${truncate(text, 60)}"`;
}

/** First whitespace-separated word and the rest (both trimmed; "" when absent). */
export function firstWord(text: string): [string, string] {
  const m = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return m ? [m[1]!, m[2]!.trim()] : ["", ""];
}

/** `identified:` or `@alice,` → without the trailing punctuation. */
export function trimPunctuation(word: string): string {
  return word.replace(/[.,;:!?]+$/, "");
}

/** `- rolled back` or `: rolled back` after a time or status → `rolled back`. */
export function stripSeparator(text: string): string {
  return text.replace(/^[-–—:|]+(?:\s+|$)/, "").trim();
}

/** Words left after a command that takes none: an error naming them, or null. */
export function junkAfter(rest: string, what: string): string | null {
  return rest === "" ? null : `unexpected ${quoted(rest)} after ${what}`;
}

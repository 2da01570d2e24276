// How much a postmortem template may make. A list section inside another list section
// renders the inner list once for every item of the outer one, and a few such levels
// turn a hundred bytes into hundreds of megabytes (and seconds of a blocked process).
// So list sections may sit side by side but never one inside another, and a template's
// output is estimated from the view before anything is rendered: over GitHub's limit, it
// is not rendered at all. The tree is mustache's own (Mustache.parse).
import Mustache from "mustache";
import { VIEW_ITEM_KEYS } from "./view.js";

/** The most a rendered postmortem may hold: GitHub shows and serves a file's contents
 * through the web editor and the contents API up to 1 MB. */
export const MAX_POSTMORTEM_CHARS = 1_000_000;

type Token = [string, string, number, number, Token[]?, number?];

const LISTS: ReadonlySet<string> = new Set(Object.keys(VIEW_ITEM_KEYS));

/** 1-based line of a character offset. */
const lineAt = (template: string, offset: number): number =>
  template.slice(0, offset).split("\n").length;

/** Every list section inside another list section, named with its line. */
export function nestedListSections(
  template: string,
  tokens: Token[],
  outer: Token | null = null,
): string[] {
  const problems: string[] = [];
  for (const token of tokens) {
    const [kind, name, start] = token;
    if (kind !== "#" && kind !== "^") continue;
    const repeats = kind === "#" && LISTS.has(name);
    if (repeats && outer) {
      problems.push(
        `line ${lineAt(template, start)}: \`{{#${name}}}\` is inside \`{{#${outer[1]}}}\` ` +
          `(line ${lineAt(template, outer[2])}): both repeat over a list, so each would multiply ` +
          "the other; put list sections side by side, not one inside another",
      );
    }
    problems.push(...nestedListSections(template, token[4] ?? [], repeats ? token : outer));
  }
  return problems;
}

/** Longest text a value can put in the output (lists: their longest item's fields). */
function size(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (typeof value === "number" || typeof value === "boolean") return String(value).length;
  return 0;
}

/** `a.b` as mustache reads it from the top of the view. */
function lookup(view: Record<string, unknown>, name: string): unknown {
  let value: unknown = view;
  for (const part of name.split(".")) {
    value =
      typeof value === "object" && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value;
}

/** An upper estimate of the rendered length, without rendering: each list section counts
 * its items times its body, with each item field at the longest that list holds. */
function estimate(
  tokens: Token[],
  view: Record<string, unknown>,
  fields: Map<string, number>,
): number {
  let total = 0;
  for (const token of tokens) {
    const [kind, name] = token;
    if (kind === "text") total += name.length;
    else if (kind === "name" || kind === "&") total += fields.get(name) ?? size(lookup(view, name));
    else if (kind === "#" || kind === "^") {
      const value = view[name];
      const inner = token[4] ?? [];
      if (kind === "#" && Array.isArray(value)) {
        const longest = new Map(fields);
        for (const item of value as Record<string, unknown>[]) {
          for (const [key, v] of Object.entries(item ?? {})) {
            longest.set(key, Math.max(longest.get(key) ?? 0, size(v)));
          }
        }
        total += value.length * estimate(inner, view, longest);
      } else total += estimate(inner, view, fields);
    }
    if (total > MAX_POSTMORTEM_CHARS) return total;
  }
  return total;
}

/** What can be said of a template without an incident: mustache can't parse it (its
 * message names the position), or list sections nest (each named with its line). */
export function templateStructure(template: string): string[] {
  try {
    return nestedListSections(template, Mustache.parse(template) as Token[]);
  } catch (error) {
    return [`mustache cannot parse it: ${(error as Error).message}`];
  }
}

/** Why this template may not be rendered with this view: nesting, or output over the limit. */
export function templateBounds(template: string, view: Record<string, unknown>): string[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as Token[];
  } catch {
    return []; // checkTemplate names a template mustache can't parse.
  }
  const nested = nestedListSections(template, tokens);
  if (nested.length > 0) return nested;
  const chars = estimate(tokens, view, new Map());
  if (chars <= MAX_POSTMORTEM_CHARS) return [];
  const limit = MAX_POSTMORTEM_CHARS.toLocaleString("en-US");
  return [`it would render more than ${limit} characters, GitHub's limit for a file hereby writes`];
}

// Rendering a postmortem template. The template text comes from the caller (the
// built-in one, or the repository's `.github/hereby/postmortem.md`): the core never reads
// files. A template that mustache can't parse, or that names a variable the view doesn't
// have (a typo renders as nothing, silently), is refused with the problem named.
import Mustache from "mustache";
import { VIEW_ITEM_KEYS } from "./view.js";

export type TemplateCheck = { ok: true } | { ok: false; problems: string[] };

type Token = [string, string, number, number, Token[]?, number?];

function unknownNames(tokens: Token[], known: ReadonlySet<string>, problems: Set<string>): void {
  for (const token of tokens) {
    const [kind, name] = token;
    if (kind === "text" || kind === "!" || kind === "=" || kind === ">") continue;
    const root = name.split(".")[0] ?? name;
    if (name !== "." && !known.has(root))
      problems.add(`\`{{${kind === "name" ? "" : kind}${name}}}\` is not a postmortem variable`);
    const inner = token[4];
    if (inner) {
      const itemKeys = VIEW_ITEM_KEYS[name] ?? [];
      unknownNames(inner, new Set([...known, ...itemKeys]), problems);
    }
  }
}

/** Whether a template parses and uses only variables the view has. */
export function checkTemplate(template: string, view: Record<string, unknown>): TemplateCheck {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as Token[];
  } catch (error) {
    return { ok: false, problems: [`mustache cannot parse it: ${(error as Error).message}`] };
  }
  const problems = new Set<string>();
  unknownNames(tokens, new Set(Object.keys(view)), problems);
  return problems.size === 0 ? { ok: true } : { ok: false, problems: [...problems] };
}

/** The rendered file: values go in as they are (the view holds escaped Markdown). */
export function renderPostmortem(template: string, view: Record<string, unknown>): string {
  const text = Mustache.render(template, view, {}, { escape: (value: unknown) => String(value) });
  return `${text.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

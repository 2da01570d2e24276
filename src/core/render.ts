// Mustache rendering for the core's templates. The core never reads them: the text comes
// from its caller (src/templates.ts loads `templates/` for the handlers).
import Mustache from "mustache";

/** Renders a template. Values are inserted raw ({{x}} does no HTML escaping): callers
 * pass text already escaped for Markdown by core/escape.ts. */
export function renderRaw(template: string, view: object): string {
  return Mustache.render(template, view, {}, { escape: (value: unknown) => String(value) });
}

// Incidents for the postmortem tests, reduced from issue snapshots like the handlers do,
// and the real Mermaid parser (mermaid's own `parse`, under a happy-dom window, which its
// DOMPurify needs even to parse).
import { Window } from "happy-dom";
import { defaultConfig } from "../../src/config.js";
import { reduceIncident } from "../../src/core/reducer.js";
import type { Incident } from "../../src/core/types.js";
import { at, comment, snapshot } from "../support/builders.js";

/** An incident declared by alice at 14:00, with these command comments (author, body). */
export function incidentOf(commands: [string, string][], minuteStep = 1): Incident {
  const comments = commands.map(([author, body], i) => comment(author, body, (i + 1) * minuteStep));
  return reduceIncident(snapshot({ comments }), defaultConfig, { self: "hereby[bot]" });
}

let mermaidParse: ((text: string) => Promise<unknown>) | undefined;

/** Mermaid's parser, as GitHub's renderer runs it: throws on a diagram it can't draw. */
export async function parseMermaid(text: string): Promise<unknown> {
  if (!mermaidParse) {
    (globalThis as { window?: unknown }).window ??= new Window();
    const { default: mermaid } = await import("mermaid");
    mermaidParse = (t) => mermaid.parse(t);
  }
  return mermaidParse(text);
}

export { at };

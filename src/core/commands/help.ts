// The `/help` reply, rendered from the registry and the config.
import type { Config } from "../../config.js";
import { escapeText } from "../escape.js";
import { renderRaw } from "../render.js";
import { ACTIVE_STATUSES } from "../types.js";
import { COMMANDS } from "./registry.js";

/** Text for a Markdown table cell: one line, `|` escaped (also inside code spans, per GFM). */
function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/\|/g, "\\|");
}

/** One line of list text from config. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** The `/help` reply from `template` (templates/help.md): every command, the severity
 * levels and the roles. */
export function renderHelp(config: Config, template: string): string {
  const defaultSeverity = config.default_severity.toLowerCase();
  return renderRaw(template, {
    commands: COMMANDS.map((c) => ({
      usage: cell(c.usage),
      summary: cell(c.summary),
      aliases: c.aliases.map((a) => `\`/${a}\``).join(", "),
    })),
    severities: config.severities.map((s) => ({
      name: s.name,
      aliases: s.aliases.map((a) => `\`${a}\``).join(", "),
      // Config text reaches a comment: escaped like anything else (no markers, no pings).
      description: escapeText(oneLine(s.description)),
      isDefault: s.name === defaultSeverity,
    })),
    roles: config.roles.map((r) => ({
      name: r.name,
      title: escapeText(oneLine(r.title)),
      description: escapeText(oneLine(r.description)),
    })),
    hasRoles: config.roles.length > 0,
    statuses: ACTIVE_STATUSES.map((s) => `\`${s}\``).join(", "),
    timezone: config.timezone,
  });
}

// The command line of an incident: the parser, the registry and /help. The parts live in
// ./commands/ (scanner, registry, argument parsers, timeline times, suggestions, help);
// this module is the one other modules import.
export type { ParseContext } from "./commands/context.js";
export { resolveSeverity } from "./commands/arguments.js";
export { renderHelp } from "./commands/help.js";
export { hasCommandSyntax, parseComment } from "./commands/parse.js";
export { COMMANDS, usageOf } from "./commands/registry.js";
export { instantOf } from "./commands/timeline-time.js";

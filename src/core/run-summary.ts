// The job summary an Action run leaves on the workflow run's page: what it read, what it
// decided, what it wrote. Everything in it is redacted and escaped like any text hereby
// writes: write descriptions quote comment text, and errors quote GitHub's messages.
import { escapeInline, truncate } from "./escape.js";
import { redactSecrets } from "./redact.js";

export interface RunReport {
  /** `issue_comment.created`, `schedule`, … */
  trigger: string;
  issue: number | null;
  dryRun: boolean;
  /** Requests that read, as `GET /repos/{owner}/{repo}/…` (routes, not URLs). */
  reads: string[];
  /** Why the run did what it did (the handler's notes). */
  notes: string[];
  /** One line per write made (or, in a dry run, planned). */
  writes: string[];
  outputs: Record<string, string>;
  /** A table the run made (the review sweep's), shown as it is: escaped where it was made. */
  table?: string;
  error?: string;
}

const MAX_LINE = 200;

/** Redacted, one line, at most MAX_LINE characters, safe inside a Markdown list item. */
function line(text: string): string {
  return escapeInline(truncate(redactSecrets(text.replace(/\s+/g, " ").trim()).text, MAX_LINE));
}

/** Names and routes as code: redacted, one line, no backtick to end the span early. */
function code(text: string): string {
  const line = redactSecrets(text.replace(/\s+/g, " ").trim()).text;
  return `\`${truncate(line, MAX_LINE).replace(/`/g, "'")}\``;
}

/** `3× GET /x, GET /y`: each route once, with how often it was asked. */
function counted(routes: string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of routes) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([route, n]) => `${n > 1 ? `${n}× ` : ""}${code(route)}`);
}

export function renderRunSummary(report: RunReport): string {
  const on = report.issue !== null ? ` on #${report.issue}` : "";
  const out: string[] = [
    `### hereby: ${code(report.trigger)}${on}${report.dryRun ? " (dry run)" : ""}`,
    "",
  ];
  out.push(`**Read** ${report.reads.length} ${report.reads.length === 1 ? "request" : "requests"}`);
  out.push(...counted(report.reads).map((r) => `- ${r}`), "");
  out.push("**Decided**");
  out.push(
    ...(report.notes.length > 0 ? report.notes.map((n) => `- ${line(n)}`) : ["- nothing to note"]),
    "",
  );
  if (report.table) out.push(report.table, "");
  const verb = report.dryRun ? "Would write (dry run: nothing written)" : "Wrote";
  out.push(
    `**${verb}** ${report.writes.length} ${report.writes.length === 1 ? "write" : "writes"}`,
  );
  out.push(...report.writes.map((w) => `- ${line(w)}`));
  const outputs = Object.entries(report.outputs).filter(([, v]) => v !== "");
  if (outputs.length > 0)
    out.push("", `**Outputs** ${outputs.map(([k, v]) => `${code(k)}=${code(v)}`).join(", ")}`);
  if (report.error) out.push("", `**Failed:** ${line(report.error)}`);
  return `${out.join("\n")}\n`;
}

// The one place log lines are made safe: every shell (App, Action, CLI) hands the
// handlers a logger wrapped here, and prints its own lines through it. Logs are
// public on public repositories and outlive a deleted comment, so a secret a person
// pasted must not reach them any more than the record.
import { redactSecrets } from "./core/redact.js";
import type { Logger } from "./github/executor.js";

/** `message` with every secret replaced by `[redacted <kind>]`. */
export const redactLine = (message: string): string => redactSecrets(message).text;

export function redactingLogger(inner: Logger): Logger {
  return {
    info: (message) => inner.info(redactLine(message)),
    warn: (message) => inner.warn(redactLine(message)),
  };
}

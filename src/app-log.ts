// The App's log, made safe where every line passes: Probot's own lines too. Probot logs a
// delivery whose signature fails with the whole payload, and a failed GitHub request
// with the body hereby sent; at debug it logs every payload it receives. Each line pino
// writes is parsed here and rewritten before it is printed (or sent to Sentry): what
// holds people's words (payloads, bodies, titles, comments) is left out, long strings
// are cut, and every string left has its secrets redacted.
import { Transform, type TransformCallback } from "node:stream";
import { getTransformStream } from "@probot/pino";
import { pino, type Logger } from "pino";
import { redactLine } from "./log.js";

// Keys whose values are people's words or hereby's bodies built from them.
const OMITTED = new Set([
  "payload",
  "body",
  "data",
  "content",
  "title",
  "text",
  "description",
  "notes",
  "headers",
  "signature",
  "authorization",
  "cookie",
  "privatekey",
  "private_key",
  "secret",
  "token",
  "client_secret",
]);
// An error's request and response: where it went and how it ended, not what it carried.
const KEPT_OF: Record<string, ReadonlySet<string>> = {
  request: new Set(["method", "url"]),
  response: new Set(["status", "url"]),
  // A webhook event: which delivery, not its payload.
  event: new Set(["id", "name"]),
};
const MAX_STRING = 300;
const MAX_STACK_LINES = 8;
const MAX_DEPTH = 8;

function safeString(key: string, value: string): string {
  if (key === "stack") {
    // The frames say where, the first line repeats the message: both kept, briefly.
    const lines = value.split("\n");
    const kept = lines.slice(0, MAX_STACK_LINES).map(redactLine);
    if (lines.length > MAX_STACK_LINES) kept.push(`    … ${lines.length - MAX_STACK_LINES} more`);
    return kept.join("\n");
  }
  const redacted = redactLine(value);
  if (redacted.length <= MAX_STRING) return redacted;
  return `${redacted.slice(0, MAX_STRING)}… [${redacted.length} chars]`;
}

/** A log record with nothing a person wrote and no secret left in it. */
export function safeLogRecord(value: unknown, key = "", depth = 0): unknown {
  if (typeof value === "string") return safeString(key, value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[nested]";
  if (Array.isArray(value)) return value.map((v) => safeLogRecord(v, key, depth + 1));
  const keep = KEPT_OF[key];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (keep && !keep.has(k)) continue;
    out[k] = OMITTED.has(k.toLowerCase()) ? "[omitted]" : safeLogRecord(v, k, depth + 1);
  }
  return out;
}

/** Rewrites pino's JSON lines; a line that is not JSON is redacted and cut like a string. */
export function safeLogLine(line: string): string {
  try {
    return JSON.stringify(safeLogRecord(JSON.parse(line)));
  } catch {
    return JSON.stringify({ level: 50, msg: safeString("msg", line) });
  }
}

class SafeLines extends Transform {
  private rest = "";
  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    const lines = (this.rest + chunk.toString()).split("\n");
    this.rest = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") this.push(`${safeLogLine(line)}\n`);
    done();
  }
  override _flush(done: TransformCallback): void {
    if (this.rest.trim() !== "") this.push(`${safeLogLine(this.rest)}\n`);
    done();
  }
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

/** Probot's logger (its LOG_* settings, its pretty or JSON output, Sentry), behind SafeLines. */
export async function appLogger(env: NodeJS.ProcessEnv = process.env): Promise<Logger> {
  const level = LEVELS.includes(env["LOG_LEVEL"] ?? "") ? env["LOG_LEVEL"]! : "info";
  const format = env["LOG_FORMAT"];
  const logFormat = format === "json" || format === "pretty" ? format : undefined;
  const output = await getTransformStream({
    logFormat,
    logLevelInString: env["LOG_LEVEL_IN_STRING"] === "true",
    sentryDsn: env["SENTRY_DSN"],
  });
  // SonicBoom is a writable stream in all but its type.
  output.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  const safe = new SafeLines();
  safe.pipe(output);
  return pino({ level, name: "probot", messageKey: env["LOG_MESSAGE_KEY"] || "msg" }, safe);
}

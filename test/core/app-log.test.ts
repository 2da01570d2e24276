// The App's log lines as pino writes them, rewritten before they are printed: Probot's
// dumps of a refused delivery or a failed request keep what tells an operator what
// happened (delivery id, status, URL, the error and where) and lose what people wrote.
import { describe, expect, it } from "vitest";
import { safeLogLine, safeLogRecord } from "../../src/app-log.js";

const TOKEN = ["ghp", "_", "Q7fz2LkP9wXr4TbN8sVd3HmJ6cYe1GuA0oZi"].join("");

describe("App log lines", () => {
  it("keeps a delivery's id and name and drops its payload, at any depth", () => {
    const payload = `{"comment":{"body":"hi ${TOKEN}"}}`;
    const event = { id: "d-1", name: "issue_comment", payload, signature: "sha256=ab" };
    const err = { type: "AggregateError", aggregateErrors: [{ event, status: 400 }], event };
    const line = safeLogLine(JSON.stringify({ level: 50, err }));
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain("hi ");
    const logged = JSON.parse(line) as { err: { aggregateErrors: unknown[] } };
    expect(logged.err.aggregateErrors[0]).toEqual({
      event: { id: "d-1", name: "issue_comment" },
      status: 400,
    });
  });

  it("keeps a failed request's method, URL and status, not the body sent or the answer", () => {
    const url = "http://x/repos/a/b/issues/1";
    const headers = { authorization: `token ${TOKEN}` };
    const err = {
      status: 422,
      request: { method: "PATCH", url, headers, body: { body: "the quokka" } },
      response: { status: 422, url, data: { message: "the quokka" } },
    };
    expect(safeLogRecord({ err })).toEqual({
      err: { status: 422, request: { method: "PATCH", url }, response: { status: 422, url } },
    });
  });

  it("redacts secrets in messages, cuts long strings and long stacks", () => {
    const frames = Array.from({ length: 40 }, (_, i) => `    at f${i} (file.js:${i}:1)`);
    const stack = ["Error: boom", ...frames].join("\n");
    const record = { msg: `token ${TOKEN}`, long: "x".repeat(5000), err: { stack } };
    const r = safeLogRecord(record) as { msg: string; long: string; err: { stack: string } };
    expect(r["msg"]).not.toContain(TOKEN);
    expect(r["long"].length).toBeLessThan(400);
    expect(r["err"].stack.split("\n")).toHaveLength(9);
  });

  it("prints a line that is not JSON redacted, as a log record", () => {
    const line = JSON.parse(safeLogLine(`oops ${TOKEN}`)) as { msg: string };
    expect(line.msg).toContain("oops");
    expect(line.msg).not.toContain(TOKEN);
  });
});

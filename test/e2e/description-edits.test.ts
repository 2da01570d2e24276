// A person saves the description while hereby handles a command: after hereby read the
// issue, before its PATCH. The REST API has no conditional update, so the PATCH would
// drop their edit. The App notices from its own `issues.edited` webhook and puts their
// text back; the Action re-reads the description just before writing.
import { afterEach, describe, expect, it } from "vitest";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import type { Playground } from "../../packages/simulator/src/demo/playground.js";
import { handleEvent } from "../../src/handlers/index.js";
import { playground } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  if (pg) {
    expect(pg.sim.violations, "requests GitHub would reject").toEqual([]);
    await pg.close();
    pg = undefined;
  }
});

const BEFORE = "Customers can't pay.";
const AFTER =
  "Customers can't pay.\r\n\r\nRoot cause: the payment gateway's TLS certificate expired at 13:58.";

/** alice saves her edit right after hereby's next read of the issue (once). */
function aliceEditsDuringNextRead(p: Playground, n: number): () => boolean {
  let done = false;
  p.bot.hook.after("request", async (_response, options) => {
    if (
      done ||
      options.method !== "GET" ||
      options.url !== "/repos/{owner}/{repo}/issues/{issue_number}"
    )
      return;
    done = true;
    const body = p.sim.issue(n).body ?? "";
    await p
      .as("alice")
      .rest.issues.update({ ...p.repo, issue_number: n, body: body.replace(BEFORE, AFTER) });
  });
  return () => done;
}

const usersPart = (body: string | null | undefined): string =>
  (body ?? "").slice(0, (body ?? "").indexOf("<!-- hereby:start -->")).trimEnd();

describe("a description edit saved while hereby writes the record", () => {
  it("the App puts back a description edit its write overwrote", async () => {
    pg = await playground();
    const p = pg;
    const n = await p.openIssue("alice", "Checkout down", BEFORE, ["incident"]);
    await p.settle();
    p.advance(2);
    await p.comment("bob", n, "/timeline rolled back the deploy");
    const edited = aliceEditsDuringNextRead(p, n);
    await p.settle();

    expect(edited()).toBe(true);
    const body = p.sim.issue(n).body;
    expect(usersPart(body)).toBe(AFTER);
    expect(body).toContain("rolled back the deploy");
    // Later writes keep her text (and settle() proved no write answered another forever).
    p.advance(2);
    await p.comment("bob", n, "/severity critical");
    await p.settle();
    expect(usersPart(p.sim.issue(n).body)).toBe(AFTER);
    expect(p.sim.issue(n).body).toContain("Severity set to critical");
  });

  it("the Action re-reads the description just before writing and keeps the edit", async () => {
    pg = await playground();
    const p = pg;
    // As the Action runs with GITHUB_TOKEN: its own writes start no workflow, and its login is unknown.
    const runAction = async () => {
      for (const d of p.sim.takeDeliveries()) {
        await handleEvent(d as EmitterWebhookEvent, {
          octokit: p.bot,
          repo: p.repo,
          clock: () => p.clock(),
          log: { info: () => {}, warn: () => {} },
          self: null,
          rereadBeforeWrite: true,
        });
      }
    };
    const n = await p.openIssue("alice", "Checkout down", BEFORE, ["incident"]);
    await runAction();
    p.advance(2);
    await p.comment("bob", n, "/timeline rolled back the deploy");
    const edited = aliceEditsDuringNextRead(p, n);
    await runAction();

    expect(edited()).toBe(true);
    expect(usersPart(p.sim.issue(n).body)).toBe(AFTER);
    expect(p.sim.issue(n).body).toContain("rolled back the deploy");
  });
});

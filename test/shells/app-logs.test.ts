// The App's own output as an operator sees it: `npm start` at the most verbose level,
// fed deliveries whose comments carry secrets and people's words, signed right and
// signed wrong, plus a GitHub request that fails with hereby's body in it. Logs are
// kept and shipped elsewhere; nothing a person wrote, and no secret, may be in them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../packages/simulator/src/index.js";
import { recordRows } from "../support/simulated.js";
import { deliverTo, githubEnv, startAppProcess, stopAppProcess } from "./app-process.js";
import type { AppProcess } from "./app-process.js";
import { comment, labelsOf, openIncident, ROOT, simulator } from "./support.js";
import { takeDelivery, waitFor } from "./support.js";

// Built at run time so this file holds no literal a secret scanner would flag.
const GITHUB_TOKEN = ["ghp", "_", "Q7fz2LkP9wXr4TbN8sVd3HmJ6cYe1GuA0oZi"].join("");
const AWS_KEY = ["AKIA", "Z3QX7RMN4TLW2PJD"].join("");
const PASSWORD = "Tr0ub4dor-and-3-horses";
// People's words: none of them may be printed, even with the secrets taken out.
const WORDS = ["quokka", "payroll", "marmalade", "zeppelin"];

const secretComment = (n: number): string =>
  `/timeline 14:0${n} the ${WORDS[0]} ate the ${WORDS[1]}; token ${GITHUB_TOKEN}\n` +
  `aws ${AWS_KEY} password=${PASSWORD} ${WORDS[2]} ${WORDS[3]}`;

describe("the App's own log output (npm start)", () => {
  let sim: Simulator;
  let app: AppProcess | undefined;
  let output = "";
  let failed: { status: number; text: string } | undefined;

  beforeAll(async () => {
    ({ sim } = await simulator());
    app = await startAppProcess(["npm", "start"], ROOT, { ...githubEnv(sim), LOG_LEVEL: "trace" });
    const hooks = `${app.base}/api/github/webhooks`;
    const n = await openIncident(sim, "alice");
    expect((await deliverTo(hooks, takeDelivery(sim, "issues.labeled"))).status).toBe(200);
    const declared = () => labelsOf(sim, n).includes("status:investigating");
    await waitFor("declared", () => (declared() ? true : undefined));

    // A comment with secrets: first signed with the wrong secret (refused), then right.
    await comment(sim, "alice", n, secretComment(1));
    const first = takeDelivery(sim, "issue_comment.created");
    expect([400, 401]).toContain((await deliverTo(hooks, first, "not-the-secret")).status);
    expect((await deliverTo(hooks, first)).status).toBe(200);
    const entry = () => recordRows(sim.issue(n).body).find((r) => r.includes("14:01"));
    await waitFor("the entry", entry);

    // GitHub refuses hereby's write, which carries the entry: the error has the body.
    const patch = { method: "PATCH", path: /^\/repos\/acme\/shop\/issues\/\d+$/ };
    sim.failNext(patch, { status: 422, applyFirst: false });
    await comment(sim, "bob", n, secretComment(2));
    failed = await deliverTo(hooks, takeDelivery(sim, "issue_comment.created"));
    // Every delivery answered is logged last (Probot's HTTP line): then the output is whole.
    const answered = () =>
      app!.service.stdout.match(/POST \/api\/github\/webhooks \d{3}/g)?.length ?? 0;
    await waitFor("the last delivery's log lines", () => (answered() >= 4 ? true : undefined));
    await stopAppProcess(app);
    output = app.service.stdout + app.service.stderr;
    app = undefined;
  }, 60_000);

  afterAll(async () => {
    await stopAppProcess(app);
    await sim?.close();
  }, 10_000);

  it("logs the refused delivery and the failed request (so the checks below see them)", () => {
    expect(failed?.status).toBe(422);
    expect(output).toMatch(/signature does not match/);
    expect(output).toMatch(/Unprocessable Entity/);
  });

  it("prints no secret from a comment, signed right or wrong, nor from a failed request's body", () => {
    for (const secret of [GITHUB_TOKEN, AWS_KEY, PASSWORD]) expect(output).not.toContain(secret);
  });

  it("prints none of the words people wrote", () => {
    for (const word of WORDS) expect(output).not.toContain(word);
  });
});

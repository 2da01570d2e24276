// One App process serves every installation. A repository whose config tries to write
// through Object.prototype (`__proto__:` in .github/hereby.yml) is told which key is
// refused, and nothing it wrote reaches any other installation: the other one declares
// before and after, and the poisoned one works again once its file is fixed.
//
// Two installations on two simulated GitHubs behind one host: a loopback router sends
// each installation's token requests and each owner's repository requests to its own
// simulator, so one `npm start` (GHE_HOST = the router) talks to both as GitHub would.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { allLabelSpecs } from "../../src/core/labels.js";
import {
  startSimulator,
  type Delivery,
  type Simulator,
} from "../../packages/simulator/src/index.js";
import {
  deliverTo,
  githubEnv,
  startAppProcess,
  stopAppProcess,
  type AppProcess,
} from "./app-process.js";
import {
  act,
  botComments,
  labelsOf,
  openIncident,
  PEOPLE,
  ROOT,
  START,
  takeDelivery,
  waitFor,
} from "./support.js";

const POISONED =
  "timezone: UTC\n__proto__:\n  dryRun: true\n  timezone: attacker text shown on other repositories\n";

/** Routes by installation (`/app/installations/2/…`) and by owner (`/repos/evil/…`). */
async function router(
  home: Simulator,
  other: Simulator,
  otherOwner: string,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const toOther =
      /\/app\/installations\/2\//.test(path) || new RegExp(`/repos/${otherOwner}/`).test(path);
    const target = new URL(path, toOther ? other.url : home.url);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const sent = Object.entries(req.headers).filter(
        ([k]) => k !== "host" && k !== "content-length",
      );
      const headers = Object.fromEntries(sent) as Record<string, string>;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(target, { method: req.method ?? "GET", headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          const out = Buffer.from(await answer.arrayBuffer());
          const dropped = ["content-encoding", "content-length", "transfer-encoding"];
          const kept = [...answer.headers].filter(([k]) => !dropped.includes(k));
          res.writeHead(answer.status, Object.fromEntries(kept));
          res.end(out);
        })
        .catch((error: unknown) => res.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("router has no port");
  return { server, url: `http://127.0.0.1:${address.port}` };
}

async function tenant(owner: string, config: string, installations: number): Promise<Simulator> {
  const sim = await startSimulator({ clock: () => START, owner, installations });
  for (const [login, role] of Object.entries(PEOPLE)) sim.setPermission(login, role);
  sim.seedFile(".github/hereby.yml", config);
  for (const label of allLabelSpecs(defaultConfig))
    await act(sim, "alice", "POST", `/repos/${owner}/shop/labels`, label);
  return sim;
}

describe("two installations in one App process (npm start), one with a poisoned config", () => {
  let acme: Simulator;
  let evil: Simulator;
  let route: { server: Server; url: string };
  let app: AppProcess | undefined;

  beforeAll(async () => {
    acme = await tenant("acme", "timezone: UTC\n", 1);
    // Its deliveries name installation 2, as the second installation's would.
    evil = await tenant("evil", POISONED, 2);
    route = await router(acme, evil, "evil");
    app = await startAppProcess(["npm", "start"], ROOT, githubEnv({ url: route.url } as Simulator));
  }, 30_000);

  afterAll(async () => {
    await stopAppProcess(app);
    await new Promise((resolve) => route?.server.close(resolve));
    await acme?.close();
    await evil?.close();
  }, 10_000);

  const deliver = (delivery: Delivery, installation = 1) => {
    const payload = {
      ...delivery.payload,
      installation: { ...delivery.payload.installation, id: installation },
    };
    return deliverTo(`${app!.base}/api/github/webhooks`, { ...delivery, payload });
  };

  async function declares(sim: Simulator, installation: number): Promise<number> {
    const n = await openIncident(sim, "alice");
    const res = await deliver(takeDelivery(sim, "issues.labeled"), installation);
    expect(res.status, res.text).toBe(200);
    const isDeclared = () => (labelsOf(sim, n).includes("status:investigating") ? true : undefined);
    await waitFor(`#${n} to be declared`, isDeclared, 10_000, () => app!.service.output());
    expect(labelsOf(sim, n)).toEqual(["incident", "severity:major", "status:investigating"]);
    expect(botComments(sim, n).join("\n")).not.toContain("attacker text");
    return n;
  }

  it("declares on the other installation before and after, names the refused key, and declares once the file is fixed", async () => {
    await declares(acme, 1);

    const n = await openIncident(evil, "alice");
    expect((await deliver(takeDelivery(evil, "issues.labeled"), 2)).status).toBe(200);
    const replied = () => botComments(evil, n)[0];
    const reply = await waitFor("the invalid-config reply", replied, 10_000, () =>
      app!.service.output(),
    );
    expect(reply).toContain("`__proto__`");
    expect(reply).not.toContain("attacker text");
    expect(labelsOf(evil, n)).toEqual(["incident"]);

    await declares(acme, 1);

    evil.seedFile(".github/hereby.yml", "timezone: UTC\n");
    await declares(evil, 2);
    expect(acme.violations).toEqual([]);
    expect(evil.violations).toEqual([]);
  }, 60_000);
});

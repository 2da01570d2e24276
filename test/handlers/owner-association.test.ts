// The delivery says who the comment's author is to the repository: its owner (a user, or
// an organisation's owner) is an admin of it, so hereby asks GitHub for nothing more.
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { PEOPLE, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

const permissionReads = (p: Playground, from: number, login = "") =>
  p.sim.requests.slice(from).filter((r) => r.path.endsWith(`${login}/permission`)).length;

describe("the comment author's association in the delivery", () => {
  it("takes OWNER as admin without reading the permission, and reads it for a collaborator", async () => {
    pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE } });
    const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await pg.settle();
    await pg.comment("alice", n, "/timeline owner step");
    const [owned] = pg.sim.takeDeliveries();
    (
      owned!.payload as unknown as { comment: { author_association: string } }
    ).comment.author_association = "OWNER";
    let from = pg.sim.requests.length;
    await pg.handle(owned!);
    expect(permissionReads(pg, from)).toBe(0);
    expect(recordRows(pg.sim.issue(n).body ?? "").some((r) => r.includes("owner step"))).toBe(true);

    await pg.comment("bob", n, "/timeline collaborator step");
    from = pg.sim.requests.length;
    await pg.settle();
    expect(permissionReads(pg, from, "bob")).toBe(1);
  });
});

// Many people commanding one incident at once, with the runs sharing write slots as the
// App's do (src/github/write-slot.ts): one writer of the record at a time, each reaction
// given once whichever run gives it. The order in which the runs get the slot and claim
// reactions is left to fast-check's scheduler, so each case is one reproducible
// interleaving (the simulator answers over loopback, with no timers).
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Playground } from "../../packages/simulator/src/demo/playground.js";
import { memorySlots, type WriteSlots } from "../../src/github/write-slot.js";
import { BOT, PEOPLE, recordRows } from "../support/simulated.js";

let pg: Playground | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

/** A burst of `/timeline` comments on a fresh incident, every run started at once. */
async function burst(
  slots: WriteSlots,
  count: number,
  handleAll?: (run: () => Promise<unknown>) => Promise<unknown>,
) {
  pg = await Playground.start({ config: "timezone: UTC\n", people: { ...PEOPLE }, slots });
  const n = await pg.openIssue("alice", "Checkout down", "502s", ["incident"]);
  await pg.settle();
  const before = recordRows(pg.sim.issue(n).body).length;
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push(await pg.comment(i % 2 ? "alice" : "bob", n, `/timeline step ${i + 1} done`));
  const deliveries = pg.sim.takeDeliveries();
  const from = pg.sim.requests.length;
  const all = () => Promise.all(deliveries.map((d) => pg!.handle(d)));
  const results = (await (handleAll ? handleAll(all) : all())) as Awaited<ReturnType<typeof all>>;
  await pg.settle();
  const reactionPosts = (id: number) =>
    pg!.sim.requests
      .slice(from)
      .filter(
        (r) => r.method === "POST" && r.path === `/repos/acme/shop/issues/comments/${id}/reactions`,
      ).length;
  return { n, before, ids, results, reactionPosts, violations: pg.sim.violations };
}

const thumbsUpBy = (id: number, login: string) =>
  pg!.sim.reactions(id).filter((r) => r.content === "+1" && r.user.login === login).length;

describe("a burst of commands on one incident", () => {
  it("sends hereby's 👍 to each comment once, however many runs see the comment applied", async () => {
    const { ids, reactionPosts, violations } = await burst(memorySlots(), 8);
    expect(violations).toEqual([]);
    for (const id of ids) expect(reactionPosts(id), `reaction POSTs to comment ${id}`).toBe(1);
  });

  it("ends with every entry in the record and one 👍 per comment, whatever the interleaving", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        const during = { on: false };
        const slots = scheduledSlots(memorySlots(), s, during);
        const handleAll = async (all: () => Promise<unknown>) => {
          during.on = true;
          try {
            return await s.waitFor(all());
          } finally {
            during.on = false;
          }
        };
        const { n, before, ids, results, reactionPosts } = await burst(slots, 5, handleAll);
        const rows = recordRows(pg!.sim.issue(n).body);
        expect(rows).toHaveLength(before + ids.length);
        for (let i = 0; i < ids.length; i++)
          expect(rows.filter((r) => r.includes(`step ${i + 1} done`))).toHaveLength(1);
        for (const id of ids) {
          expect(thumbsUpBy(id, BOT), `hereby's 👍 on ${id}`).toBe(1);
          expect(reactionPosts(id), `reaction POSTs to ${id}`).toBe(1);
        }
        expect(results.map((r) => r.converged)).not.toContain(false);
        await pg!.close();
        pg = undefined;
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 60_000);
});

/** The slots with each step handed to the scheduler while the burst's runs are handled:
 * who gets the record's slot first and who claims a reaction first is fast-check's
 * choice. (Before and after, the declaration and the settling run unscheduled.) */
function scheduledSlots(inner: WriteSlots, s: fc.Scheduler, during: { on: boolean }): WriteSlots {
  const turn = <T>(label: string, next: () => Promise<T>): Promise<T> =>
    during.on ? s.schedule(Promise.resolve(), label).then(next) : next();
  return {
    hold: (key, step) => turn(`hold ${key}`, () => inner.hold(key, step)),
    latest: (key) => turn(`latest ${key}`, () => inner.latest(key)),
    patched: (key, issue) => inner.patched(key, issue),
    claimReaction: (key) => turn(`claim ${key}`, () => inner.claimReaction(key)),
    releaseReaction: (key) => inner.releaseReaction(key),
  };
}

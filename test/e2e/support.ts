// The people's steps of whole-incident scenarios on the simulator; what a user sees of
// them is read with test/support/simulated.ts.
import type { Delivery, Playground } from "../../packages/simulator/src/demo/playground.js";

/** The people's steps of one incident; returns the issue number. Deliveries are left
 * pending for the caller to hand over however the test wants. */
export async function actLifecycle(
  pg: Playground,
  deliver: (d: Delivery[]) => Promise<void>,
): Promise<number> {
  const step = async (fn: () => Promise<unknown>, minutes = 2) => {
    pg.advance(minutes);
    await fn();
    await deliver(pg.sim.takeDeliveries());
  };
  let n = 0;
  await step(async () => {
    n = await pg.openIssue(
      "alice",
      "Checkout returns 502",
      "Customers can't pay.\r\n\r\nSee ticket 4411.",
      ["incident"],
    );
  }, 0);
  await step(() => pg.comment("bob", n, "/severity critical\n/lead me"));
  await step(() =>
    pg.comment("carol", n, "/timeline 14:01 pager fired\n/timeline rollback started"),
  );
  await step(() => pg.comment("bob", n, "/role comms @carol\n/role ops @dave"));
  await step(() => pg.comment("erin", n, "/severity trivial"));
  await step(() => pg.comment("dave", n, "/status identified bad config push"));
  await step(() => pg.comment("carol", n, "/summary EU checkout failed after a config push"));
  await step(() =>
    pg
      .as("alice")
      .rest.issues.addLabels({ ...pg.repo, issue_number: n, labels: ["severity:major"] }),
  );
  await step(() => pg.comment("bob", n, "/resolve error rate at baseline"), 20);
  return n;
}

/** After `actLifecycle`: the postmortem pull request (#2) is edited by a person on its
 * branch, the record gains an entry, `/postmortem` is asked for again (hereby replies with
 * a diff instead of writing), and the pull request is merged. */
export async function actPostmortem(
  pg: Playground,
  n: number,
  deliver: (d: Delivery[]) => Promise<void>,
): Promise<void> {
  const step = async (fn: () => Promise<unknown> | void, minutes = 5) => {
    pg.advance(minutes);
    await fn();
    await deliver(pg.sim.takeDeliveries());
  };
  const pull = pg.sim.pulls()[0];
  if (!pull) throw new Error("no postmortem pull request was opened");
  const path = POSTMORTEM_FILE;
  await step(() => {
    const draft = pg.sim.file(path, pull.head.ref) ?? "";
    pg.sim.pushFile(
      "carol",
      path,
      draft.replace("1. _…_", "1. A config push reached every region at once: no canary stage."),
      pull.head.ref,
    );
  }, 60);
  await step(() => pg.comment("bob", n, "/timeline refunds issued to affected customers"));
  await step(() => pg.comment("bob", n, "/postmortem"));
  await step(
    () => pg.as("bob").rest.pulls.merge({ ...pg.repo, pull_number: pull.number }),
    24 * 60,
  );
}

export const POSTMORTEM_FILE = "docs/postmortems/2026-11-23-1-checkout-returns-502.md";

// Rebuilds docs/examples/report.md from a realistic, deterministic history in the
// simulator: five incidents after the stories in the seed corpus (public incident
// write-ups: a deploy log that printed keys, a disk that filled, a cascading failure, …)
// and six months of generated ones from a seeded generator, each left as GitHub would
// hold it: the label events and commands people wrote (`/timeline` backdated entries,
// `/resolve`), hereby's own comments (postmortem opened and merged, review cycles, one
// close-out), and action items, some closed and some still open. Then `hereby report`.
// `npx tsx bench/report-example.ts`; the same seed always writes the same file.
import { writeFileSync } from "node:fs";
import { defaultConfig } from "../src/config.js";
import { createClient, type GitHub } from "../src/github/client.js";
import { runReport } from "../src/handlers/report.js";
import { startSimulator } from "../packages/simulator/src/index.js";

const repo = { owner: "acme", repo: "shop" };
const MIN = 60_000;
const DAY = 1440 * MIN;
const NOW = Date.UTC(2026, 6, 1, 9);

/** mulberry32: a small seeded generator, so the example is the same on every run. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(2026);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Minutes with a long tail: most incidents are short, a few take a day. */
const tail = (median: number): number =>
  Math.max(5, Math.round(median * Math.exp((random() + random() + random() - 1.5) * 1.6)));

interface Story {
  title: string;
  severity: string;
  declared: number;
  /** Minutes before the declaration that impact started (a backdated entry), or 0. */
  detect: number;
  mitigate: number | null;
  resolve: number | null;
  raisedFrom?: string;
  items: number;
}

// After the seed corpus's write-ups (/work/shared/seeds), one each.
const SEEDS: Story[] = [
  {
    title: "Deploy tool printed keys and tokens in its execution log",
    severity: "critical",
    declared: Date.UTC(2026, 0, 12, 15, 4),
    detect: 26,
    mitigate: 35,
    resolve: 190,
    items: 3,
  },
  {
    title: "Unattended upgrade left two app servers unable to reboot",
    severity: "major",
    declared: Date.UTC(2026, 0, 27, 7, 40),
    detect: 48,
    mitigate: 70,
    resolve: 300,
    items: 2,
  },
  {
    title: "Checkout unacceptably slow after a cache node filled its disk",
    severity: "major",
    declared: Date.UTC(2026, 1, 18, 13, 15),
    detect: 12,
    mitigate: 25,
    resolve: 95,
    raisedFrom: "minor",
    items: 2,
  },
  {
    title: "Cascading failure: search exhausted its connection pool",
    severity: "critical",
    declared: Date.UTC(2026, 2, 9, 21, 30),
    detect: 8,
    mitigate: 42,
    resolve: 260,
    items: 3,
  },
  {
    title: "Unexpected access to a staging machine",
    severity: "major",
    declared: Date.UTC(2026, 3, 2, 10, 5),
    detect: 0,
    mitigate: null,
    resolve: 1500,
    items: 2,
  },
];

const WHAT = [
  "Checkout",
  "Search",
  "Login",
  "Payments webhook",
  "Image CDN",
  "Order emails",
  "Admin dashboard",
  "Inventory sync",
  "Mobile API",
  "Status page",
];
const HOW = [
  "returning 502s",
  "timing out",
  "slow for EU users",
  "failing for some cards",
  "serving stale data",
  "down",
  "erroring after deploy",
  "dropping events",
];
const LEVELS = ["critical", "major", "major", "minor", "minor", "minor", "trivial"] as const;
const MEDIAN: Record<string, number> = { critical: 120, major: 150, minor: 90, trivial: 40 };

function generated(): Story[] {
  const out: Story[] = [];
  for (
    let at = Date.UTC(2026, 0, 3, 9);
    at < NOW - 3 * DAY;
    at += Math.round((2 + random() * 6) * DAY)
  ) {
    const severity = pick(LEVELS);
    const resolve = tail(MEDIAN[severity]!);
    const open = NOW - at < 10 * DAY && random() < 0.5;
    out.push({
      title: `${pick(WHAT)} ${pick(HOW)}`,
      severity,
      declared: at + Math.round(random() * 10 * 60) * MIN,
      detect: random() < 0.6 ? Math.round(3 + random() * 40) : 0,
      mitigate: random() < 0.6 ? Math.round(resolve * (0.2 + random() * 0.5)) : null,
      resolve: open ? null : resolve,
      ...(severity === "critical" && random() < 0.4 ? { raisedFrom: "major" } : {}),
      items: severity === "trivial" ? 0 : Math.floor(random() * 3) + 1,
    });
  }
  // The latest is still being worked on.
  out[out.length - 1]!.resolve = null;
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function play(
  story: Story,
  alice: GitHub,
  bot: GitHub,
  setClock: (ms: number) => void,
): Promise<void> {
  const r = { ...repo };
  setClock(story.declared);
  const first = story.raisedFrom ?? story.severity;
  const { data } = await alice.rest.issues.create({
    ...r,
    title: story.title,
    body: "What users saw, and since when.",
    labels: ["incident", `severity:${first}`, "status:investigating"],
  });
  const n = data.number;
  if (story.detect > 0) {
    setClock(story.declared + 2 * MIN);
    await alice.rest.issues.createComment({
      ...r,
      issue_number: n,
      body: `/timeline ${iso(story.declared - story.detect * MIN)} First alert fired`,
    });
  }
  if (story.raisedFrom) {
    setClock(story.declared + 15 * MIN);
    await alice.rest.issues.setLabels({
      ...r,
      issue_number: n,
      labels: ["incident", `severity:${story.severity}`, "status:investigating"],
    });
  }
  if (story.mitigate !== null) {
    setClock(story.declared + story.mitigate * MIN);
    await alice.rest.issues.addLabels({ ...r, issue_number: n, labels: ["status:monitoring"] });
  }
  if (story.resolve === null) return;
  const resolved = story.declared + story.resolve * MIN;
  setClock(resolved);
  await alice.rest.issues.createComment({ ...r, issue_number: n, body: "/resolve back to normal" });
  await alice.rest.issues.update({
    ...r,
    issue_number: n,
    state: "closed",
    state_reason: "completed",
    labels: ["incident", `severity:${story.severity}`, "status:resolved"],
  });
  await followUp(story, n, resolved, alice, bot, setClock);
}

/** The postmortem (opened, merged days later), action items, and the reviews that ran. */
async function followUp(
  story: Story,
  n: number,
  resolved: number,
  alice: GitHub,
  bot: GitHub,
  setClock: (ms: number) => void,
): Promise<void> {
  const r = { ...repo };
  if (story.severity === "trivial") return;
  setClock(resolved + 10 * MIN);
  const pr = 1000 + n;
  await bot.rest.issues.createComment({
    ...r,
    issue_number: n,
    body: `<!-- hereby:postmortem opened:${pr} -->\nThe postmortem draft is #${pr}.`,
  });
  const mergedAfter = Math.round((1 + random() * 9) * DAY);
  if (resolved + mergedAfter < NOW && random() < 0.85) {
    setClock(resolved + mergedAfter);
    await bot.rest.issues.createComment({
      ...r,
      issue_number: n,
      body: `<!-- hereby:postmortem merged:${pr} -->\nPostmortem #${pr} merged.`,
    });
  }
  const items: { number: number; closeAt: number | null }[] = [];
  for (let i = 0; i < story.items; i++) {
    setClock(resolved + mergedAfter + i * MIN);
    const { data } = await alice.rest.issues.create({
      ...r,
      title: `Follow-up ${i + 1} of #${n}`,
      labels: ["incident-action"],
    });
    const closeAt =
      random() < 0.65 ? resolved + mergedAfter + Math.round((3 + random() * 40) * DAY) : null;
    items.push({
      number: data.number,
      closeAt: closeAt !== null && closeAt < NOW ? closeAt : null,
    });
  }
  for (const item of items
    .filter((i) => i.closeAt !== null)
    .sort((a, b) => a.closeAt! - b.closeAt!)) {
    setClock(item.closeAt!);
    await alice.rest.issues.update({
      ...r,
      issue_number: item.number,
      state: "closed",
      state_reason: "completed",
    });
  }
  await reviews(story, n, resolved, items, bot, setClock);
}

/** Every 30 days from the resolution, while items are open: a cycle; then one close-out. */
async function reviews(
  story: Story,
  n: number,
  resolved: number,
  items: { closeAt: number | null }[],
  bot: GitHub,
  setClock: (ms: number) => void,
): Promise<void> {
  const r = { ...repo };
  let review: number | null = null;
  for (let cycle = 1; resolved + cycle * 30 * DAY < NOW; cycle++) {
    const due = resolved + cycle * 30 * DAY;
    const open = items.filter((i) => i.closeAt === null || i.closeAt > due).length;
    setClock(due);
    if (review === null) {
      const { data } = await bot.rest.issues.create({
        ...r,
        title: `Incident review: ${story.title} (#${n})`,
        body: `<!-- hereby:review ${n} -->`,
        labels: ["incident-review"],
      });
      review = data.number;
    }
    if (open === 0) {
      await bot.rest.issues.createComment({
        ...r,
        issue_number: review,
        body: `<!-- hereby:closeout ${n}:${cycle} -->\nEvery action item is closed.`,
      });
      await bot.rest.issues.update({
        ...r,
        issue_number: review,
        state: "closed",
        state_reason: "completed",
      });
      await bot.rest.issues.update({
        ...r,
        issue_number: n,
        labels: ["incident", `severity:${story.severity}`, "status:complete"],
      });
      return;
    }
    await bot.rest.issues.createComment({
      ...r,
      issue_number: review,
      body: `<!-- hereby:cycle ${n}:${cycle} -->\n${open} action item(s) open.`,
    });
  }
}

const sim = await startSimulator({ clock: () => new Date(Date.UTC(2026, 0, 1)) });
const setClock = (ms: number) => sim.setClock(() => new Date(ms));
const bot = createClient({
  token: sim.botToken,
  baseUrl: sim.url,
  retries: false,
  throttle: false,
});
sim.setPermission("alice", "write");
const alice = createClient({
  token: sim.tokenFor("alice"),
  baseUrl: sim.url,
  retries: false,
  throttle: false,
});
const stories = [...SEEDS, ...generated()].sort((a, b) => a.declared - b.declared);
for (const story of stories) await play(story, alice, bot, setClock);
// One declared in error, cancelled.
setClock(Date.UTC(2026, 4, 14, 3, 12));
await alice.rest.issues.create({
  ...repo,
  title: "False alarm: synthetic check flapped",
  labels: ["incident", "severity:major", "status:cancelled"],
});
setClock(NOW);
const md = await runReport({
  octokit: bot,
  repo,
  range: { since: null, until: null },
  format: "md",
  now: new Date(NOW),
  config: defaultConfig,
  self: "hereby[bot]",
});
await sim.close();
if (sim.violations.length) throw new Error(sim.violations.join("\n"));
writeFileSync(
  new URL("../docs/examples/report.md", import.meta.url),
  `<!-- Rendered by bench/report-example.ts (seeded, deterministic): \`hereby report --repo acme/shop\` over ${stories.length} incidents, five after the seed corpus's write-ups. -->\n\n${md}`,
);
console.log(`docs/examples/report.md: ${stories.length} incidents`);

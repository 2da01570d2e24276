// Writes to one record, coalesced. Eight people commanding one incident at once used to
// make eight description PATCHes and send each 👍 up to eight times, and GitHub paces an
// installation's writes a second apart. Here an issue's description has one writer at a
// time (its slot): the holder reads what the writers before it left (their PATCH answer,
// the newest read of the issue) and decides from that, so the write that leaves last
// carries everything and a write whose content is already on GitHub is not sent. Each
// reaction is claimed before it is sent, so hereby gives it once, whichever run gives it.
// In one process the slots are memory; App replicas share them through Redis.
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";

/** The issue as the newest PATCH through the slots answered, numbered in order. */
export interface LatestAnswer<Issue = unknown> {
  generation: number;
  issue: Issue;
}

export interface WriteSlots {
  /** Runs `step` as the only writer of `key`'s record (an issue: `owner/repo#n`). */
  hold<T>(key: string, step: () => Promise<T>): Promise<T>;
  /** The newest PATCH answer for `key` (null: none through these slots yet). */
  latest(key: string): Promise<LatestAnswer | null>;
  /** A PATCH of `key` answered: it is the newest answer now. */
  patched(key: string, issue: unknown): Promise<void>;
  /** True for the first caller only: that one sends the reaction (`key`: comment and content). */
  claimReaction(key: string): Promise<boolean>;
  /** The reaction was not given after all (its POST failed), or was taken back. */
  releaseReaction(key: string): Promise<void>;
}

/** How long a given reaction is remembered: longer than any burst of commands lasts. */
const REACTION_MEMORY_MS = 60 * 60_000;
/** A holder that died (a replica stopped) frees its slot after this. */
const SLOT_LEASE_MS = 30_000;

/** Slots for one process (the App without Redis, tests). */
export function memorySlots(): WriteSlots {
  const tails = new Map<string, Promise<unknown>>();
  const answers = new LRUCache<string, LatestAnswer>({ max: 1000 });
  const reactions = new LRUCache<string, true>({ max: 50_000, ttl: REACTION_MEMORY_MS });
  let generation = 0;
  return {
    async hold(key, step) {
      const before = tails.get(key) ?? Promise.resolve();
      const mine = before.then(step, step);
      const tail = mine.catch(() => {});
      tails.set(key, tail);
      try {
        return await mine;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
    // In memory, every answer is at hand: the same promises the Redis slots give.
    latest: (key) => Promise.resolve(answers.get(key) ?? null),
    patched: (key, issue) =>
      Promise.resolve(void answers.set(key, { generation: ++generation, issue })),
    claimReaction(key) {
      if (reactions.has(key)) return Promise.resolve(false);
      reactions.set(key, true);
      return Promise.resolve(true);
    },
    releaseReaction: (key) => Promise.resolve(void reactions.delete(key)),
  };
}

/** What the Redis slots need of a client: ioredis's `call`, one command at a time. */
export interface RedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;
const POLL_MS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Slots shared by App replicas through one Redis (the one Probot's throttle uses). */
/** `now`: the shell's clock, for the lease's wait (the core never reads the wall clock). */
export function redisSlots(
  redis: RedisLike,
  now: () => number,
  prefix = "hereby:slot:",
): WriteSlots {
  const local = memorySlots();
  return {
    // One holder per process first (no polling between runs of one replica), then per Redis.
    hold: (key, step) =>
      local.hold(key, async () => {
        const lock = `${prefix}lock:${key}`;
        const token = randomUUID();
        const deadline = now() + SLOT_LEASE_MS;
        // Past the lease the step goes ahead anyway: convergence still makes it right.
        while (
          (await redis.call("SET", lock, token, "PX", SLOT_LEASE_MS, "NX")) !== "OK" &&
          now() < deadline
        )
          await sleep(POLL_MS);
        try {
          return await step();
        } finally {
          await redis.call("EVAL", RELEASE, 1, lock, token).catch(() => {});
        }
      }),
    async latest(key) {
      const raw = (await redis.call("GET", `${prefix}answer:${key}`)) as string | null;
      return raw === null ? null : (JSON.parse(raw) as LatestAnswer);
    },
    async patched(key, issue) {
      const generation = Number(await redis.call("INCR", `${prefix}generation:${key}`));
      const answer: LatestAnswer = { generation, issue };
      await redis.call(
        "SET",
        `${prefix}answer:${key}`,
        JSON.stringify(answer),
        "PX",
        REACTION_MEMORY_MS,
      );
    },
    claimReaction: async (key) =>
      (await redis.call("SET", `${prefix}reaction:${key}`, "1", "PX", REACTION_MEMORY_MS, "NX")) ===
      "OK",
    releaseReaction: async (key) => void (await redis.call("DEL", `${prefix}reaction:${key}`)),
  };
}

export const issueKey = (repo: { owner: string; repo: string }, issue: number): string =>
  `${repo.owner}/${repo.repo}#${issue}`;
export const reactionKey = (
  repo: { owner: string; repo: string },
  commentId: number,
  content: string,
): string => `${repo.owner}/${repo.repo}:${commentId}:${content}`;

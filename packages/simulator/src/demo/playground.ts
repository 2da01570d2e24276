// A simulated GitHub with hereby attached: people act through the REST API with their
// own tokens, GitHub's webhook deliveries are handed to the real handlers, exactly as
// the App or the Action would receive them. The demo and the lifecycle tests use it.
import { ReportGate } from "../../../../src/core/report/gate.js";
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { CONFIG_FILE } from "../../../../src/config.js";
import { createClient, type GitHub, type RepoRef } from "../../../../src/github/client.js";
import { handleEvent, type HandlerResult } from "../../../../src/handlers/index.js";
import { startSimulator, type Simulator } from "../index.js";
import type { WriteSlots } from "../../../../src/github/write-slot.js";

export interface PlaygroundOptions {
  /** Start of the simulated clock. */
  start?: Date;
  /** `.github/hereby.yml` to seed. */
  config?: string;
  /** Check every request against GitHub's OpenAPI description (default true). */
  validate?: boolean;
  /** People and their repository role. */
  people?: Record<string, "read" | "triage" | "write" | "maintain" | "admin">;
  /** Give the bot Octokit's retries, as in production (with a short back-off). */
  retries?: boolean;
  /** Write slots shared by every run, as the App shares them between its deliveries. */
  slots?: WriteSlots;
}

export interface Delivery {
  id: string;
  name: string;
  payload: object;
}

export class Playground {
  readonly repo: RepoRef;
  readonly bot: GitHub;
  private now: Date;
  private readonly clients = new Map<string, GitHub>();
  readonly results: HandlerResult[] = [];
  /** Jobs the handlers deferred (a changes list's refresh), as the App's timer holds them. */
  readonly deferred: { key: string; at: Date; job: () => Promise<unknown> }[] = [];
  /** As the App keeps one per process: `/report` is gated per repository across deliveries. */
  readonly reportGate = new ReportGate();

  slots: WriteSlots | undefined;

  private constructor(
    readonly sim: Simulator,
    start: Date,
    retries: boolean,
  ) {
    this.now = start;
    this.repo = { owner: "acme", repo: "shop" };
    // Throttling off: the simulator has no secondary limits, and the demo should be quick.
    this.bot = createClient({
      token: sim.botToken,
      baseUrl: sim.url,
      retries,
      retryDelayMs: 5,
      throttle: false,
    });
  }

  static async start(options: PlaygroundOptions = {}): Promise<Playground> {
    const start = options.start ?? new Date("2026-11-23T14:00:00Z");
    const sim = await startSimulator({
      clock: () => start,
      ...(options.validate === undefined ? {} : { validate: options.validate }),
    });
    const playground = new Playground(sim, start, options.retries ?? false);
    // The simulator's timestamps follow the playground's clock, which the demo advances.
    sim.setClock(() => playground.clock());
    playground.slots = options.slots;
    if (options.config !== undefined) sim.seedFile(CONFIG_FILE, options.config);
    for (const [login, role] of Object.entries(options.people ?? {}))
      sim.setPermission(login, role);
    return playground;
  }

  clock(): Date {
    return this.now;
  }

  /** Moves the simulated clock forward. */
  advance(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }

  /** A REST client acting as a person. */
  as(login: string): GitHub {
    let client = this.clients.get(login);
    if (!client) {
      client = createClient({
        token: this.sim.tokenFor(login),
        baseUrl: this.sim.url,
        retries: false,
        throttle: false,
      });
      this.clients.set(login, client);
    }
    return client;
  }

  async openIssue(
    login: string,
    title: string,
    body: string,
    labels: string[] = [],
  ): Promise<number> {
    const { data } = await this.as(login).rest.issues.create({ ...this.repo, title, body, labels });
    return data.number;
  }

  async comment(login: string, issue: number, body: string): Promise<number> {
    const { data } = await this.as(login).rest.issues.createComment({
      ...this.repo,
      issue_number: issue,
      body,
    });
    return data.id;
  }

  /** Runs the deferred jobs that are due by the simulated clock, as the App's timer would. */
  async runDue(): Promise<number> {
    const due = this.deferred.filter((d) => d.at.getTime() <= this.now.getTime());
    for (const d of due) this.deferred.splice(this.deferred.indexOf(d), 1);
    for (const d of due) await d.job();
    return due.length;
  }

  /** Runs one delivery through the handlers, as the App or the Action would. */
  async handle(delivery: Delivery): Promise<HandlerResult> {
    const result = await handleEvent(delivery as EmitterWebhookEvent, {
      octokit: this.bot,
      repo: this.repo,
      clock: () => this.clock(),
      log: { info: () => {}, warn: () => {} },
      // As the App knows it from GET /app.
      self: "hereby[bot]",
      later: (key, at, job) => {
        if (!this.deferred.some((d) => d.key === key)) this.deferred.push({ key, at, job });
      },
      reportGate: this.reportGate,
      ...(this.slots ? { slots: this.slots } : {}),
    });
    this.results.push(result);
    return result;
  }

  /** Hands every pending delivery to the handlers one after another, including the
   * deliveries the bot's own writes cause (which the handlers ignore), until none are left. */
  async settle(): Promise<HandlerResult[]> {
    const results: HandlerResult[] = [];
    for (let round = 0; round < 20; round++) {
      const pending = this.sim.takeDeliveries();
      if (pending.length === 0) return results;
      for (const delivery of pending) results.push(await this.handle(delivery));
    }
    throw new Error(
      "deliveries kept coming after 20 rounds: a handler is reacting to its own writes",
    );
  }

  async close(): Promise<void> {
    await this.sim.close();
  }
}

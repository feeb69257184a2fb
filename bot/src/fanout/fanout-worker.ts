import type { Announcement, Recipient } from '../domain/announcement';
import { FINAL_STATUSES, afterAttempt, isAbandoned } from '../domain/announcement';
import type { Logger } from '../logger';
import type { AnnouncementService } from '../services/announcement-service';
import { ConflictError } from '../store/errors';
import type { Repositories } from '../store/repositories';
import type { Versioned } from '../store/versioned';
import type { FanoutQueue, ReceivedFanoutMessage } from './fanout-queue';
import { SendPacer, shareOfRate } from './send-pacer';
import type { TeamsDelivery } from './teams-delivery';
import type { WorkerRegistry } from './worker-registry';

export interface FanoutWorkerOptions {
  /** Teams' limit for the app in the tenant, shared by every instance (requests per second). */
  ratePerSecond: number;
  maxAttempts: number;
  /** Sends in flight at once in this instance. */
  concurrency: number;
  /** How long an empty queue is left before looking again; 0 turns the worker off. */
  pollMs: number;
  /** How long a `sending` row is this worker's before it counts as abandoned. */
  leaseMs?: number;
  /** Queue visibility timeout: a message not finished by then goes to another instance. */
  visibilitySeconds?: number;
}

type Step = { done: true } | { done: false; retryAt: number };

const DONE: Step = { done: true };

/**
 * Takes fan-out messages from the queue and sends each person their message once: the row
 * goes queued → sending (intent, ETag-guarded so one worker wins) → an outcome. Paced under
 * Teams' rate (shared between instances through heartbeats), Retry-After honoured, transient
 * failures retried with backoff, and a sweep that starts due sends and finishes drained ones.
 */
export class FanoutWorker {
  private running = false;
  private loop?: Promise<void>;
  private sweeper?: ReturnType<typeof setInterval>;
  private readonly pacer: SendPacer;
  private inFlight = 0;
  private busy = false;
  private sweeps = 0;
  private readonly cache = new Map<string, { at: number; value?: Announcement }>();
  private wake?: () => void;

  constructor(
    private readonly repos: Repositories,
    private readonly queue: FanoutQueue,
    private readonly delivery: TeamsDelivery,
    private readonly announcements: AnnouncementService,
    private readonly registry: WorkerRegistry,
    private readonly now: () => Date,
    private readonly log: Logger,
    private readonly options: FanoutWorkerOptions,
  ) {
    this.pacer = new SendPacer(shareOfRate(options.ratePerSecond, 1));
  }

  private get leaseMs() {
    return this.options.leaseMs ?? 60_000;
  }

  start(): void {
    if (this.running || this.options.pollMs <= 0) return;
    this.running = true;
    this.loop = this.run();
    this.sweeper = setInterval(() => void this.sweepSafely(), 2000);
  }

  /** Stops taking messages and waits for sends in flight to be recorded (SIGTERM). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.wake?.();
    await this.loop;
    await this.registry.leave();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let messages: ReceivedFanoutMessage[] = [];
      try {
        const room = Math.max(1, this.options.concurrency - this.inFlight);
        messages = await this.queue.receive(
          Math.min(32, room),
          this.options.visibilitySeconds ?? 120,
        );
      } catch (error) {
        this.log.warn({ err: error }, 'fan-out queue unavailable; waiting');
      }
      this.busy = messages.length > 0 || this.inFlight > 0;
      if (messages.length === 0) {
        await this.pause(this.options.pollMs);
        continue;
      }
      await Promise.all(messages.map((m) => this.processMessage(m)));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One queue message: its people in turn; those to try later go back on the queue. */
  async processMessage(received: ReceivedFanoutMessage): Promise<void> {
    const { message } = received;
    this.inFlight += 1;
    try {
      const later: { id: string; at: number }[] = [];
      for (const participantId of message.participantIds) {
        if (!this.running && this.options.pollMs > 0) {
          // Shutting down: hand the rest back untouched.
          later.push({ id: participantId, at: Date.now() });
          continue;
        }
        const step = await this.processRecipient(
          message.cohortId,
          message.announcementId,
          participantId,
        );
        if (!step.done) later.push({ id: participantId, at: step.retryAt });
      }
      if (later.length > 0) {
        const wait = Math.max(0, Math.min(...later.map((l) => l.at)) - Date.now());
        await this.queue.send(
          { ...message, participantIds: later.map((l) => l.id) },
          Math.ceil(wait / 1000),
        );
      }
      await this.queue.delete(received.messageId, received.popReceipt);
    } catch (error) {
      // Storage trouble: the message reappears after its visibility timeout; nothing is lost.
      this.log.warn(
        { err: error, announcementId: message.announcementId },
        'fan-out message left for retry',
      );
    } finally {
      this.inFlight -= 1;
    }
  }

  private async announcement(cohortId: string, id: string): Promise<Announcement | undefined> {
    const key = `${cohortId}|${id}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < 1000) return cached.value;
    const value = (await this.repos.announcements.get(cohortId, id))?.value;
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  async processRecipient(
    cohortId: string,
    announcementId: string,
    participantId: string,
  ): Promise<Step> {
    const announcement = await this.announcement(cohortId, announcementId);
    const row = await this.repos.announcements.getRecipient(announcementId, participantId);
    if (!announcement || !row) return DONE;
    const r = row.value;
    const now = this.now();
    if (FINAL_STATUSES.has(r.status)) return DONE;
    if (r.status === 'sending') {
      // Another worker holds it, or held it and died: the sweep decides, never a blind resend.
      if (isAbandoned(r, now)) await this.markUnconfirmed(row);
      return DONE;
    }
    if (announcement.status === 'cancelled') {
      await this.tryReplace(row, { ...r, status: 'cancelled', updatedAt: now.toISOString() });
      return DONE;
    }
    if (r.notBefore && Date.parse(r.notBefore) > now.getTime()) {
      return { done: false, retryAt: Date.now() + (Date.parse(r.notBefore) - now.getTime()) };
    }

    // Intent first: only the worker whose write lands may send.
    const intent: Recipient = {
      ...r,
      status: 'sending',
      attempts: r.attempts + 1,
      sendingUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      updatedAt: now.toISOString(),
    };
    const claimed = await this.tryReplace(row, intent);
    if (!claimed) return DONE;

    let outcome;
    if (!r.userId) {
      outcome = { kind: 'no-conversation' as const, detail: 'not linked to Teams yet' };
    } else {
      const stored = await this.repos.conversations.getPersonal(r.userId);
      const activity = await this.announcements.activityFor(announcement, r, stored?.timeZone);
      if (!activity) {
        outcome = { kind: 'fatal' as const, detail: 'the event no longer exists' };
      } else {
        await this.pacer.take();
        outcome = await this.delivery.sendToUser(r.userId, activity);
      }
    }
    if (outcome.kind === 'retry' && outcome.retryAfterMs) this.pacer.pause(outcome.retryAfterMs);
    const next = afterAttempt(claimed.value, outcome, this.options.maxAttempts, this.now());
    await this.recordOutcome(claimed, next);
    if (next.status === 'queued' && next.notBefore) {
      return {
        done: false,
        retryAt: Date.now() + Math.max(0, Date.parse(next.notBefore) - this.now().getTime()),
      };
    }
    return DONE;
  }

  /** The outcome replaces our intent; if the sweep had given up on us, the truth still wins. */
  private async recordOutcome(claimed: Versioned<Recipient>, next: Recipient): Promise<void> {
    try {
      await this.repos.announcements.replaceRecipient(next, claimed.etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const latest = await this.repos.announcements.getRecipient(
        next.announcementId,
        next.participantId,
      );
      if (latest && latest.value.status === 'unconfirmed') {
        await this.tryReplace(latest, { ...next, acknowledgedAt: latest.value.acknowledgedAt });
      } else if (latest && latest.value.acknowledgedAt && !next.acknowledgedAt) {
        // "Got it" landed before our outcome did: keep both.
        await this.tryReplace(latest, { ...next, acknowledgedAt: latest.value.acknowledgedAt });
      }
    }
  }

  private async markUnconfirmed(row: Versioned<Recipient>): Promise<void> {
    await this.tryReplace(row, {
      ...row.value,
      status: 'unconfirmed',
      reason:
        'The server sending this stopped before Teams answered; it may or may not have arrived',
      sendingUntil: undefined,
      updatedAt: this.now().toISOString(),
    });
  }

  private async tryReplace(
    row: Versioned<Recipient>,
    next: Recipient,
  ): Promise<Versioned<Recipient> | undefined> {
    try {
      return await this.repos.announcements.replaceRecipient(next, row.etag);
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  private async sweepSafely(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.log.warn({ err: error }, 'fan-out sweep failed; will try again');
    }
  }

  /**
   * Every couple of seconds, on every instance (all steps are idempotent): heartbeat and rate
   * share, start sends whose time has come, and finish sends that have drained.
   */
  async sweep(): Promise<void> {
    const now = this.now();
    this.sweeps += 1;
    await this.registry.beat(this.busy, new Date());
    const busy = await this.registry.busyCount(new Date(), 6000);
    this.pacer.setRate(shareOfRate(this.options.ratePerSecond, Math.max(1, busy)));
    for (const due of await this.repos.announcements.dueBy(now)) {
      await this.announcements.start(due.cohortId, due.announcementId);
    }
    const active = await this.repos.announcements.active();
    if (active.length === 0) return;
    const drained = (await this.queue.approximateCount()) === 0 && this.inFlight === 0;
    if (!drained && this.sweeps % 15 !== 0) return;
    for (const a of active) await this.announcements.finishIfDrained(a.cohortId, a.announcementId);
  }

  /** Drains the queue in the calling process until nothing is left (tests and the dev clock). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await this.sweep();
      const messages = await this.queue.receive(32, this.options.visibilitySeconds ?? 120);
      if (messages.length === 0) {
        await this.sweep();
        if ((await this.repos.announcements.active()).length === 0) return;
        if ((await this.queue.approximateCount()) === 0) {
          // Work waits for its backoff: wait a little and look again.
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        continue;
      }
      await Promise.all(messages.map((m) => this.processMessage(m)));
    }
  }

  get currentRate(): number {
    return this.pacer.ratePerSecond;
  }
}

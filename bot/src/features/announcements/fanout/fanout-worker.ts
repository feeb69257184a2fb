import type { Activity } from 'botbuilder';
import type { Announcement, AttemptOutcome, Recipient } from '../domain/announcement';
import {
  FINAL_STATUSES,
  afterAttempt,
  isAbandoned,
  unconfirmedAfterCrash,
} from '../domain/announcement';
import type { Logger } from '../../../platform/logger';
import type { AnnouncementService } from '../services/announcement-service';
import { ConflictError } from '../../../platform/storage/errors';
import type { Repositories } from '../../../app/repositories';
import type { Versioned } from '../../../platform/storage/versioned';
import type { FanoutMessage, FanoutQueue, ReceivedFanoutMessage } from './fanout-queue';
import { SendPacer, shareOfRate } from '../../../platform/teams/send-pacer';
import type { TeamsDelivery } from './teams-delivery';
import type { WorkerRegistry } from '../../../platform/teams/worker-registry';

export interface FanoutWorkerOptions {
  /** Teams' limit for the app in the tenant, shared by every instance (requests per second). */
  ratePerSecond: number;
  maxAttempts: number;
  /** Queue messages worked on at once in this instance; each sends to its people in turn. */
  concurrency: number;
  /** How long an empty queue is left before looking again; 0 turns the worker off. */
  pollMs: number;
  /** How long a `sending` row is this worker's before it counts as abandoned. */
  leaseMs?: number;
  /**
   * Queue visibility timeout, renewed while a message is worked on: a message held by an
   * instance that died comes back to the others after this long.
   */
  visibilitySeconds?: number;
}

/** Done with a person, or to try again at `retryAt` (with the row as we left it, if we know). */
type Step = { done: true } | { done: false; retryAt: number; row?: Versioned<Recipient> };

const DONE: Step = { done: true };

/** How often a busy instance says so and re-reads how many share the rate. */
const REFRESH_MS = 400;
/** A newcomer waits this long after saying it is busy, so the others have slowed down first. */
const JOIN_SETTLE_MS = 600;
/** An instance stays "busy" this long after its last message (no rejoining between messages). */
const BUSY_LINGER_MS = 3000;
/** Heartbeats older than this do not count (an instance that died stops counting after it). */
const HEARTBEAT_FRESH_MS = 6000;
const SWEEP_MS = 2000;

interface CachedAnnouncement {
  value?: Announcement;
  /** An announcement's card is the same for everyone: built once per cache period. */
  activity?: Partial<Activity>;
}

/**
 * Takes fan-out messages from the queue and sends each person their message once: the row
 * goes queued → sending (intent, ETag-guarded so one worker wins) → an outcome. Paced under
 * Teams' rate (shared between instances through heartbeats), Retry-After honoured, transient
 * failures retried with backoff, and a sweep that starts due sends and finishes drained ones.
 *
 * Work flows through as a pipeline: `concurrency` lanes each take the next person as soon as
 * they are done with one, and a new queue message is taken before the people in hand run out,
 * so the pacer always has someone waiting for the next slot. A person is `sending` only in a
 * lane, so a crash leaves at most `concurrency` unconfirmed.
 */
export class FanoutWorker {
  private running = false;
  private loop?: Promise<void>;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly pacer: SendPacer;
  /** Queue messages being worked on. */
  private readonly held = new Set<Promise<void>>();
  /** Announcements with messages in hand here, and how many. */
  private readonly holding = new Map<string, number>();
  /** People received but not yet given a lane. */
  private waitingForLane = 0;
  private lanesInUse = 0;
  private readonly laneQueue: (() => void)[] = [];
  private lastWorkAt = 0;
  private joined = false;
  private joining?: Promise<void>;
  private refreshing = false;
  private lastBeat = 0;
  private lastReport = 0;
  private sweeps = 0;
  private sweeping?: Promise<void>;
  private readonly cache = new Map<
    string,
    { at: number; entry: Promise<CachedAnnouncement>; value?: Announcement }
  >();
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
    return this.options.leaseMs ?? 30_000;
  }

  private get visibilitySeconds() {
    return this.options.visibilitySeconds ?? 30;
  }

  start(): void {
    if (this.running || this.options.pollMs <= 0) return;
    this.running = true;
    this.loop = this.run();
    this.timers.push(
      setInterval(() => {
        if (!this.sweeping) void this.sweepSafely();
      }, SWEEP_MS),
      setInterval(() => void this.refresh(), REFRESH_MS),
    );
  }

  /** Stops taking messages and waits for sends in flight to be recorded (SIGTERM). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.wake?.();
    await this.loop;
    await this.sweeping?.catch(() => undefined);
    await this.registry.leave();
  }

  private async run(): Promise<void> {
    while (this.running) {
      // Keep enough people waiting for a lane that none stands idle, and no more.
      const wanted = this.options.concurrency - this.waitingForLane;
      if (wanted <= 0) {
        await this.pause(this.options.pollMs); // woken as soon as a lane takes someone
        continue;
      }
      let messages: ReceivedFanoutMessage[] = [];
      try {
        messages = await this.queue.receive(
          Math.min(32, Math.ceil(wanted / 10)),
          this.visibilitySeconds,
        );
      } catch (error) {
        this.log.warn({ err: error }, 'fan-out queue unavailable; waiting');
      }
      if (messages.length === 0) {
        await this.pause(this.options.pollMs);
        continue;
      }
      this.lastWorkAt = Date.now();
      if (!this.joined) await this.join();
      for (const m of messages) {
        const work: Promise<void> = this.processMessage(m).finally(() => {
          this.held.delete(work);
          this.lastWorkAt = Date.now();
          this.wake?.();
        });
        this.held.add(work);
      }
    }
    await Promise.all([...this.held]);
  }

  /** Runs `work` in one of `concurrency` lanes: at most that many people are in hand at once. */
  private async inLane<T>(work: () => Promise<T>): Promise<T> {
    if (this.lanesInUse < this.options.concurrency) this.lanesInUse += 1;
    else await new Promise<void>((resolve) => this.laneQueue.push(resolve));
    try {
      return await work();
    } finally {
      // The lane passes straight on to whoever waits for one.
      const next = this.laneQueue.shift();
      if (next) next();
      else this.lanesInUse -= 1;
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

  /**
   * A send outside the fan-out (a journey nudge, a coordinator's summary, a channel post) takes
   * its slot under the same rate, and makes this instance count as busy for a while, so the
   * instances sharing Teams' limit leave room for it.
   */
  async pace(): Promise<void> {
    this.lastWorkAt = Date.now();
    if (this.running && !this.joined) await this.join();
    await this.pacer.take();
  }

  private isBusy(): boolean {
    return this.held.size > 0 || Date.now() - this.lastWorkAt < BUSY_LINGER_MS;
  }

  /**
   * Starting to send after an idle spell: say so, give the instances already sending one refresh
   * to slow down for us, then take our share. Without the wait, a newcomer and the incumbents
   * would together go over the ceiling until the incumbents next looked.
   */
  private join(): Promise<void> {
    // The queue loop and other sends may ask at once: one join between them.
    this.joining ??= this.joinOnce().finally(() => {
      this.joining = undefined;
    });
    return this.joining;
  }

  private async joinOnce(): Promise<void> {
    try {
      await this.registry.beat(true, new Date());
      this.lastBeat = Date.now();
      await new Promise((resolve) => setTimeout(resolve, JOIN_SETTLE_MS));
      await this.updateShare();
    } catch (error) {
      this.log.warn({ err: error }, 'fan-out heartbeat failed; sending at the last known share');
    }
    this.joined = true;
  }

  /** While busy, every REFRESH_MS: heartbeat and rate share. While idle, a heartbeat now and then. */
  private async refresh(): Promise<void> {
    if (this.refreshing || !this.running) return;
    this.refreshing = true;
    try {
      const busy = this.isBusy();
      if (!busy) this.joined = false;
      if (busy && !this.joined) return; // joining: join() beats and takes the share
      if (!busy && Date.now() - this.lastBeat < SWEEP_MS) return;
      await this.registry.beat(busy, new Date());
      this.lastBeat = Date.now();
      if (busy) await this.updateShare();
    } catch (error) {
      this.log.warn({ err: error }, 'fan-out heartbeat failed; will try again');
    } finally {
      this.refreshing = false;
    }
  }

  private async updateShare(): Promise<void> {
    const busy = await this.registry.busyCount(new Date(), HEARTBEAT_FRESH_MS);
    this.pacer.setRate(shareOfRate(this.options.ratePerSecond, Math.max(1, busy)));
    if (Date.now() - this.lastReport >= 10_000) {
      this.lastReport = Date.now();
      this.log.debug(
        {
          busyInstances: busy,
          ratePerSecond: Math.round(this.pacer.ratePerSecond * 10) / 10,
          lanesInUse: this.lanesInUse,
          waitingForLane: this.waitingForLane,
          waitingForSlot: this.pacer.queued,
          messages: this.held.size,
        },
        'fan-out pipeline',
      );
    }
  }

  /**
   * One queue message: its people, each in a lane as one comes free; those to try later go back
   * on the queue in one message, due when the first of them is.
   */
  async processMessage(received: ReceivedFanoutMessage): Promise<void> {
    const { message } = received;
    const hold = this.holdMessage(received);
    const announcementId = message.announcementId;
    this.holding.set(announcementId, (this.holding.get(announcementId) ?? 0) + 1);
    this.waitingForLane += message.participantIds.length;
    let waiting = message.participantIds.length;
    try {
      const settled = await Promise.allSettled(
        message.participantIds.map((participantId) =>
          this.inLane(async (): Promise<{ id: string; step: Step }> => {
            const known = message.rows?.[participantId];
            this.waitingForLane -= 1;
            waiting -= 1;
            this.wake?.();
            if (!this.running && this.options.pollMs > 0) {
              // Shutting down: hand the rest back untouched.
              return { id: participantId, step: { done: false, retryAt: Date.now(), row: known } };
            }
            const step = await this.processRecipient(
              message.cohortId,
              message.announcementId,
              participantId,
              known,
            );
            return { id: participantId, step };
          }),
        ),
      );
      // Every lane is done with this message before it is deleted or left to come back.
      const steps = settled.map((result) => {
        if (result.status === 'rejected') throw result.reason;
        return result.value;
      });
      const later = steps.flatMap(({ id, step }) =>
        step.done ? [] : [{ id, at: step.retryAt, row: step.row }],
      );
      if (later.length > 0) {
        const wait = Math.max(0, Math.min(...later.map((l) => l.at)) - Date.now());
        const rows: NonNullable<FanoutMessage['rows']> = {};
        for (const l of later) if (l.row) rows[l.id] = { etag: l.row.etag, value: l.row.value };
        await this.queue.send(
          { ...message, participantIds: later.map((l) => l.id), rows },
          Math.ceil(wait / 1000),
        );
      }
      await this.queue.delete(received.messageId, await hold.release());
    } catch (error) {
      await hold.release().catch(() => undefined);
      // Storage trouble: the message reappears after its visibility timeout; nothing is lost.
      this.log.warn(
        { err: error, announcementId: message.announcementId },
        'fan-out message left for retry',
      );
    } finally {
      this.waitingForLane -= waiting;
      const left = (this.holding.get(announcementId) ?? 1) - 1;
      if (left > 0) this.holding.set(announcementId, left);
      else this.holding.delete(announcementId);
    }
  }

  /**
   * Keeps a message invisible to other instances while we work on it (renewing its visibility
   * a third of the way through each period). `release` stops renewing and gives the latest pop
   * receipt, which the delete needs.
   */
  private holdMessage(received: ReceivedFanoutMessage) {
    let popReceipt = received.popReceipt;
    let renewal: Promise<void> | undefined;
    const timer = setInterval(
      () => {
        if (renewal) return;
        renewal = this.queue
          .extend(received.messageId, popReceipt, this.visibilitySeconds)
          .then((next) => {
            if (next) popReceipt = next;
            else clearInterval(timer); // no longer ours: the rows' ETags still keep sends single
          })
          .catch((error: unknown) => {
            this.log.warn({ err: error }, 'could not extend a fan-out message; will try again');
          })
          .finally(() => {
            renewal = undefined;
          });
      },
      (this.visibilitySeconds * 1000) / 3,
    );
    return {
      release: async (): Promise<string> => {
        clearInterval(timer);
        await renewal;
        return popReceipt;
      },
    };
  }

  /** The announcement, read at most once a second per instance however many lanes ask. */
  private announcement(cohortId: string, id: string): Promise<CachedAnnouncement> {
    const key = `${cohortId}|${id}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < 1000) return cached.entry;
    const slot: { at: number; entry: Promise<CachedAnnouncement>; value?: Announcement } = {
      at: Date.now(),
      value: cached?.value,
      entry: this.repos.announcements.get(cohortId, id).then(
        (found): CachedAnnouncement => {
          slot.value = found?.value;
          return { value: found?.value };
        },
        (error: unknown) => {
          this.cache.delete(key);
          throw error;
        },
      ),
    };
    this.cache.set(key, slot);
    if (this.cache.size > 100) {
      for (const [k, v] of this.cache) if (Date.now() - v.at > 1000) this.cache.delete(k);
    }
    return slot.entry;
  }

  /** Whether the announcement was cancelled, as last read (no storage call: for the send path). */
  private knownCancelled(cohortId: string, id: string): boolean {
    return this.cache.get(`${cohortId}|${id}`)?.value?.status === 'cancelled';
  }

  private async activityFor(
    cached: CachedAnnouncement,
    recipient: Recipient,
    timeZone: string | undefined,
  ): Promise<Partial<Activity> | undefined> {
    const a = cached.value!;
    if (a.kind !== 'announcement') {
      return this.announcements.activityFor(a, recipient, timeZone); // per person (RSVP, zone)
    }
    cached.activity ??= await this.announcements.activityFor(a, recipient, timeZone);
    return cached.activity;
  }

  /**
   * One person: the row queued → sending (intent) → its outcome. `known` is the row as the queue
   * message carried it: the intent is written over it unread, and only if it has changed since
   * is it read and looked at afresh.
   */
  async processRecipient(
    cohortId: string,
    announcementId: string,
    participantId: string,
    known?: Versioned<Recipient>,
  ): Promise<Step> {
    const cached = await this.announcement(cohortId, announcementId);
    const announcement = cached.value;
    const row =
      known ?? (await this.repos.announcements.getRecipient(announcementId, participantId));
    if (!announcement || !row) return DONE;
    const afresh = () => this.processRecipient(cohortId, announcementId, participantId);
    const r = row.value;
    const now = this.now();
    if (FINAL_STATUSES.has(r.status)) return known ? afresh() : DONE;
    if (r.status === 'sending') {
      // Another worker holds it, or held it and died: the sweep decides, never a blind resend.
      if (isAbandoned(r, now) && !(await this.markUnconfirmed(row)) && known) return afresh();
      return DONE;
    }
    if (announcement.status === 'cancelled') {
      const moved = await this.tryReplace(row, {
        ...r,
        status: 'cancelled',
        updatedAt: now.toISOString(),
      });
      return !moved && known ? afresh() : DONE;
    }
    if (r.notBefore && Date.parse(r.notBefore) > now.getTime()) {
      return {
        done: false,
        retryAt: Date.now() + (Date.parse(r.notBefore) - now.getTime()),
        row,
      };
    }

    // Everything the send needs is read first; then the intent; then the slot and the send at
    // once, with no storage call between them (its latency would bunch sends over the limit).
    let outcome: AttemptOutcome | undefined;
    let send: (() => Promise<AttemptOutcome>) | undefined;
    if (!r.userId) {
      outcome = { kind: 'no-conversation', detail: 'not linked to Teams yet' };
    } else {
      const userId = r.userId;
      const stored = await this.repos.conversations.getPersonal(userId);
      const activity = await this.activityFor(cached, r, stored?.timeZone);
      if (!stored) outcome = { kind: 'no-conversation', detail: 'no stored conversation' };
      else if (!activity) outcome = { kind: 'fatal', detail: 'the event no longer exists' };
      else send = () => this.delivery.sendToUser(userId, activity, stored);
    }

    // Intent: only the worker whose write lands may send.
    const started = this.now();
    const intent: Recipient = {
      ...r,
      status: 'sending',
      attempts: r.attempts + 1,
      sendingUntil: new Date(started.getTime() + this.leaseMs).toISOString(),
      updatedAt: started.toISOString(),
    };
    const claimed = await this.tryReplace(row, intent);
    if (!claimed) return known ? afresh() : DONE; // changed since the message was written
    if (send) {
      await this.pacer.take();
      if (this.knownCancelled(cohortId, announcementId)) {
        // Cancelled while we waited for the slot: not sent, and now never will be.
        await this.recordOutcome(claimed, {
          ...r,
          status: 'cancelled',
          sendingUntil: undefined,
          updatedAt: this.now().toISOString(),
        });
        return DONE;
      }
      outcome = await send();
    }
    if (!outcome) return DONE;

    if (outcome.kind === 'retry' && outcome.retryAfterMs) this.pacer.pause(outcome.retryAfterMs);
    const next = afterAttempt(claimed.value, outcome, this.options.maxAttempts, this.now());
    const recorded = await this.recordOutcome(claimed, next);
    if (next.status === 'queued' && next.notBefore) {
      return {
        done: false,
        retryAt: Date.now() + Math.max(0, Date.parse(next.notBefore) - this.now().getTime()),
        row: recorded,
      };
    }
    return DONE;
  }

  /** The outcome replaces our intent; if the sweep had given up on us, the truth still wins. */
  private async recordOutcome(
    claimed: Versioned<Recipient>,
    next: Recipient,
  ): Promise<Versioned<Recipient> | undefined> {
    try {
      return await this.repos.announcements.replaceRecipient(next, claimed.etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const latest = await this.repos.announcements.getRecipient(
        next.announcementId,
        next.participantId,
      );
      if (latest && latest.value.status === 'unconfirmed') {
        return this.tryReplace(latest, { ...next, acknowledgedAt: latest.value.acknowledgedAt });
      } else if (latest && latest.value.acknowledgedAt && !next.acknowledgedAt) {
        // "Got it" landed before our outcome did: keep both.
        return this.tryReplace(latest, { ...next, acknowledgedAt: latest.value.acknowledgedAt });
      }
      return undefined;
    }
  }

  private async markUnconfirmed(row: Versioned<Recipient>) {
    return this.tryReplace(row, unconfirmedAfterCrash(row.value, this.now()));
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
   * Every couple of seconds, on every instance (all steps are idempotent): start sends whose time
   * has come, and finish sends that have drained. One sweep at a time per instance: a call while
   * one runs waits for it, then sweeps again.
   */
  async sweep(): Promise<void> {
    const previous = this.sweeping;
    const mine = (async () => {
      await previous?.catch(() => undefined);
      await this.sweepOnce();
    })();
    this.sweeping = mine;
    try {
      await mine;
    } finally {
      if (this.sweeping === mine) this.sweeping = undefined;
    }
  }

  private async sweepOnce(): Promise<void> {
    const now = this.now();
    this.sweeps += 1;
    for (const due of await this.repos.announcements.dueBy(now)) {
      await this.announcements.start(due.cohortId, due.announcementId);
    }
    const active = await this.repos.announcements.active();
    if (active.length === 0) return;
    const drained = (await this.queue.approximateCount()) === 0 && this.held.size === 0;
    if (!drained && this.sweeps % 15 !== 0) return;
    for (const a of active) {
      if (drained || !this.holding.has(a.announcementId)) {
        await this.announcements.finishIfDrained(a.cohortId, a.announcementId);
      } else {
        // Still sending it here, so it cannot be finished: only look for rows whose sender died
        // (reading every row of a large send every half minute would stall this instance).
        await this.announcements.releaseAbandoned(a.announcementId);
      }
    }
  }

  /** Drains the queue in the calling process until nothing is left (tests and the dev clock). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      await this.sweep();
      const messages = await this.queue.receive(32, this.visibilitySeconds);
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

import type { Logger } from '../../../../platform/logger';
import type { FanoutMessage, FanoutQueue, ReceivedFanoutMessage } from '../queue/fanout-queue';
import type { RecipientSender, Step } from './recipient-send';
import { REFRESH_MS, type SharedRate } from './shared-rate';

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

/**
 * Send: takes fan-out messages from the queue and sends each person their message once (see
 * RecipientSender), paced under Teams' rate shared between instances (SharedRate).
 *
 * Work flows through as a pipeline: `concurrency` lanes each take the next person as soon as
 * they are done with one, and a new queue message is taken before the people in hand run out,
 * so the pacer always has someone waiting for the next slot. A person is `sending` only in a
 * lane, so a crash leaves at most `concurrency` unconfirmed.
 */
export class FanoutWorker {
  private running = false;
  private loop?: Promise<void>;
  private refreshTimer?: ReturnType<typeof setInterval>;
  /** Queue messages being worked on. */
  private readonly held = new Set<Promise<void>>();
  /** Announcements with messages in hand here, and how many. */
  private readonly holding = new Map<string, number>();
  /** People received but not yet given a lane. */
  private waitingForLane = 0;
  private lanesInUse = 0;
  private readonly laneQueue: (() => void)[] = [];
  private wake?: () => void;

  constructor(
    private readonly queue: FanoutQueue,
    private readonly sender: RecipientSender,
    private readonly rate: SharedRate,
    private readonly log: Logger,
    private readonly options: FanoutWorkerOptions,
  ) {}

  get visibilitySeconds() {
    return this.options.visibilitySeconds ?? 30;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** What is in hand here, for the rate's busy test and its debug line. */
  stats() {
    return {
      messages: this.held.size,
      lanesInUse: this.lanesInUse,
      waitingForLane: this.waitingForLane,
    };
  }

  /** Whether this instance holds a queue message of the announcement. */
  isHolding(announcementId: string): boolean {
    return this.holding.has(announcementId);
  }

  /** Starts taking messages; false when the worker is off (pollMs 0) or already running. */
  start(): boolean {
    if (this.running || this.options.pollMs <= 0) return false;
    this.running = true;
    this.loop = this.run();
    this.refreshTimer = setInterval(() => {
      if (this.running) void this.rate.refresh();
    }, REFRESH_MS);
    return true;
  }

  /** Stops taking messages and waits for sends in flight to be recorded (SIGTERM). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.wake?.();
    await this.loop;
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
      this.rate.noteWork();
      if (!this.rate.hasJoined) await this.rate.join();
      for (const m of messages) {
        const work: Promise<void> = this.processMessage(m).finally(() => {
          this.held.delete(work);
          this.rate.noteWork();
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
    this.rate.noteWork();
    if (this.running && !this.rate.hasJoined) await this.rate.join();
    await this.rate.take();
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
            const step = await this.sender.processRecipient(
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
}

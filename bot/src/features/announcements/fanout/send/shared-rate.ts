import type { Logger } from '../../../../platform/logger';
import { SendPacer, shareOfRate } from '../../../../platform/teams/send-pacer';
import type { WorkerRegistry } from '../../../../platform/teams/worker-registry';

/** How often a busy instance says so and re-reads how many share the rate. */
export const REFRESH_MS = 400;
/** A newcomer waits this long after saying it is busy, so the others have slowed down first. */
const JOIN_SETTLE_MS = 600;
/** An instance stays "busy" this long after its last message (no rejoining between messages). */
const BUSY_LINGER_MS = 3000;
/** Heartbeats older than this do not count (an instance that died stops counting after it). */
const HEARTBEAT_FRESH_MS = 6000;
/** An idle instance beats no more often than this. */
const IDLE_BEAT_MS = 2000;
/** How often a busy instance logs its pipeline (at debug). */
const REPORT_MS = 10_000;

/** What the worker has in hand, for the busy test and the pipeline's debug line. */
export interface PipelineStats {
  /** Queue messages being worked on. */
  messages: number;
  lanesInUse: number;
  waitingForLane: number;
}

/**
 * Teams' rate for the app, shared by every instance: each busy instance says so in a heartbeat
 * and takes an equal share; every send (the fan-out's and any other proactive message) waits
 * for a slot under this instance's share.
 */
export class SharedRate {
  private readonly pacer: SendPacer;
  private lastWorkAt = 0;
  private joined = false;
  private joining?: Promise<void>;
  private refreshing = false;
  private lastBeat = 0;
  private lastReport = 0;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly log: Logger,
    private readonly ratePerSecond: number,
    private readonly stats: () => PipelineStats,
  ) {
    this.pacer = new SendPacer(shareOfRate(ratePerSecond, 1));
  }

  get currentRate(): number {
    return this.pacer.ratePerSecond;
  }

  get hasJoined(): boolean {
    return this.joined;
  }

  /** Work was taken (or has just finished): this instance counts as busy a while longer. */
  noteWork(): void {
    this.lastWorkAt = Date.now();
  }

  /** Waits for a slot under this instance's share. */
  take(): Promise<void> {
    return this.pacer.take();
  }

  /** Teams asked us to wait (Retry-After): no slot for anyone here until then. */
  pause(ms: number): void {
    this.pacer.pause(ms);
  }

  private isBusy(): boolean {
    return this.stats().messages > 0 || Date.now() - this.lastWorkAt < BUSY_LINGER_MS;
  }

  /**
   * Starting to send after an idle spell: say so, give the instances already sending one refresh
   * to slow down for us, then take our share. Without the wait, a newcomer and the incumbents
   * would together go over the ceiling until the incumbents next looked.
   */
  join(): Promise<void> {
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
  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      const busy = this.isBusy();
      if (!busy) this.joined = false;
      if (busy && !this.joined) return; // joining: join() beats and takes the share
      if (!busy && Date.now() - this.lastBeat < IDLE_BEAT_MS) return;
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
    this.pacer.setRate(shareOfRate(this.ratePerSecond, Math.max(1, busy)));
    if (Date.now() - this.lastReport >= REPORT_MS) {
      this.lastReport = Date.now();
      const stats = this.stats();
      this.log.debug(
        {
          busyInstances: busy,
          ratePerSecond: Math.round(this.pacer.ratePerSecond * 10) / 10,
          lanesInUse: stats.lanesInUse,
          waitingForLane: stats.waitingForLane,
          waitingForSlot: this.pacer.queued,
          messages: stats.messages,
        },
        'fan-out pipeline',
      );
    }
  }

  /** This instance no longer sends (shutdown). */
  leave(): Promise<void> {
    return this.registry.leave();
  }
}

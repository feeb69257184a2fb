/**
 * Spaces sends evenly at a rate (no bursts), so the fan-out stays under Teams' per-app limit
 * measured over any one-second window. A 429's Retry-After pauses every send of this worker.
 *
 * Callers wait in line and are let through one at a time, each slot 1/rate after the one before,
 * at the rate in force when the slot comes round: a rate change (another instance started or
 * stopped sharing the work) takes effect at the next slot, not after slots handed out earlier.
 * A timer that fires late is caught up on the following slots, so the achieved rate is the rate
 * asked for, but credit is never banked across an idle spell.
 *
 * Catching up never crowds a second: in any window of one second (and a few milliseconds more,
 * room for jitter on the way) at most ⌊rate⌋ sends go, so instances sharing the ceiling never
 * together exceed the sum of their shares in any second Teams counts (issue 18; see
 * docs/announcements.md, "The margin").
 */
/** The window Teams counts sends in. */
export const RATE_WINDOW_MS = 1000;
/** Room in the window for jitter between our send and Teams' count. */
export const RATE_WINDOW_GUARD_MS = 5;

export class SendPacer {
  private nextSlot = 0;
  /** When the sends of the last window went, oldest first. */
  private readonly sent: number[] = [];
  private pausedUntil = 0;
  private readonly waiting: (() => void)[] = [];
  private pumping = false;

  constructor(
    private rate: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  get ratePerSecond(): number {
    return this.rate;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Changes the rate, e.g. when another instance starts or stops sharing the work. */
  setRate(rate: number): void {
    this.rate = Math.max(0.1, rate);
  }

  /** Stops every send until `ms` from now (Teams said Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Resolves when the caller may send: one slot of 1/rate seconds each, in order of asking. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const now = this.now();
        const interval = 1000 / this.rate;
        let slot = Math.max(this.nextSlot, this.pausedUntil);
        // After an idle spell (or a very late timer) start afresh rather than burst to catch up.
        if (slot < now - interval) slot = now;
        if (slot > now) {
          await this.sleep(slot - now);
          continue; // the rate or a pause may have changed while asleep
        }
        const freeAt = this.windowFreeAt(now);
        if (freeAt > now) {
          await this.sleep(freeAt - now);
          continue;
        }
        this.nextSlot = slot + interval;
        this.sent.push(now);
        this.waiting.shift()!();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** When the window has room for one more send: now, or when its oldest counted send leaves. */
  private windowFreeAt(now: number): number {
    const span = RATE_WINDOW_MS + RATE_WINDOW_GUARD_MS;
    while (this.sent.length > 0 && this.sent[0]! <= now - span) this.sent.shift();
    const cap = Math.max(1, Math.floor(this.rate));
    if (this.sent.length < cap) return now;
    return this.sent[this.sent.length - cap]! + span;
  }
}

/**
 * The share of Teams' ceiling the instances aim at together: the rest is room for timer and
 * network jitter to bunch requests into one second (docs/announcements.md, "The margin").
 */
export const RATE_MARGIN = 0.96;

/**
 * Each instance's share of the app's rate: the ceiling divided among the instances that are
 * sending now (each says so in a heartbeat row), with a small margin under the ceiling.
 */
export function shareOfRate(ceiling: number, busyInstances: number, margin = RATE_MARGIN): number {
  return (ceiling * margin) / Math.max(1, busyInstances);
}

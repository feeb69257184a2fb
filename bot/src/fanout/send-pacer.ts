/**
 * Spaces sends evenly at a rate (no bursts), so the fan-out stays under Teams' per-app limit
 * measured over any one-second window. A 429's Retry-After pauses every send of this worker.
 */
export class SendPacer {
  private nextSlot = 0;
  private pausedUntil = 0;

  constructor(
    private rate: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  get ratePerSecond(): number {
    return this.rate;
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
  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = slot + 1000 / this.rate;
    if (slot > now) await this.sleep(slot - now);
  }
}

/**
 * Each instance's share of the app's rate: the ceiling divided among the instances that are
 * sending now (each says so in a heartbeat row), with a small margin under the ceiling.
 */
export function shareOfRate(ceiling: number, busyInstances: number, margin = 0.96): number {
  return (ceiling * margin) / Math.max(1, busyInstances);
}

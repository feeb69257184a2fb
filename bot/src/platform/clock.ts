/**
 * The service's sense of "now". In production it is the system clock; in dev mode
 * (`POST /api/dev/clock`) it can be moved, so a six-month programme can be walked in seconds.
 * Time keeps flowing after a move: the clock holds an offset, not a frozen instant.
 */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly system: () => number = Date.now) {}

  now(): Date {
    return new Date(this.system() + this.offsetMs);
  }

  /** Moves the clock so that `now()` reads `instant` at this moment. */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - this.system();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

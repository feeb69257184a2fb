import { BoundedMap } from '../bounded-map';
import { writeMark } from './read-coalescer';

/** How long a shared read is answered again, and how many are kept. */
export const RECENT_READS = { maxEntries: 256, maxAgeMs: 2_000 };

/**
 * A read that is the same for everyone who makes it (a cohort's calendar, its recent
 * announcements), answered again for a moment: when an announcement reaches a large cohort,
 * hundreds open the channel home within seconds and each would read the same rows.
 *
 * A kept read is used only while this process has sent no write to its tables since it began,
 * so a person always sees their own change (an RSVP, a new announcement) at once. Another
 * instance's change shows within `maxAgeMs`. Bounded by size and age (issue 18).
 */
export class RecentReads<T> {
  private readonly kept: BoundedMap<string, { mark: number; read: Promise<T> }>;

  constructor(
    /** The full names of the tables the read comes from. */
    private readonly tables: readonly string[],
    limits = RECENT_READS,
    now?: () => number,
  ) {
    this.kept = new BoundedMap(limits, now);
  }

  /** The read kept for `key` if still fresh, else `fetch()`'s (kept for the next asker). */
  read(key: string, fetch: () => Promise<T>): Promise<T> {
    const mark = writeMark(this.tables);
    const known = this.kept.get(key);
    if (known && known.mark === mark) return known.read;
    const entry = { mark, read: fetch() };
    this.kept.set(key, entry);
    // A failed read is not kept: the next asker reads again.
    entry.read.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return entry.read;
  }
}

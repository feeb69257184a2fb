/**
 * A map for caches, bounded by size and by age: at most `maxEntries` entries (the least
 * recently written goes first) and none read back older than `maxAgeMs`. Every long-lived
 * cache in the service is one of these, so memory returns after load.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();

  constructor(
    private readonly limits: { maxEntries: number; maxAgeMs: number },
    private readonly now: () => number = Date.now,
  ) {
    if (limits.maxEntries < 1) throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, unless it is missing or older than maxAgeMs (then it is dropped). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.limits.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores the value as new; the oldest entries go while the map is over its size. */
  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.limits.maxEntries) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

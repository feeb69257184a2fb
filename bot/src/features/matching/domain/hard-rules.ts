import { modesFit, sameLine, type CompiledPool } from './compiled-pool';

/** The hard rules, in the order they are checked; the first broken one is reported. */
export type HardRule =
  'band-gap' | 'reporting-line' | 'meeting-mode' | 'never-pair' | 'paired-before';

export const HARD_RULES: readonly HardRule[] = [
  'band-gap',
  'reporting-line',
  'meeting-mode',
  'never-pair',
  'paired-before',
];

export const HARD_RULE_WORDS: Record<HardRule, string> = {
  'band-gap': 'not junior enough by the cohort’s band gap',
  'reporting-line': 'in the same reporting line',
  'meeting-mode': 'meeting modes (or, in person only, locations) do not fit',
  'never-pair': 'the programme team asked never to pair them',
  'paired-before': 'paired in an earlier cohort',
};

/**
 * Unordered pairs of people, by their index in the pool: a hash of pair keys (open addressing
 * over a typed array), so a list of a million forbidden pairs is built and read quickly.
 */
export class IndexPairSet {
  private keys = new Float64Array(16).fill(-1);
  private count = 0;
  /** The pairs added, two indices each, in order: what `forEach` walks. */
  private list = new Int32Array(16);
  constructor(private readonly size: number) {}
  add(a: number, b: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    if (!this.insert(this.key(a, b))) return;
    if (this.count * 2 + 2 > this.list.length) {
      const longer = new Int32Array(this.list.length * 2);
      longer.set(this.list);
      this.list = longer;
    }
    this.list[this.count * 2] = Math.min(a, b);
    this.list[this.count * 2 + 1] = Math.max(a, b);
    this.count++;
  }
  has(a: number, b: number): boolean {
    if (this.count === 0) return false;
    const key = this.key(a, b);
    const mask = this.keys.length - 1;
    for (let at = hash(key) & mask; ; at = (at + 1) & mask) {
      const k = this.keys[at]!;
      if (k === key) return true;
      if (k === -1) return false;
    }
  }
  /** Each pair once, smaller index first. */
  forEach(visit: (a: number, b: number) => void): void {
    for (let k = 0; k < this.count; k++) visit(this.list[k * 2]!, this.list[k * 2 + 1]!);
  }
  private key(a: number, b: number): number {
    return a < b ? a * this.size + b : b * this.size + a;
  }
  private insert(key: number): boolean {
    const mask = this.keys.length - 1;
    for (let at = hash(key) & mask; ; at = (at + 1) & mask) {
      const k = this.keys[at]!;
      if (k === key) return false;
      if (k === -1) {
        this.keys[at] = key;
        return true;
      }
    }
  }
  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2).fill(-1);
    for (const k of old) if (k >= 0) this.insert(k);
  }
}

/** A 32-bit mix of a pair key (below 2^53). */
function hash(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296);
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) ^ (low >>> 13);
}

export interface RuleContext {
  readonly pool: CompiledPool;
  readonly minimumBandGap: number;
  readonly neverPair: IndexPairSet;
  readonly previousPairs: IndexPairSet;
}

/** The first hard rule the pair (mentor, mentee), given as pool indices, breaks; null when none. */
export function brokenRule(ctx: RuleContext, mentor: number, mentee: number): HardRule | null {
  const { pool } = ctx;
  if (pool.band[mentee]! - pool.band[mentor]! < ctx.minimumBandGap) return 'band-gap';
  if (sameLine(pool, mentor, mentee)) return 'reporting-line';
  if (!modesFit(pool, mentor, mentee)) return 'meeting-mode';
  if (ctx.neverPair.has(mentor, mentee)) return 'never-pair';
  if (ctx.previousPairs.has(mentor, mentee)) return 'paired-before';
  return null;
}

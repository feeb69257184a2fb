import type { MatchCandidate, MeetingMode } from './matching-input';

/**
 * The candidates turned into numbers once, so that checking and scoring every
 * mentor-mentee pair (25 million at 5,000 a side) costs integer work only.
 */
export interface CompiledPool {
  readonly people: readonly MatchCandidate[];
  /** Index into `people` -> everyone above them in the line-manager chain (node numbers). */
  readonly above: readonly Int32Array[];
  /** Index into `people` -> their node number in the line-manager forest. */
  readonly node: Int32Array;
  readonly band: Float64Array;
  readonly organisation: Int32Array;
  /** 0 online, 1 in person, 2 either. */
  readonly mode: Int8Array;
  /** 0 for no location given. */
  readonly location: Int32Array;
  readonly wordsPerMask: number;
  /** Bit masks, `wordsPerMask` words per person. */
  readonly shared: Uint32Array;
  readonly wanted: Uint32Array;
  readonly slots: Uint32Array;
  readonly wantedCount: Int32Array;
  readonly slotCount: Int32Array;
}

const MODE: Record<MeetingMode, number> = { online: 0, 'in-person': 1, either: 2 };

class Interner {
  private readonly ids = new Map<string, number>();
  constructor(private readonly first = 0) {}
  of(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.first + this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }
  get size(): number {
    return this.ids.size;
  }
}

const norm = (text: string | undefined): string => (text ?? '').trim().toLowerCase();

export function compilePool(people: readonly MatchCandidate[]): CompiledPool {
  const n = people.length;
  const nodes = new Interner();
  const node = new Int32Array(n);
  people.forEach((p, i) => (node[i] = nodes.of(p.id)));
  const managerOf = new Map<number, number>();
  for (const p of people)
    if (p.lineManagerId) managerOf.set(nodes.of(p.id), nodes.of(p.lineManagerId));
  const above = people.map((_, i) => {
    const chain: number[] = [];
    const seen = new Set<number>([node[i]!]);
    let next = managerOf.get(node[i]!);
    while (next !== undefined && !seen.has(next)) {
      chain.push(next);
      seen.add(next);
      next = managerOf.get(next);
    }
    return Int32Array.from(chain);
  });

  const orgs = new Interner();
  const places = new Interner(1);
  const topics = new Interner();
  const times = new Interner();
  for (const p of people) {
    for (const t of [...p.perspectivesShared, ...p.perspectivesWanted]) topics.of(norm(t));
    for (const s of p.availability) times.of(norm(s));
  }
  const wordsPerMask = Math.max(1, Math.ceil(Math.max(topics.size, times.size) / 32));
  const shared = new Uint32Array(n * wordsPerMask);
  const wanted = new Uint32Array(n * wordsPerMask);
  const slots = new Uint32Array(n * wordsPerMask);
  const setBits = (mask: Uint32Array, i: number, bits: number[]): number => {
    const unique = new Set(bits);
    for (const b of unique) mask[i * wordsPerMask + (b >>> 5)]! |= 1 << (b & 31);
    return unique.size;
  };
  const wantedCount = new Int32Array(n);
  const slotCount = new Int32Array(n);
  const band = new Float64Array(n);
  const organisation = new Int32Array(n);
  const mode = new Int8Array(n);
  const location = new Int32Array(n);
  people.forEach((p, i) => {
    band[i] = p.bandIndex;
    organisation[i] = orgs.of(norm(p.organisation));
    mode[i] = MODE[p.meetingMode];
    location[i] = norm(p.location) === '' ? 0 : places.of(norm(p.location));
    setBits(
      shared,
      i,
      p.perspectivesShared.map((t) => topics.of(norm(t))),
    );
    wantedCount[i] = setBits(
      wanted,
      i,
      p.perspectivesWanted.map((t) => topics.of(norm(t))),
    );
    slotCount[i] = setBits(
      slots,
      i,
      p.availability.map((s) => times.of(norm(s))),
    );
  });
  return {
    people,
    above,
    node,
    band,
    organisation,
    mode,
    location,
    wordsPerMask,
    shared,
    wanted,
    slots,
    wantedCount,
    slotCount,
  };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** How many bits person a's mask and person b's mask share. */
export function overlap(
  pool: CompiledPool,
  maskA: Uint32Array,
  a: number,
  maskB: Uint32Array,
  b: number,
): number {
  const w = pool.wordsPerMask;
  let count = 0;
  for (let k = 0; k < w; k++) count += popcount(maskA[a * w + k]! & maskB[b * w + k]!);
  return count;
}

/** True when one of the two is above the other in the line-manager chain. */
export function sameLine(pool: CompiledPool, a: number, b: number): boolean {
  const na = pool.node[a]!;
  const nb = pool.node[b]!;
  return na === nb || pool.above[a]!.includes(nb) || pool.above[b]!.includes(na);
}

/** A common mode exists; when the only common mode is in person, the locations match. */
export function modesFit(pool: CompiledPool, a: number, b: number): boolean {
  const ma = pool.mode[a];
  const mb = pool.mode[b];
  if (ma !== 1 && mb !== 1) return true;
  if (ma === 0 || mb === 0) return false;
  return pool.location[a] !== 0 && pool.location[a] === pool.location[b];
}

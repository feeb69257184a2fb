import type { MatchCandidate, MeetingMode } from './matching-input';

/**
 * The candidates turned into numbers once, so that checking and scoring every
 * mentor-mentee pair (25 million at 5,000 a side) costs integer work only.
 */
export interface CompiledPool {
  readonly people: readonly MatchCandidate[];
  /** Index into `people` -> their node number in the line-manager forest. */
  readonly node: Int32Array;
  /**
   * Index into `people` -> when a depth-first walk of the line-manager forest enters and leaves
   * them: a is above b (or is b) exactly when enter[a] <= enter[b] and exit[b] <= exit[a].
   * People in a cycle of managers share one place in the forest (each is above the others).
   */
  readonly lineEnter: Int32Array;
  readonly lineExit: Int32Array;
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
  /** Lived-experience tokens as bit masks (`wordsPerMask` words per person), and how many. */
  readonly lived: Uint32Array;
  readonly livedCount: Int32Array;
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
  const managerOf: number[] = [];
  for (const p of people)
    if (p.lineManagerId) managerOf[nodes.of(p.id)] = nodes.of(p.lineManagerId);
  const { enter, exit } = lineForest(managerOf, nodes.size);
  const lineEnter = new Int32Array(n);
  const lineExit = new Int32Array(n);
  people.forEach((_, i) => {
    lineEnter[i] = enter[node[i]!]!;
    lineExit[i] = exit[node[i]!]!;
  });

  const orgs = new Interner();
  const places = new Interner(1);
  const topics = new Interner();
  const times = new Interner();
  const tokens = new Interner();
  for (const p of people) {
    for (const t of [...p.perspectivesShared, ...p.perspectivesWanted]) topics.of(norm(t));
    for (const s of p.availability) times.of(norm(s));
    for (const t of p.livedExperience ?? []) tokens.of(norm(t));
  }
  const widest = Math.max(topics.size, times.size, tokens.size);
  const wordsPerMask = Math.max(1, Math.ceil(widest / 32));
  const shared = new Uint32Array(n * wordsPerMask);
  const wanted = new Uint32Array(n * wordsPerMask);
  const slots = new Uint32Array(n * wordsPerMask);
  const lived = new Uint32Array(n * wordsPerMask);
  const setBits = (mask: Uint32Array, i: number, bits: number[]): number => {
    const unique = new Set(bits);
    for (const b of unique) mask[i * wordsPerMask + (b >>> 5)]! |= 1 << (b & 31);
    return unique.size;
  };
  const wantedCount = new Int32Array(n);
  const slotCount = new Int32Array(n);
  const livedCount = new Int32Array(n);
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
    livedCount[i] = setBits(
      lived,
      i,
      (p.livedExperience ?? []).map((t) => tokens.of(norm(t))),
    );
  });
  return {
    people,
    node,
    lineEnter,
    lineExit,
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
    lived,
    livedCount,
  };
}

/**
 * Entry and exit times of a depth-first walk over the line-manager forest (`managerOf[node]`,
 * undefined at the top). A cycle of managers (a data error, but possible) is drawn together
 * into one place, at the top of its own tree: everyone in it, and everyone below it, is then in
 * one line, as following the chain upwards would say.
 */
function lineForest(
  managerOf: readonly (number | undefined)[],
  size: number,
): { enter: Int32Array; exit: Int32Array } {
  // Each node's place: itself, or the first node found of the cycle it is on.
  const place = new Int32Array(size).fill(-1);
  const onPath = new Int32Array(size).fill(-1);
  const isCycle = new Uint8Array(size);
  for (let start = 0; start < size; start++) {
    if (place[start]! >= 0) continue;
    const path: number[] = [];
    let x: number | undefined = start;
    while (x !== undefined && place[x]! < 0 && onPath[x]! < 0) {
      onPath[x] = start;
      path.push(x);
      x = managerOf[x];
    }
    if (x !== undefined && place[x]! < 0) {
      // x is on this walk's own path: the path from x onwards is a cycle.
      for (let k = path.indexOf(x); k < path.length; k++) {
        place[path[k]!] = x;
        isCycle[path[k]!] = 1;
      }
    }
    for (const y of path) if (place[y]! < 0) place[y] = y;
  }
  const children: number[][] = Array.from({ length: size }, () => []);
  const roots: number[] = [];
  for (let x = 0; x < size; x++) {
    if (place[x] !== x) continue;
    const up = managerOf[x];
    if (isCycle[x] || up === undefined) roots.push(x);
    else children[place[up]!]!.push(x);
  }
  const placeEnter = new Int32Array(size);
  const placeExit = new Int32Array(size);
  let clock = 0;
  for (const root of roots) {
    const stack: number[] = [root];
    const next: number[] = [0];
    placeEnter[root] = clock++;
    while (stack.length > 0) {
      const top = stack.length - 1;
      const at = stack[top]!;
      const kids = children[at]!;
      const k = next[top]!;
      if (k < kids.length) {
        next[top] = k + 1;
        const child = kids[k]!;
        placeEnter[child] = clock++;
        stack.push(child);
        next.push(0);
      } else {
        placeExit[at] = clock++;
        stack.pop();
        next.pop();
      }
    }
  }
  const enter = new Int32Array(size);
  const exit = new Int32Array(size);
  for (let x = 0; x < size; x++) {
    enter[x] = placeEnter[place[x]!]!;
    exit[x] = placeExit[place[x]!]!;
  }
  return { enter, exit };
}

/** Bits set in each 16-bit number. */
const BITS16 = ((): Uint8Array => {
  const table = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) table[i] = (i & 1) + table[i >>> 1]!;
  return table;
})();

/** How many bits are set in a 32-bit word. */
export function popcount(x: number): number {
  return BITS16[x & 0xffff]! + BITS16[x >>> 16]!;
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

/** True when one of the two is above the other in the line-manager chain (any number of levels). */
export function sameLine(pool: CompiledPool, a: number, b: number): boolean {
  const ea = pool.lineEnter[a]!;
  const xa = pool.lineExit[a]!;
  const eb = pool.lineEnter[b]!;
  const xb = pool.lineExit[b]!;
  return (ea <= eb && xb <= xa) || (eb <= ea && xa <= xb);
}

/** A common mode exists; when the only common mode is in person, the locations match. */
export function modesFit(pool: CompiledPool, a: number, b: number): boolean {
  const ma = pool.mode[a];
  const mb = pool.mode[b];
  if (ma !== 1 && mb !== 1) return true;
  if (ma === 0 || mb === 0) return false;
  return pool.location[a] !== 0 && pool.location[a] === pool.location[b];
}

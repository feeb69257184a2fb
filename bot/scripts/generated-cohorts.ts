import type {
  MatchAim,
  MatchCandidate,
  MatchInput,
  ReciprocalCandidate,
  ReciprocalInput,
} from '../src/features/matching';

/**
 * Generated, realistic cohorts for the matching bench and the independent-method tests:
 * organisations with reporting-line trees, a ten-band ladder, perspectives, meeting modes,
 * locations, availability, and 5% of all possible pairs on the never-pair and earlier-cohort
 * lists. Seeded, so each run sees the same cohort.
 */

const PERSPECTIVES = [
  'disability',
  'ethnicity',
  'lgbtq+',
  'carer',
  'faith',
  'neurodivergence',
  'first-generation',
  'international',
];
const SLOTS = ['mon-am', 'mon-pm', 'tue-am', 'tue-pm', 'wed-am', 'wed-pm', 'thu-am', 'thu-pm'];
const PLACES = ['Leeds', 'York', 'Bradford', 'Hull'];
const ORGS = ['Trust A', 'Trust B', 'Trust C', 'ICB', 'Community Trust'];

/** A small seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** People with ids `p0`..; `bandOf(i)` places person i on the ladder; managers are more senior. */
function people(
  count: number,
  rand: () => number,
  bandOf: (i: number) => number,
): ReciprocalCandidate[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const some = (list: readonly string[], max: number): string[] =>
    list.filter(() => rand() < max / list.length);
  const drawn = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    bandIndex: bandOf(i),
    organisation: pick(ORGS),
  }));
  const byOrgAndBand = new Map<string, string[]>();
  const out: ReciprocalCandidate[] = [];
  for (const p of [...drawn].sort((a, b) => b.bandIndex - a.bandIndex)) {
    const above: string[] = [];
    for (let b = p.bandIndex + 1; b < 10; b++)
      above.push(...(byOrgAndBand.get(`${p.organisation}/${b}`) ?? []));
    const key = `${p.organisation}/${p.bandIndex}`;
    byOrgAndBand.set(key, [...(byOrgAndBand.get(key) ?? []), p.id]);
    out.push({
      ...p,
      lineManagerId: above.length
        ? above[Math.floor(rand() * Math.min(above.length, 50))]
        : `${p.organisation}-chief`,
      perspectivesShared: some(PERSPECTIVES, 3),
      perspectivesWanted: some(PERSPECTIVES, 3),
      meetingMode: pick(['online', 'online', 'either', 'in-person'] as const),
      location: pick(PLACES),
      availability: some(SLOTS, 4),
    });
  }
  return out.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
}

/** `count` random pairs drawn by `draw`, split 60/40 into never-pair and earlier-cohort lists. */
function forbiddenLists(
  count: number,
  draw: () => [string, string],
): { neverPair: [string, string][]; previousPairs: [string, string][] } {
  const all = Array.from({ length: count }, draw);
  const never = Math.round(count * 0.6);
  return { neverPair: all.slice(0, never), previousPairs: all.slice(never) };
}

/** A reciprocal pool of `size` people, anyone with anyone. */
export function reciprocalCohort(
  size: number,
  seed = 42,
  aim: MatchAim = 'most-matched',
): ReciprocalInput {
  const rand = rng(seed);
  const candidates = people(size, rand, () => Math.floor(rand() * 10));
  const pairs = Math.round(((size * (size - 1)) / 2) * 0.05);
  const person = (): string => `p${Math.floor(rand() * size)}`;
  return {
    candidates,
    settings: { aim },
    ...forbiddenLists(pairs, () => [person(), person()]),
    lockedPairs: [],
  };
}

/** A reverse pool: `side` mentors (bands 0-4, ids p0..) and `side` mentees (bands 5-9). */
export function reverseCohort(side: number, seed = 42, aim: MatchAim = 'most-matched'): MatchInput {
  const rand = rng(seed);
  const candidates: MatchCandidate[] = people(side * 2, rand, (i) =>
    i < side ? Math.floor(rand() * 5) : 5 + Math.floor(rand() * 5),
  ).map((p, i) => ({ ...p, role: i < side ? 'mentor' : 'mentee' }));
  const pairs = Math.round(side * side * 0.05);
  return {
    candidates,
    settings: { minimumBandGap: 2, aim },
    ...forbiddenLists(pairs, () => [
      `p${Math.floor(rand() * side)}`,
      `p${side + Math.floor(rand() * side)}`,
    ]),
    lockedPairs: [],
  };
}

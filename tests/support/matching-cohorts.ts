import fc from 'fast-check';
import type {
  MatchCandidate,
  MatchInput,
  MeetingMode,
  PairIds,
} from '../../bot/src/features/matching';

/** Small random reverse-pool cohorts for the matching property tests, and an independent rule check. */

const PERSPECTIVES = ['disability', 'ethnicity', 'lgbtq+', 'carer'];
const SLOTS = ['mon-am', 'tue-pm', 'wed-am', 'thu-pm'];
const MODES: MeetingMode[] = ['online', 'in-person', 'either'];
/** Opaque lived-experience tokens (values a special-category answer might be turned into). */
export const LIVED_TOKENS = ['lx-alpha', 'lx-beta', 'lx-gamma'];

const person = fc.record({
  bandIndex: fc.integer({ min: 0, max: 8 }),
  organisation: fc.constantFrom('Trust A', 'Trust B'),
  manager: fc.option(fc.nat(), { nil: undefined }),
  shared: fc.subarray(PERSPECTIVES),
  wanted: fc.subarray(PERSPECTIVES),
  meetingMode: fc.constantFrom(...MODES),
  location: fc.option(fc.constantFrom('Leeds', 'York'), { nil: undefined }),
  availability: fc.subarray(SLOTS),
  lived: fc.subarray(LIVED_TOKENS),
});

export function cohortArbitrary(maxSide: number): fc.Arbitrary<MatchInput> {
  return fc
    .record({
      mentors: fc.array(person, { minLength: 0, maxLength: maxSide }),
      mentees: fc.array(person, { minLength: 0, maxLength: maxSide }),
      gap: fc.integer({ min: 1, max: 3 }),
      aim: fc.constantFrom('most-matched' as const, 'best-fit' as const),
      never: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      previous: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      locks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    })
    .map(({ mentors, mentees, gap, aim, never, previous, locks }) => {
      const all = [
        ...mentors.map((p, i) => ({ p, id: `r${i}`, role: 'mentor' as const })),
        ...mentees.map((p, i) => ({ p, id: `e${i}`, role: 'mentee' as const })),
      ];
      // A manager is anyone listed earlier (a forest across both roles), or someone outside.
      const candidates: MatchCandidate[] = all.map(({ p, id, role }, i) => ({
        id,
        displayName: id,
        role,
        bandIndex: p.bandIndex,
        organisation: p.organisation,
        lineManagerId:
          p.manager === undefined
            ? undefined
            : i > 0 && p.manager % 4 !== 0
              ? all[p.manager % i]!.id
              : 'outside',
        perspectivesShared: p.shared,
        perspectivesWanted: p.wanted,
        meetingMode: p.meetingMode,
        location: p.location,
        availability: p.availability,
        livedExperience: p.lived,
      }));
      const pick = ([a, b]: [number, number]): [string, string] | undefined =>
        mentors.length && mentees.length
          ? [`r${a % mentors.length}`, `e${b % mentees.length}`]
          : undefined;
      const pairs = (list: [number, number][]): [string, string][] =>
        list.map(pick).filter((x): x is [string, string] => x !== undefined);
      const base: MatchInput = {
        candidates,
        settings: { minimumBandGap: gap, aim },
        neverPair: pairs(never),
        previousPairs: pairs(previous),
      };
      // Locks the coordinator may make: allowed by every rule, one per person.
      const used = new Set<string>();
      const lockedPairs: PairIds[] = [];
      for (const [mentorId, menteeId] of pairs(locks)) {
        if (
          used.has(mentorId) ||
          used.has(menteeId) ||
          referenceBrokenRule(base, mentorId, menteeId)
        )
          continue;
        used.add(mentorId).add(menteeId);
        lockedPairs.push({ mentorId, menteeId });
      }
      return { ...base, lockedPairs };
    });
}

/** The hard rules written a second, plain way (string ids, chain walks), to check the engine. */
export function referenceBrokenRule(
  input: MatchInput,
  mentorId: string,
  menteeId: string,
): string | null {
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const mentor = byId.get(mentorId)!;
  const mentee = byId.get(menteeId)!;
  if (mentor.role !== 'mentor' || mentee.role !== 'mentee') return 'roles';
  if (mentee.bandIndex - mentor.bandIndex < input.settings.minimumBandGap) return 'band-gap';
  const chain = (id: string): string[] => {
    const out: string[] = [];
    let next = byId.get(id)?.lineManagerId;
    while (next !== undefined && !out.includes(next) && next !== id) {
      out.push(next);
      next = byId.get(next)?.lineManagerId;
    }
    return out;
  };
  if (chain(mentorId).includes(menteeId) || chain(menteeId).includes(mentorId))
    return 'reporting-line';
  const modes = (m: MeetingMode): MeetingMode[] => (m === 'either' ? ['online', 'in-person'] : [m]);
  const common = modes(mentor.meetingMode).filter((m) => modes(mentee.meetingMode).includes(m));
  const placeOk =
    !!mentor.location && mentor.location.toLowerCase() === mentee.location?.toLowerCase();
  if (!common.includes('online') && !(common.includes('in-person') && placeOk))
    return 'meeting-mode';
  const listed = (list: MatchInput['neverPair']): boolean =>
    (list ?? []).some(
      ([a, b]) => (a === mentorId && b === menteeId) || (a === menteeId && b === mentorId),
    );
  if (listed(input.neverPair)) return 'never-pair';
  if (listed(input.previousPairs)) return 'paired-before';
  return null;
}

/**
 * Every matching of a score matrix (-1 = forbidden), searched exhaustively: the most pairs, the
 * largest total, and the largest total among those with the most pairs. Each row in turn is
 * left unpaired or given a free column; the best of what follows depends only on the row and the
 * columns already taken, so it is remembered (up to 8 columns: 256 sets a row).
 */
export function bruteForce(
  score: readonly ArrayLike<number>[],
  cols: number,
): {
  maxCount: number;
  maxTotal: number;
  maxTotalAtMaxCount: number;
} {
  const rows = score.length;
  const total = new Map<number, number>();
  const lexi = new Map<number, [number, number]>();
  const key = (r: number, used: number) => r * (1 << cols) + used;
  const bestTotal = (r: number, used: number): number => {
    if (r === rows) return 0;
    const k = key(r, used);
    const known = total.get(k);
    if (known !== undefined) return known;
    let best = bestTotal(r + 1, used);
    for (let c = 0; c < cols; c++) {
      const s = score[r]![c]!;
      if (s < 0 || used & (1 << c)) continue;
      best = Math.max(best, s + bestTotal(r + 1, used | (1 << c)));
    }
    total.set(k, best);
    return best;
  };
  const bestLexi = (r: number, used: number): [number, number] => {
    if (r === rows) return [0, 0];
    const k = key(r, used);
    const known = lexi.get(k);
    if (known) return known;
    let best = bestLexi(r + 1, used);
    for (let c = 0; c < cols; c++) {
      const s = score[r]![c]!;
      if (s < 0 || used & (1 << c)) continue;
      const [count, sum] = bestLexi(r + 1, used | (1 << c));
      const option: [number, number] = [count + 1, sum + s];
      if (option[0] > best[0] || (option[0] === best[0] && option[1] > best[1])) best = option;
    }
    lexi.set(k, best);
    return best;
  };
  const [maxCount, maxTotalAtMaxCount] = bestLexi(0, 0);
  return { maxCount, maxTotal: bestTotal(0, 0), maxTotalAtMaxCount };
}

/** A scored pool's scores as plain rows (-1 = forbidden), for brute force and comparisons. */
export function scoreRows(matrix: {
  rows: number;
  cols: number;
  scoreAt(r: number, c: number): number;
}): number[][] {
  return Array.from({ length: matrix.rows }, (_, r) =>
    Array.from({ length: matrix.cols }, (_, c) => matrix.scoreAt(r, c)),
  );
}

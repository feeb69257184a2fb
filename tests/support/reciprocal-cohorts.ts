import fc from 'fast-check';
import type {
  MeetingMode,
  ReciprocalCandidate,
  ReciprocalInput,
  ReciprocalPairIds,
} from '../../bot/src/features/matching';

/** Small random reciprocal pools for the property tests, and the rules written a second, plain way. */

const PERSPECTIVES = ['disability', 'ethnicity', 'lgbtq+', 'carer'];
const SLOTS = ['mon-am', 'tue-pm', 'wed-am', 'thu-pm'];
const MODES: MeetingMode[] = ['online', 'in-person', 'either'];

const person = fc.record({
  organisation: fc.constantFrom('Trust A', 'Trust B'),
  manager: fc.option(fc.nat(), { nil: undefined }),
  shared: fc.subarray(PERSPECTIVES),
  wanted: fc.subarray(PERSPECTIVES),
  meetingMode: fc.constantFrom(...MODES),
  location: fc.option(fc.constantFrom('Leeds', 'York'), { nil: undefined }),
  availability: fc.subarray(SLOTS),
});

export function reciprocalArbitrary(maxPeople: number): fc.Arbitrary<ReciprocalInput> {
  return fc
    .record({
      people: fc.array(person, { maxLength: maxPeople }),
      aim: fc.constantFrom('most-matched' as const, 'best-fit' as const),
      never: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      previous: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
      locks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    })
    .map(({ people, aim, never, previous, locks }) => {
      const n = people.length;
      // A manager is anyone listed earlier, or someone who did not apply.
      const candidates: ReciprocalCandidate[] = people.map((p, i) => ({
        id: `p${i}`,
        displayName: `p${i}`,
        bandIndex: 4,
        organisation: p.organisation,
        lineManagerId:
          p.manager === undefined
            ? undefined
            : i > 0 && p.manager % 4 !== 0
              ? `p${p.manager % i}`
              : 'outside',
        perspectivesShared: p.shared,
        perspectivesWanted: p.wanted,
        meetingMode: p.meetingMode,
        location: p.location,
        availability: p.availability,
      }));
      const pairs = (list: [number, number][]): [string, string][] =>
        n < 2
          ? []
          : list
              .map(([a, b]): [string, string] => [`p${a % n}`, `p${b % n}`])
              .filter(([a, b]) => a !== b);
      const base: ReciprocalInput = {
        candidates,
        settings: { aim },
        neverPair: pairs(never),
        previousPairs: pairs(previous),
      };
      // Locks the coordinator may make: allowed by every rule, one per person.
      const used = new Set<string>();
      const lockedPairs: ReciprocalPairIds[] = [];
      for (const [a, b] of pairs(locks)) {
        if (used.has(a) || used.has(b) || referenceReciprocalRule(base, a, b)) continue;
        used.add(a).add(b);
        lockedPairs.push({ personAId: a, personBId: b });
      }
      return { ...base, lockedPairs };
    });
}

/** The reciprocal pool's hard rules, plainly: string ids, chain walks. */
export function referenceReciprocalRule(
  input: ReciprocalInput,
  aId: string,
  bId: string,
): string | null {
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const a = byId.get(aId)!;
  const b = byId.get(bId)!;
  if (aId === bId) return 'same person';
  const chain = (id: string): string[] => {
    const out: string[] = [];
    let next = byId.get(id)?.lineManagerId;
    while (next !== undefined && !out.includes(next) && next !== id) {
      out.push(next);
      next = byId.get(next)?.lineManagerId;
    }
    return out;
  };
  if (chain(aId).includes(bId) || chain(bId).includes(aId)) return 'reporting-line';
  const modes = (m: MeetingMode): MeetingMode[] => (m === 'either' ? ['online', 'in-person'] : [m]);
  const common = modes(a.meetingMode).filter((m) => modes(b.meetingMode).includes(m));
  const placeOk = !!a.location && a.location.toLowerCase() === b.location?.toLowerCase();
  if (!common.includes('online') && !(common.includes('in-person') && placeOk))
    return 'meeting-mode';
  const listed = (list: ReciprocalInput['neverPair']): boolean =>
    (list ?? []).some(([x, y]) => (x === aId && y === bId) || (x === bId && y === aId));
  if (listed(input.neverPair)) return 'never-pair';
  if (listed(input.previousPairs)) return 'paired-before';
  return null;
}

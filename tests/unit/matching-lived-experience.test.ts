import fc from 'fast-check';
import {
  DEFAULT_MATCH_WEIGHTS,
  matchReversePool,
  resolveWeights,
  type MatchCandidate,
  type MatchInput,
  type MatchWeights,
} from '../../bot/src/features/matching';
import { cohortArbitrary, LIVED_TOKENS } from '../support/matching-cohorts';

/** The "differing lived experience" preference: its points, its words, and its privacy. */

function person(id: string, role: 'mentor' | 'mentee', livedExperience?: string[]): MatchCandidate {
  return {
    id,
    displayName: id,
    role,
    bandIndex: role === 'mentor' ? 2 : 8,
    organisation: 'Trust A',
    perspectivesShared: [],
    perspectivesWanted: [],
    meetingMode: 'online',
    availability: [],
    livedExperience,
  };
}

const pairOf = (mentor: string[] | undefined, mentee: string[] | undefined) =>
  matchReversePool({
    candidates: [person('Ana', 'mentor', mentor), person('David', 'mentee', mentee)],
    settings: { minimumBandGap: 2, aim: 'best-fit' },
  }).pairs[0]!;

describe('matching: differing lived experience', () => {
  it('gives its points, and says only "different lived experience", when the mentor has a token the mentee has not', () => {
    const pair = pairOf(['lx-secret-1'], ['lx-secret-2']);
    expect(pair.score).toBe(DEFAULT_MATCH_WEIGHTS.livedExperience);
    expect(pair.reasons).toContain('different lived experience');
    expect(JSON.stringify(pair)).not.toMatch(/lx-secret/);
  });

  it('gives nothing when the mentor brings no token the mentee lacks, or either has none', () => {
    for (const [mentor, mentee] of [
      [['lx-a'], ['lx-a', 'lx-b']],
      [['LX-A '], ['lx-a']],
      [[], ['lx-a']],
      [['lx-a'], []],
      [undefined, ['lx-a']],
      [['lx-a'], undefined],
    ] as const) {
      const pair = pairOf(mentor && [...mentor], mentee && [...mentee]);
      expect(pair.score).toBe(0);
      expect(pair.reasons).not.toContain('different lived experience');
    }
  });

  it('tips "best fit" towards the mentor whose lived experience differs', () => {
    const result = matchReversePool({
      candidates: [
        person('Ana', 'mentor', ['lx-a']),
        person('Ben', 'mentor', ['lx-b']),
        person('David', 'mentee', ['lx-a']),
      ],
      settings: { minimumBandGap: 2, aim: 'best-fit' },
    });
    expect(result.pairs.map((p) => `${p.mentorId}-${p.menteeId}`)).toEqual(['Ben-David']);
  });

  it('has a default weight, and the defaults still add up to 100 points', () => {
    expect(DEFAULT_MATCH_WEIGHTS.livedExperience).toBeGreaterThan(0);
    expect(Object.values(DEFAULT_MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(resolveWeights({ livedExperience: 0 }).livedExperience).toBe(0);
    expect(() => resolveWeights({ livedExperience: -1 })).toThrow(RangeError);
  });
});

/** A pair's fit written a second, plain way (string sets), to check the engine's numbers. */
function referenceScore(input: MatchInput, w: MatchWeights, mentorId: string, menteeId: string) {
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const mentor = byId.get(mentorId)!;
  const mentee = byId.get(menteeId)!;
  const set = (list: readonly string[] | undefined): Set<string> =>
    new Set((list ?? []).map((t) => t.trim().toLowerCase()));
  const wanted = set(mentee.perspectivesWanted);
  const shared = set(mentor.perspectivesShared);
  const mentorLived = set(mentor.livedExperience);
  const menteeLived = set(mentee.livedExperience);
  const slots = set(mentee.availability);
  const mentorSlots = set(mentor.availability);
  let score = 0;
  if (wanted.size > 0)
    score += (w.perspectives * [...wanted].filter((t) => shared.has(t)).length) / wanted.size;
  if (menteeLived.size > 0 && [...mentorLived].some((t) => !menteeLived.has(t)))
    score += w.livedExperience;
  if (mentor.organisation.trim().toLowerCase() !== mentee.organisation.trim().toLowerCase())
    score += w.crossOrganisation;
  if (slots.size > 0)
    score += (w.availability * [...slots].filter((s) => mentorSlots.has(s)).length) / slots.size;
  const place = (c: MatchCandidate): string => (c.location ?? '').trim().toLowerCase();
  if (place(mentor) !== '' && place(mentor) === place(mentee)) score += w.location;
  return Math.round(score);
}

describe('matching: lived experience on random cohorts', () => {
  it('scores every proposed pair as the plain reference does, and no token reaches any words', () => {
    fc.assert(
      fc.property(
        cohortArbitrary(6),
        fc.record({
          perspectives: fc.integer({ min: 0, max: 60 }),
          livedExperience: fc.integer({ min: 0, max: 60 }),
          crossOrganisation: fc.integer({ min: 0, max: 60 }),
          availability: fc.integer({ min: 0, max: 60 }),
          location: fc.integer({ min: 0, max: 60 }),
        }),
        (drawn, weights) => {
          const input: MatchInput = { ...drawn, settings: { ...drawn.settings, weights } };
          const proposal = matchReversePool(input);
          for (const pair of proposal.pairs)
            expect(pair.score).toBe(referenceScore(input, weights, pair.mentorId, pair.menteeId));
          const words = JSON.stringify([
            proposal.pairs.map((p) => [p.reasons, p.warnings]),
            proposal.unmatched,
            proposal.refusedLocks,
          ]);
          for (const token of LIVED_TOKENS) expect(words).not.toContain(token);
        },
      ),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import {
  matchReversePool,
  scoreReversePool,
  solveReversePool,
  type MatchInput,
} from '../../bot/src/features/matching';
import {
  bruteForce,
  cohortArbitrary,
  referenceBrokenRule,
  scoreRows,
} from '../support/matching-cohorts';

/** Properties of the reverse-pool engine on random small cohorts, against plain reference code. */

const RUNS = { numRuns: 300 };

/** The matrix the solver sees forbids exactly the pairs the reference rules forbid. */
function expectForbiddenAsReference(
  input: MatchInput,
  scored: ReturnType<typeof scoreReversePool>,
): void {
  const ids = input.candidates.map((c) => c.id);
  scored.mentors.forEach((r, i) =>
    scored.mentees.forEach((c, j) =>
      expect(scored.matrix.scoreAt(i, j) < 0).toBe(
        referenceBrokenRule(input, ids[r]!, ids[c]!) !== null,
      ),
    ),
  );
}

describe('matching engine, reverse pool: properties on random cohorts', () => {
  it('never breaks a hard rule and pairs each person at most once', () => {
    fc.assert(
      fc.property(cohortArbitrary(8), (input) => {
        const proposal = matchReversePool(input);
        const seen = new Set<string>();
        for (const pair of proposal.pairs) {
          expect(referenceBrokenRule(input, pair.mentorId, pair.menteeId)).toBeNull();
          expect(seen.has(pair.mentorId) || seen.has(pair.menteeId)).toBe(false);
          seen.add(pair.mentorId).add(pair.menteeId);
        }
        // Everyone is either paired or explained.
        const explained = new Set(proposal.unmatched.map((u) => u.id));
        for (const c of input.candidates) expect(seen.has(c.id) !== explained.has(c.id)).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps every lock the rules allow, as locked pairs', () => {
    fc.assert(
      fc.property(cohortArbitrary(8), (input) => {
        const proposal = matchReversePool(input);
        expect(proposal.refusedLocks).toEqual([]);
        const locked = proposal.pairs.filter((p) => p.locked).map((p) => [p.mentorId, p.menteeId]);
        expect(locked).toEqual((input.lockedPairs ?? []).map((l) => [l.mentorId, l.menteeId]));
      }),
      RUNS,
    );
  });

  it('"most matched" pairs the most people possible, then with the best fit (brute force)', () => {
    fc.assert(
      fc.property(cohortArbitrary(8), (drawn) => {
        const input: MatchInput = {
          ...drawn,
          settings: { ...drawn.settings, aim: 'most-matched' },
        };
        const scored = scoreReversePool(input);
        expectForbiddenAsReference(input, scored);
        const best = bruteForce(scoreRows(scored.matrix), scored.mentees.length);
        const free = solveReversePool(scored).pairs.filter((p) => !p.locked);
        // The fast matrix scores each proposed pair as the pair's own score says.
        const ids = input.candidates.map((c) => c.id);
        for (const p of free) {
          const r = scored.mentors.findIndex((m) => ids[m] === p.mentorId);
          const c = scored.mentees.findIndex((e) => ids[e] === p.menteeId);
          expect(scored.matrix.scoreAt(r, c)).toBe(p.score);
        }
        expect(free.length).toBe(best.maxCount);
        expect(free.reduce((s, p) => s + p.score, 0)).toBe(best.maxTotalAtMaxCount);
      }),
      RUNS,
    );
  });

  it('"best fit" reaches the largest total fit (brute force)', () => {
    fc.assert(
      fc.property(cohortArbitrary(8), (drawn) => {
        const input: MatchInput = { ...drawn, settings: { ...drawn.settings, aim: 'best-fit' } };
        const scored = scoreReversePool(input);
        expectForbiddenAsReference(input, scored);
        const best = bruteForce(scoreRows(scored.matrix), scored.mentees.length);
        const free = solveReversePool(scored).pairs.filter((p) => !p.locked);
        expect(free.reduce((s, p) => s + p.score, 0)).toBe(best.maxTotal);
      }),
      RUNS,
    );
  });

  it('explains each unmatched person truly: a rule rules out everyone, or all possible partners are taken', () => {
    fc.assert(
      fc.property(cohortArbitrary(8), (input) => {
        const proposal = matchReversePool(input);
        const paired = new Set(proposal.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
        const others = (role: string): string[] =>
          input.candidates.filter((c) => c.role !== role && !paired.has(c.id)).map((c) => c.id);
        for (const u of proposal.unmatched) {
          const free = others(u.role);
          const allowed = free.filter((o) =>
            u.role === 'mentor'
              ? !referenceBrokenRule(input, u.id, o)
              : !referenceBrokenRule(input, o, u.id),
          );
          // Two free people who may be paired are never both left out.
          expect(allowed).toEqual([]);
          const lockedIds = new Set(
            proposal.pairs.filter((p) => p.locked).flatMap((p) => [p.mentorId, p.menteeId]),
          );
          const pool = input.candidates
            .filter((c) => c.role !== u.role && !lockedIds.has(c.id))
            .map((c) => c.id);
          const mayPair = pool.filter((o) =>
            u.role === 'mentor'
              ? !referenceBrokenRule(input, u.id, o)
              : !referenceBrokenRule(input, o, u.id),
          );
          if (u.cause === 'rules') {
            expect(mayPair).toEqual([]);
            expect(Object.values(u.ruledOut).reduce((a, b) => a + b, 0)).toBe(pool.length);
          } else {
            expect(mayPair.length).toBeGreaterThan(0);
            expect(mayPair.every((o) => paired.has(o))).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});

import fc from 'fast-check';
import {
  matchReciprocalPool,
  scoreReciprocalPool,
  solveReciprocalPool,
  type ReciprocalInput,
} from '../../bot/src/features/matching';
import { bruteForceGeneral } from '../support/brute-matching';
import { reciprocalArbitrary, referenceReciprocalRule } from '../support/reciprocal-cohorts';

/** Properties of the reciprocal-pool engine on random pools of up to 8 people, against plain code. */

const RUNS = { numRuns: 300 };

/** The engine's scored pool, checked to forbid exactly what the plain rules forbid; then brute force. */
function bruteBest(input: ReciprocalInput): ReturnType<typeof bruteForceGeneral> {
  const scored = scoreReciprocalPool(input);
  const ids = scored.free.map((i) => input.candidates[i]!.id);
  const f = ids.length;
  for (let i = 0; i < f; i++)
    for (let j = 0; j < f; j++)
      if (i !== j)
        expect(scored.score[i * f + j]! < 0).toBe(
          referenceReciprocalRule(input, ids[i]!, ids[j]!) !== null,
        );
  return bruteForceGeneral(f, (i, j) => scored.score[i * f + j]!);
}

const freeTotal = (input: ReciprocalInput): { count: number; total: number } => {
  const free = matchReciprocalPool(input).pairs.filter((p) => !p.locked);
  return { count: free.length, total: free.reduce((s, p) => s + p.score, 0) };
};

describe('matching engine, reciprocal pool: properties on random pools', () => {
  it('never breaks a hard rule, pairs each person at most once, and pairs or explains everyone', () => {
    fc.assert(
      fc.property(reciprocalArbitrary(8), (input) => {
        const proposal = matchReciprocalPool(input);
        const seen = new Set<string>();
        for (const pair of proposal.pairs) {
          expect(referenceReciprocalRule(input, pair.personAId, pair.personBId)).toBeNull();
          expect(seen.has(pair.personAId) || seen.has(pair.personBId)).toBe(false);
          seen.add(pair.personAId).add(pair.personBId);
        }
        const explained = new Set(proposal.unmatched.map((u) => u.id));
        for (const c of input.candidates) expect(seen.has(c.id) !== explained.has(c.id)).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps every lock the rules allow, as locked pairs', () => {
    fc.assert(
      fc.property(reciprocalArbitrary(8), (input) => {
        const proposal = matchReciprocalPool(input);
        expect(proposal.refusedLocks).toEqual([]);
        const locked = proposal.pairs
          .filter((p) => p.locked)
          .map((p) => [p.personAId, p.personBId]);
        expect(locked).toEqual((input.lockedPairs ?? []).map((l) => [l.personAId, l.personBId]));
      }),
      RUNS,
    );
  });

  it('"most matched" pairs the most people possible, then with the best fit (brute force)', () => {
    fc.assert(
      fc.property(reciprocalArbitrary(8), (drawn) => {
        const input: ReciprocalInput = { ...drawn, settings: { aim: 'most-matched' } };
        const best = bruteBest(input);
        const got = freeTotal(input);
        expect(got.count).toBe(best.maxCount);
        expect(got.total).toBe(best.maxTotalAtMaxCount);
      }),
      RUNS,
    );
  });

  it('"best fit" reaches the largest total fit (brute force)', () => {
    fc.assert(
      fc.property(reciprocalArbitrary(8), (drawn) => {
        const input: ReciprocalInput = { ...drawn, settings: { aim: 'best-fit' } };
        expect(freeTotal(input).total).toBe(bruteBest(input).maxTotal);
      }),
      RUNS,
    );
  });

  it('scores each pair the same either way round, as the solver saw it', () => {
    fc.assert(
      fc.property(reciprocalArbitrary(8), (input) => {
        const scored = scoreReciprocalPool(input);
        const f = scored.free.length;
        for (let i = 0; i < f; i++)
          for (let j = 0; j < f; j++) expect(scored.score[i * f + j]).toBe(scored.score[j * f + i]);
        const ids = scored.free.map((i) => input.candidates[i]!.id);
        for (const p of solveReciprocalPool(scored).pairs.filter((x) => !x.locked)) {
          const i = ids.indexOf(p.personAId);
          const j = ids.indexOf(p.personBId);
          expect(scored.score[i * f + j]).toBe(p.score);
        }
      }),
      RUNS,
    );
  });

  it('explains each unmatched person truly: a rule rules out everyone, or all possible partners are taken', () => {
    fc.assert(
      fc.property(reciprocalArbitrary(8), (input) => {
        const proposal = matchReciprocalPool(input);
        const paired = new Set(proposal.pairs.flatMap((p) => [p.personAId, p.personBId]));
        const lockedIds = new Set(
          proposal.pairs.filter((p) => p.locked).flatMap((p) => [p.personAId, p.personBId]),
        );
        for (const u of proposal.unmatched) {
          const pool = input.candidates
            .map((c) => c.id)
            .filter((id) => id !== u.id && !lockedIds.has(id));
          const mayPair = pool.filter((o) => !referenceReciprocalRule(input, u.id, o));
          // Two free people who may be paired are never both left out.
          expect(mayPair.filter((o) => !paired.has(o))).toEqual([]);
          if (u.cause === 'rules') {
            expect(mayPair).toEqual([]);
            expect(Object.values(u.ruledOut).reduce((a, b) => a + b, 0)).toBe(pool.length);
          } else {
            expect(mayPair.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });
});

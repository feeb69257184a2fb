import fc from 'fast-check';
import {
  type MatchApplicant,
  type PoolArrangement,
  poolsOf,
  proposeDraft,
} from '../../bot/src/features/matching/index';
import { applicant } from '../support/match-applicants';

/**
 * Properties of the split between the two pools (`poolsOf`) on random applicants: roles mentor,
 * mentee or either; arrangements reverse, reciprocal or either; line managers forming random
 * trees across both pools (and managers who did not apply); the cohort offering one or both
 * arrangements. Checked against plain reference code written from docs/matching.md.
 */

const RUNS = { numRuns: 500 };

const ROLES = ['mentor', 'mentee', 'either'] as const;
const ARRANGEMENTS = ['reverse', 'reciprocal', 'either'] as const;
const OFFERS: readonly (readonly PoolArrangement[])[] = [
  ['reverse'],
  ['reciprocal'],
  ['reverse', 'reciprocal'],
];

const emailOf = (i: number) => `p${i}@trust.nhs.uk`;

type Manager =
  { kind: 'previous' } | { kind: 'earlier'; at: number } | { kind: 'outside' } | { kind: 'none' };

/**
 * Up to `max` applicants. Person i's line manager is an earlier person (so the lines form trees,
 * in whatever pools those people land), a manager who did not apply, or nobody. Everyone meets
 * online, so the rules that remain are the band gap and reporting lines.
 */
const cohortArbitrary = (max: number) =>
  fc
    .array(
      fc.record({
        role: fc.constantFrom(...ROLES),
        arrangement: fc.constantFrom(...ARRANGEMENTS),
        // Now and then a band no longer on the ladder (-1).
        band: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 9 }) }, fc.constant(-1)),
        // Now and then no verified work email.
        hasEmail: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, fc.constant(false)),
        // Mostly the person just before (long chains: skip-level lines), or another earlier
        // person (a fraction of the way back), a manager who did not apply, or nobody.
        manager: fc.oneof(
          { weight: 5, arbitrary: fc.constant<Manager>({ kind: 'previous' }) },
          {
            weight: 3,
            arbitrary: fc
              .double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
              .map((at): Manager => ({ kind: 'earlier', at })),
          },
          { weight: 1, arbitrary: fc.constant<Manager>({ kind: 'outside' }) },
          { weight: 1, arbitrary: fc.constant<Manager>({ kind: 'none' }) },
        ),
        organisation: fc.constantFrom('North Trust', 'South Trust'),
      }),
      { minLength: 1, maxLength: max },
    )
    .map((rows) =>
      rows.map((row, i): MatchApplicant => {
        const m = row.manager;
        const lineManagerEmail =
          m.kind === 'outside'
            ? 'outside.boss@trust.nhs.uk'
            : i === 0 || m.kind === 'none'
              ? undefined
              : emailOf(m.kind === 'previous' ? i - 1 : Math.floor(m.at * i));
        return applicant(`p${i}`, {
          email: row.hasEmail ? emailOf(i) : '',
          role: row.role,
          arrangement: row.arrangement,
          bandIndex: row.band,
          organisation: row.organisation,
          ...(lineManagerEmail ? { lineManagerEmail } : {}),
        });
      }),
    );

const offeredArbitrary = fc.constantFrom(...OFFERS);

/** Everyone above `id` in the line-manager chain, followed by email through every applicant. */
function above(people: readonly MatchApplicant[], id: string): Set<string> {
  const byEmail = new Map(people.filter((p) => p.email !== '').map((p) => [p.email, p]));
  const chain = new Set<string>();
  let manager = people.find((p) => p.id === id)?.lineManagerEmail;
  while (manager) {
    const next = byEmail.get(manager);
    const key = next?.id ?? `email:${manager}`;
    if (chain.has(key)) break;
    chain.add(key);
    manager = next?.lineManagerEmail;
  }
  return chain;
}

/** One is above the other in the chain, at any number of levels (skip-level included). */
const sameLine = (people: readonly MatchApplicant[], a: string, b: string) =>
  above(people, a).has(b) || above(people, b).has(a);

function draftOf(people: readonly MatchApplicant[], offered: readonly PoolArrangement[]) {
  const pools = poolsOf(people, offered);
  return proposeDraft(
    {
      candidates: pools.reverse,
      reciprocal: pools.reciprocal,
      lines: pools.lines,
      settings: { aim: 'most-matched', minimumBandGap: 1 },
      neverPair: [],
      previousPairs: [],
    },
    [],
    [],
  );
}

describe('the split between the reverse and the reciprocal pool: properties', () => {
  it('places each person in exactly one pool, or leaves them out with a reason', () => {
    fc.assert(
      fc.property(cohortArbitrary(14), offeredArbitrary, (people, offered) => {
        const pools = poolsOf(people, offered);
        const reverse = pools.reverse.map((c) => c.id);
        const reciprocal = pools.reciprocal.candidates.map((c) => c.id);
        const inReverse = new Set(reverse);
        // An "either" person is matched in the reverse pool first and is in the reciprocal pool
        // only for a second chance; one the reverse pool cannot take (a band off the ladder)
        // belongs to the reciprocal pool alone.
        for (const id of reciprocal.filter((r) => inReverse.has(r))) {
          expect(pools.reciprocal.secondChance).toContain(id);
        }
        for (const id of pools.reciprocal.secondChance) expect(reciprocal).toContain(id);
        const reciprocalOnly = reciprocal.filter((id) => !inReverse.has(id));
        const placed = [...reverse, ...reciprocalOnly, ...pools.outOfPool.map((o) => o.id)];
        expect(placed.sort()).toEqual(people.map((p) => p.id).sort());
        for (const o of pools.outOfPool) expect(o.reason.trim()).not.toBe('');
      }),
      RUNS,
    );
  });

  it('respects arrangements and roles, and takes everyone an offered pool may take', () => {
    fc.assert(
      fc.property(cohortArbitrary(14), offeredArbitrary, (people, offered) => {
        const pools = poolsOf(people, offered);
        const byId = new Map(people.map((p) => [p.id, p]));
        const reverse = new Set(pools.reverse.map((c) => c.id));
        const reciprocal = new Set(pools.reciprocal.candidates.map((c) => c.id));
        for (const c of pools.reverse) {
          const a = byId.get(c.id)!;
          expect(offered).toContain('reverse');
          expect(a.arrangement).not.toBe('reciprocal');
          // A mentor or mentee keeps their role; "either" is given one.
          if (a.role !== 'either') expect(c.role).toBe(a.role);
          expect(['mentor', 'mentee']).toContain(c.role);
        }
        for (const id of reciprocal) {
          expect(offered).toContain('reciprocal');
          expect(byId.get(id)!.arrangement).not.toBe('reverse');
        }
        for (const id of pools.reciprocal.secondChance) {
          expect(byId.get(id)!.arrangement).toBe('either');
        }
        // Nobody who could be taken is left out.
        for (const a of people) {
          const email = a.email !== '';
          if (
            a.arrangement !== 'reciprocal' &&
            offered.includes('reverse') &&
            email &&
            a.bandIndex >= 0
          )
            expect(reverse.has(a.id)).toBe(true);
          if (a.arrangement !== 'reverse' && offered.includes('reciprocal') && email)
            expect(reciprocal.has(a.id)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never pairs two people in one reporting line (skip-level too), wherever their managers are', () => {
    fc.assert(
      fc.property(cohortArbitrary(8), offeredArbitrary, (people, offered) => {
        const draft = draftOf(people, offered);
        const pairs = [
          ...draft.pairs.map((p) => [p.mentorId, p.menteeId] as const),
          ...(draft.reciprocalPairs ?? []).map((p) => [p.personAId, p.personBId] as const),
        ];
        const seen = new Set<string>();
        for (const [a, b] of pairs) {
          expect({ pair: [a, b], sameLine: sameLine(people, a, b) }).toEqual({
            pair: [a, b],
            sameLine: false,
          });
          // One pair per person across both pools.
          expect(seen.has(a) || seen.has(b)).toBe(false);
          seen.add(a).add(b);
        }
        const byId = new Map(people.map((p) => [p.id, p]));
        for (const p of draft.pairs) {
          expect(byId.get(p.mentorId)!.arrangement).not.toBe('reciprocal');
          expect(byId.get(p.menteeId)!.arrangement).not.toBe('reciprocal');
        }
        for (const p of draft.reciprocalPairs ?? []) {
          expect(byId.get(p.personAId)!.arrangement).not.toBe('reverse');
          expect(byId.get(p.personBId)!.arrangement).not.toBe('reverse');
        }
      }),
      RUNS,
    );
  });
});

import fc from 'fast-check';
import { changesBetween } from '../../bot/src/contracts/audit';
import { MIN_AGGREGATE_PEOPLE } from '../../bot/src/contracts/cohort-summary';
import { type PairHealth, PAIR_HEALTHS, type CohortSummary } from '../../bot/src/contracts/cohorts';
import {
  isProgrammeTeam,
  mayRunCohort,
  maySeeAggregates,
  newRoleGrantSchema,
  rolesHeld,
} from '../../bot/src/contracts/roles';
import { cohortAggregate } from '../../bot/src/features/cohorts/domain/cohort-figures';
import { accessFrom, grantId } from '../../bot/src/features/cohorts/domain/roles';
import { isTrailCursor, trailKey } from '../../bot/src/features/audit/domain/trail-order';

const COHORT: CohortSummary = {
  id: 'c1',
  name: 'North',
  startDate: '2027-03-01',
  endDate: '2027-08-31',
  isDemo: false,
  cadence: { frequency: 'monthly', plannedMeetings: 6, minimumMeetings: 3, minimumMinutes: 60 },
  timeZone: 'Europe/London',
  workingHours: { startHour: 9, endHour: 17, days: [1, 2, 3, 4, 5] },
  arrangements: ['reverse'],
  status: 'open',
};

describe('what staff roles open', () => {
  it('gives a programme admin every cohort, a coordinator theirs, a sponsor figures only', () => {
    const admin = accessFrom([{ role: 'programme_admin' }]);
    const coordinator = accessFrom([{ role: 'coordinator', cohortId: 'a' }]);
    const sponsor = accessFrom([{ role: 'sponsor', cohortId: 'a' }]);
    expect([mayRunCohort(admin, 'a'), mayRunCohort(admin, 'zzz')]).toEqual([true, true]);
    expect([mayRunCohort(coordinator, 'a'), mayRunCohort(coordinator, 'b')]).toEqual([true, false]);
    expect([mayRunCohort(sponsor, 'a'), maySeeAggregates(sponsor, 'a')]).toEqual([false, true]);
    expect(maySeeAggregates(sponsor, 'b')).toBe(false);
    expect([admin, coordinator, sponsor].map(isProgrammeTeam)).toEqual([true, true, false]);
    expect(rolesHeld(accessFrom([]))).toEqual([]);
    expect(
      rolesHeld(
        accessFrom([
          { role: 'sponsor', cohortId: 'b' },
          { role: 'coordinator', cohortId: 'a' },
          { role: 'coordinator', cohortId: 'c' },
        ]),
      ),
    ).toEqual(['coordinator', 'sponsor']);
  });

  it('ignores a cohort role without a cohort', () => {
    expect(accessFrom([{ role: 'coordinator' }])).toEqual({
      programmeAdmin: false,
      coordinatorOf: [],
      sponsorOf: [],
    });
  });

  it('gives the same grant the same id whatever the case of its email or object id', () => {
    const a = grantId({ role: 'sponsor', cohortId: 'c1', grantee: { email: 'Ann@Trust.nhs.uk' } });
    const b = grantId({ role: 'sponsor', cohortId: 'c1', grantee: { email: 'ann@trust.nhs.uk' } });
    const other = grantId({
      role: 'coordinator',
      cohortId: 'c1',
      grantee: { email: 'ann@trust.nhs.uk' },
    });
    expect(a).toBe(b);
    expect(a).not.toBe(other);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads a grant request into one person, one role and its cohort', () => {
    expect(
      newRoleGrantSchema.parse({
        role: 'coordinator',
        cohortId: 'c1',
        email: ' Ann@Trust.NHS.uk ',
      }),
    ).toEqual({ role: 'coordinator', cohortId: 'c1', email: 'ann@trust.nhs.uk' });
    expect(newRoleGrantSchema.safeParse({ role: 'programme_admin', email: 'x@y.uk' }).success).toBe(
      true,
    );
    expect(
      newRoleGrantSchema.safeParse({ role: 'sponsor', cohortId: 'c1', email: 'x@y.uk', extra: 1 })
        .success,
    ).toBe(false);
  });
});

describe('a cohort in numbers', () => {
  const rowArb = fc.record({
    health: fc.constantFrom<PairHealth>(...PAIR_HEALTHS),
    held: fc.integer({ min: 0, max: 12 }),
    minimumMet: fc.boolean(),
  });

  it('never gives figures for fewer than five people, and counts every pair once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(rowArb, { maxLength: 20 }),
        (n, rows) => {
          const aggregate = cohortAggregate(COHORT, n, rows);
          if (n < MIN_AGGREGATE_PEOPLE) {
            expect(aggregate.suppressed).toBe(true);
            expect(JSON.stringify(aggregate)).not.toContain('figures');
            return;
          }
          if (aggregate.suppressed) throw new Error('figures were held back for enough people');
          const { figures } = aggregate;
          expect(Object.values(figures.byHealth).reduce((a, b) => a + b, 0)).toBe(rows.length);
          expect(figures.meetingsHeld).toBe(rows.reduce((a, r) => a + r.held, 0));
          expect(figures.pairsMetMinimum).toBe(rows.filter((r) => r.minimumMet).length);
          expect(figures.participants).toBe(n);
        },
      ),
    );
  });
});

describe('the audit trail', () => {
  it('sorts later entries first, and entries of the same moment by the order recorded', () => {
    const moment = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2090, 0, 1) });
    fc.assert(
      fc.property(moment, moment, fc.nat(999_998), (t1, t2, seq) => {
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const a = trailKey(new Date(early).toISOString(), seq, 'id-a');
        const b = trailKey(new Date(late).toISOString(), seq + 1, 'id-b');
        expect(b < a).toBe(true);
        expect(isTrailCursor(a) && isTrailCursor(b)).toBe(true);
      }),
    );
    expect(isTrailCursor("0' or 1 eq 1")).toBe(false);
  });

  it('records only the fields that changed, as text', () => {
    const before = { name: 'Ann', email: 'ann@x.uk', grade: undefined as string | undefined };
    const after = { name: 'Ann Smith', email: 'ann@x.uk', grade: 'Band 5' };
    expect(changesBetween(before, after, ['name', 'email', 'grade'])).toEqual([
      { field: 'name', before: 'Ann', after: 'Ann Smith' },
      { field: 'grade', before: null, after: 'Band 5' },
    ]);
    expect(changesBetween(undefined, after, ['name'])).toEqual([
      { field: 'name', before: null, after: 'Ann Smith' },
    ]);
  });
});

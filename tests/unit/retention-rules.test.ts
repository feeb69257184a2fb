import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  closedAt,
  comingRunAt,
  nextRunAt,
  retentionDue,
  retentionJobId,
  wasMatched,
} from '../../bot/src/features/retention/index';

const periods = { sensitiveMonths: 6, unmatchedMonths: 12, cohortMonths: 18 };
const closed = (at: string) => ({ status: 'closed' as const, closedAt: at, endDate: '2027-08-31' });

describe('retention rules', () => {
  it('an open cohort has not closed: nothing of it is ever due', () => {
    const open = { status: 'open' as const, endDate: '2020-01-31' };
    expect(closedAt(open)).toBeUndefined();
    expect(retentionDue(open, new Date('2040-01-01T00:00:00Z'), periods)).toEqual({
      sensitive: false,
      unmatched: false,
      cohort: false,
    });
  });

  it('special-category answers fall due 6 months after closing, unmatched applications 12', () => {
    const cohort = closed('2027-09-10T12:00:00.000Z');
    const at = (iso: string) => retentionDue(cohort, new Date(iso), periods);
    const no = { cohort: false };
    expect(at('2028-03-10T11:59:59Z')).toEqual({ sensitive: false, unmatched: false, ...no });
    expect(at('2028-03-10T12:00:00Z')).toEqual({ sensitive: true, unmatched: false, ...no });
    expect(at('2028-09-10T11:59:59Z')).toEqual({ sensitive: true, unmatched: false, ...no });
    expect(at('2028-09-10T12:00:00Z')).toEqual({ sensitive: true, unmatched: true, ...no });
  });

  it('a closed cohort’s personal rows fall due after the cohort period, until it is retained', () => {
    const cohort = closed('2027-09-10T12:00:00.000Z');
    const at = (iso: string, c: typeof cohort & { retainedAt?: string } = cohort) =>
      retentionDue(c, new Date(iso), periods).cohort;
    expect(at('2029-03-10T11:59:59Z')).toBe(false);
    expect(at('2029-03-10T12:00:00Z')).toBe(true);
    expect(at('2040-01-01T00:00:00Z')).toBe(true);
    // Retained: done; it never falls due again.
    expect(at('2040-01-01T00:00:00Z', { ...cohort, retainedAt: '2029-03-11T02:00:00.000Z' })).toBe(
      false,
    );
    // The default period: 12 months after closing.
    const byDefault = { ...periods, cohortMonths: 12 };
    expect(retentionDue(cohort, new Date('2028-09-10T11:59:59Z'), byDefault).cohort).toBe(false);
    expect(retentionDue(cohort, new Date('2028-09-10T12:00:00Z'), byDefault).cohort).toBe(true);
  });

  it('months are calendar months: 31 August + 6 months is the end of February', () => {
    const cohort = closed('2027-08-31T10:00:00.000Z');
    expect(retentionDue(cohort, new Date('2028-02-29T10:00:00Z'), periods).sensitive).toBe(true);
    expect(retentionDue(cohort, new Date('2028-02-29T09:59:59Z'), periods).sensitive).toBe(false);
  });

  it('a cohort closed or archived before its closing time was recorded counts from its end date', () => {
    const archived = { status: 'archived' as const, endDate: '2027-08-31' };
    expect(closedAt(archived)?.toISO()).toBe('2027-08-31T23:59:59.999Z');
  });

  it('matched means matched by a published run, or on the roster under the object id', () => {
    const roster = new Set(['aaaa']);
    expect(wasMatched({ applicantId: 'bbbb', matchOutcome: 'matched' }, roster)).toBe(true);
    expect(wasMatched({ applicantId: 'AAAA' }, roster)).toBe(true);
    expect(wasMatched({ applicantId: 'bbbb', matchOutcome: 'waitlisted' }, roster)).toBe(false);
    expect(wasMatched({ applicantId: 'bbbb' }, roster)).toBe(false);
  });

  it('the next run is at 02:00 UTC the next day, whatever the hour of this one', () => {
    expect(nextRunAt(new Date('2028-03-10T01:00:00Z')).toISO()).toBe('2028-03-11T02:00:00.000Z');
    expect(nextRunAt(new Date('2028-03-10T23:59:00Z')).toISO()).toBe('2028-03-11T02:00:00.000Z');
    expect(retentionJobId('2028-03-11')).toBe('retention:2028-03-11');
  });

  it('a starting service schedules the coming 02:00 UTC, never now', () => {
    expect(comingRunAt(new Date('2028-03-10T01:59:59Z')).toISO()).toBe('2028-03-10T02:00:00.000Z');
    expect(comingRunAt(new Date('2028-03-10T02:00:00Z')).toISO()).toBe('2028-03-11T02:00:00.000Z');
    expect(comingRunAt(new Date('2028-03-10T15:00:00Z')).toISO()).toBe('2028-03-11T02:00:00.000Z');
  });

  const instant = fc
    .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((ms) => new Date(ms));

  it('property: nothing is due before its period, everything after, and once due stays due', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        instant,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        (closing, now, later, sensitiveMonths, unmatchedMonths, extra) => {
          const p = { sensitiveMonths, unmatchedMonths, cohortMonths: sensitiveMonths + extra };
          const cohort = closed(closing.toISOString());
          const due = retentionDue(cohort, now, p);
          const from = DateTime.fromJSDate(closing, { zone: 'utc' });
          const nowDt = DateTime.fromJSDate(now, { zone: 'utc' });
          expect(due.sensitive).toBe(nowDt >= from.plus({ months: sensitiveMonths }));
          expect(due.unmatched).toBe(nowDt >= from.plus({ months: unmatchedMonths }));
          expect(due.cohort).toBe(nowDt >= from.plus({ months: p.cohortMonths }));
          // The cohort's rows never go before its special-category answers are due.
          if (due.cohort) expect(due.sensitive).toBe(true);
          // Never before the cohort closed, even by a day.
          if (now < closing) {
            expect(due).toEqual({ sensitive: false, unmatched: false, cohort: false });
          }
          // Monotone: what is due now is due at any later time.
          if (later >= now) {
            const after = retentionDue(cohort, later, p);
            if (due.sensitive) expect(after.sensitive).toBe(true);
            if (due.unmatched) expect(after.unmatched).toBe(true);
            if (due.cohort) expect(after.cohort).toBe(true);
          }
        },
      ),
    );
  });

  it('property: the next run is always after now, within 26 hours, at 02:00 UTC', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const next = nextRunAt(now);
        expect(next.toMillis()).toBeGreaterThan(now.getTime());
        expect(next.toMillis() - now.getTime()).toBeLessThanOrEqual(26 * 3600 * 1000);
        expect(next.toFormat('HH:mm')).toBe('02:00');
        expect(next.toISODate()).not.toBe(DateTime.fromJSDate(now, { zone: 'utc' }).toISODate());
      }),
    );
  });
});

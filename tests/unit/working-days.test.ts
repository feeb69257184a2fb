import {
  addWorkingDays,
  cohortTimeZone,
  contractDueBy,
} from '../../bot/src/features/journey/domain/working-days';
import {
  isJobStillWanted,
  jobsForPair,
} from '../../bot/src/features/journey/domain/journey-schedule';
import { DEFAULT_CADENCE } from '../../bot/src/contracts/cohorts';
import type { Cohort, Pair } from '../../bot/src/features/cohorts';

describe('working days (Monday to Friday, in a time zone)', () => {
  it.each([
    // Monday 10:00 London → the next Monday 10:00.
    ['2027-03-01T10:00:00Z', 'Europe/London', '2027-03-08T10:00:00.000Z'],
    // Wednesday → the Wednesday after.
    ['2027-03-03T14:30:00Z', 'Europe/London', '2027-03-10T14:30:00.000Z'],
    // Saturday: the weekend does not count, so Friday.
    ['2027-03-06T10:00:00Z', 'Europe/London', '2027-03-12T10:00:00.000Z'],
    // Friday 23:30 in London is already Saturday in Auckland: Auckland's days count.
    ['2027-03-05T23:30:00Z', 'Pacific/Auckland', '2027-03-11T23:30:00.000Z'],
    // Across the clocks going forward in London (28 March 2027): same local time.
    ['2027-03-24T10:00:00Z', 'Europe/London', '2027-03-31T09:00:00.000Z'],
  ])('%s plus five working days in %s is %s', (from, zone, expected) => {
    expect(addWorkingDays(new Date(from), 5, zone).toISOString()).toBe(expected);
    expect(contractDueBy(from, zone).toISOString()).toBe(expected);
  });

  it("uses the cohort's own time zone when it has one", () => {
    expect(cohortTimeZone({ id: 'c1', timeZone: 'America/New_York' }, 'Europe/London')).toBe(
      'America/New_York',
    );
    expect(cohortTimeZone({ id: 'c1' }, undefined)).toBe('Europe/London');
  });
});

describe('the contract chaser in the schedule', () => {
  const cohort: Cohort = {
    id: 'c1',
    name: 'Cohort',
    startDate: '2027-03-01',
    endDate: '2027-08-31',
    cadence: DEFAULT_CADENCE,
    isDemo: false,
    createdBy: 'x',
    createdAt: '2027-02-01T00:00:00Z',
  };
  const pair = (state: Pair['state']): Pair => ({
    id: 'p1',
    cohortId: 'c1',
    mentorId: 'm1',
    menteeId: 'e1',
    arrangement: 'reverse',
    state,
    createdAt: '2027-02-01T00:00:00Z',
    updatedAt: '2027-02-01T00:00:00Z',
  });

  it('chases both partners five working days after the introduction, once', () => {
    const jobs = jobsForPair({
      pair: pair('introduced'),
      cohort,
      introducedAt: new Date('2027-03-01T10:00:00Z'),
      timeZone: 'Europe/London',
      meetings: [],
      actions: [],
      now: new Date('2027-03-01T10:00:00Z'),
    });
    expect(jobs.map((j) => [j.id, j.kind, j.dueAt, j.recipientId])).toEqual([
      ['contract-chaser:p1:e1', 'contract-chaser', '2027-03-08T10:00:00.000Z', 'e1'],
      ['contract-chaser:p1:m1', 'contract-chaser', '2027-03-08T10:00:00.000Z', 'm1'],
    ]);
  });

  it('drops the chaser once the pair is active (both agreed) or ended', () => {
    const job = {
      id: 'contract-chaser:p1:m1',
      kind: 'contract-chaser',
      dueAt: '2027-03-08T10:00:00.000Z',
      cohortId: 'c1',
      pairId: 'p1',
      recipientId: 'm1',
      payload: {},
    };
    const facts = { meetings: [], actions: [] };
    expect(isJobStillWanted(job, { ...facts, pair: pair('introduced') })).toBe(true);
    expect(isJobStillWanted(job, { ...facts, pair: pair('active') })).toBe(false);
    expect(isJobStillWanted(job, { ...facts, pair: pair('ended_early') })).toBe(false);
  });
});

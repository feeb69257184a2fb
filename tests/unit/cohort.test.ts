import { DEFAULT_CADENCE, newCohortSchema } from '../../bot/src/features/cohorts/domain/cohort';

describe('new cohort', () => {
  it('defaults to monthly meetings for six months, at least three of an hour', () => {
    const parsed = newCohortSchema.parse({
      name: 'Cohort 3',
      startDate: '2027-03-01',
      endDate: '2027-08-31',
    });
    expect(parsed.cadence).toEqual(DEFAULT_CADENCE);
    expect(DEFAULT_CADENCE).toEqual({
      frequency: 'monthly',
      plannedMeetings: 6,
      minimumMeetings: 3,
      minimumMinutes: 60,
    });
  });

  it.each([
    [{ minimumMeetings: 2 }, 'cadence.minimumMeetings', 'must be at least 3'],
    [{ minimumMinutes: 45 }, 'cadence.minimumMinutes', 'must be at least 60 minutes'],
    [
      { plannedMeetings: 4, minimumMeetings: 5 },
      'cadence.minimumMeetings',
      'cannot be more than plannedMeetings',
    ],
  ])('refuses a cadence below the programme floor: %j', (cadence, field, message) => {
    const result = newCohortSchema.safeParse({
      name: 'Cohort 3',
      startDate: '2027-03-01',
      endDate: '2027-08-31',
      cadence,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      field,
      message,
    ]);
  });

  it('refuses impossible dates and an end before the start', () => {
    const result = newCohortSchema.safeParse({
      name: 'C',
      startDate: '2027-02-30',
      endDate: '2026-01-01',
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['name', 'startDate']));
  });
});

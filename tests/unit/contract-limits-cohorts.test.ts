import { COHORT_LIMITS, ROSTER_LIMITS } from '../../bot/src/contracts/cohorts';
import { newCohortSchema } from '../../bot/src/contracts/cohort-admin';
import { parseRoster } from '../../bot/src/features/cohorts/domain/roster-import';

/**
 * Every limit of a cohort and of a roster file is read from the contract and checked where it
 * is applied: the API's cohort schema and the roster parser (the tab sends the CSV as typed;
 * it creates no cohorts).
 */

const cohort = (over: Record<string, unknown> = {}, cadence: Record<string, unknown> = {}) =>
  newCohortSchema.safeParse({
    name: 'Cohort 3',
    startDate: '2027-03-01',
    endDate: '2027-08-31',
    cadence: { plannedMeetings: 6, minimumMeetings: 3, minimumMinutes: 60, ...cadence },
    ...over,
  }).success;

describe('cohort limits, read from the contract', () => {
  it('name: from the fewest to the most characters', () => {
    expect(cohort({ name: 'x'.repeat(COHORT_LIMITS.nameMax) })).toBe(true);
    expect(cohort({ name: 'x'.repeat(COHORT_LIMITS.nameMax + 1) })).toBe(false);
    expect(cohort({ name: 'x'.repeat(COHORT_LIMITS.nameMin) })).toBe(true);
    expect(cohort({ name: 'x'.repeat(COHORT_LIMITS.nameMin - 1) })).toBe(false);
  });

  it('cadence: planned meetings, the minimum and its length within the programme’s bounds', () => {
    const { plannedMeetingsMax, minimumMeetingsFloor, minimumMinutesFloor, minimumMinutesMax } =
      COHORT_LIMITS;
    expect(cohort({}, { plannedMeetings: plannedMeetingsMax })).toBe(true);
    expect(cohort({}, { plannedMeetings: plannedMeetingsMax + 1 })).toBe(false);
    expect(cohort({}, { minimumMeetings: minimumMeetingsFloor })).toBe(true);
    expect(cohort({}, { minimumMeetings: minimumMeetingsFloor - 1 })).toBe(false);
    expect(cohort({}, { minimumMinutes: minimumMinutesMax })).toBe(true);
    expect(cohort({}, { minimumMinutes: minimumMinutesMax + 1 })).toBe(false);
    expect(cohort({}, { minimumMinutes: minimumMinutesFloor })).toBe(true);
    expect(cohort({}, { minimumMinutes: minimumMinutesFloor - 1 })).toBe(false);
  });
});

const HEADER = 'email,display_name,role,organisation,job_title';

/** Whether the parser takes one mentor row with `column` set to `value`. */
function row(column: 'email' | 'display_name' | 'organisation' | 'job_title', value: string) {
  const fields = {
    email: 'amara@trust.nhs.uk',
    display_name: 'Amara Okafor',
    organisation: 'Trust',
    job_title: 'Nurse',
    [column]: value,
  };
  const line = [fields.email, fields.display_name, 'mentor', fields.organisation, fields.job_title];
  return parseRoster(`${HEADER}\n${line.join(',')}\n`).ok;
}

/** A valid email address exactly `length` characters long: 64 before the @, 60-letter labels. */
function emailOf(length: number): string {
  const domain = length - 65;
  const labels = Math.floor((domain - 2) / 61);
  return `${'a'.repeat(64)}@${`${'b'.repeat(60)}.`.repeat(labels)}${'c'.repeat(domain - 61 * labels)}`;
}

describe('roster limits, read from the contract', () => {
  it.each([
    ['display_name', ROSTER_LIMITS.displayName],
    ['organisation', ROSTER_LIMITS.organisation],
    ['job_title', ROSTER_LIMITS.jobTitle],
  ] as const)('%s: %i characters are taken and one more refused', (column, max) => {
    expect(row(column, 'x'.repeat(max))).toBe(true);
    expect(row(column, 'x'.repeat(max + 1))).toBe(false);
  });

  it('email: the longest address is taken and one character more refused', () => {
    expect(emailOf(ROSTER_LIMITS.email)).toHaveLength(ROSTER_LIMITS.email);
    expect(row('email', emailOf(ROSTER_LIMITS.email))).toBe(true);
    const tooLong = parseRoster(`${HEADER}\n${emailOf(ROSTER_LIMITS.email + 1)},A,mentor,,\n`);
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.problems[0]!.message).toBe('email is too long');
  });

  it('rows: a file of the most rows is read; one more is refused whole', () => {
    const rows = (n: number) =>
      [
        HEADER,
        ...Array.from({ length: n }, (_, i) => `p${i}@trust.nhs.uk,Person ${i},mentor,,`),
      ].join('\n');
    expect(parseRoster(rows(ROSTER_LIMITS.rows)).ok).toBe(true);
    const over = parseRoster(rows(ROSTER_LIMITS.rows + 1));
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.problems[0]!.message).toBe(
        `The file has ${ROSTER_LIMITS.rows + 1} rows; import at most ${ROSTER_LIMITS.rows} at a time`,
      );
    }
  });
});

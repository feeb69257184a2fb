import { DateTime } from 'luxon';
import {
  closingWords,
  surveyWindows,
  windowState,
} from '../../bot/src/features/evaluation/domain/survey-window';
import { defaultEvaluationPlan } from '../../bot/src/features/evaluation/domain/default-plan';

const plan = defaultEvaluationPlan();
const ZONE = 'Europe/London';
// 1 March to 31 August 2027: the clocks go forward on 28 March, inside the cohort.
const cohort = { startDate: '2027-03-01', endDate: '2027-08-31', timeZone: ZONE };
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const iso = (d: DateTime | undefined) => d?.setZone(ZONE).toISO();

describe('when a survey is open for a person', () => {
  test('a pair made before the cohort starts: baseline from the start, pulse at the middle, final at the end, each for its openDays', () => {
    const pair = {
      state: 'active' as const,
      createdAt: '2027-02-20T10:00:00Z',
      updatedAt: '2027-02-20T10:00:00Z',
    };
    const w = surveyWindows(plan, cohort, pair);
    expect(iso(w.baseline?.opensAt)).toBe(iso(local('2027-03-01T00:00')));
    expect(iso(w.baseline?.closesAt)).toBe(
      iso(local('2027-03-01T00:00').plus({ days: plan.surveys.baseline.openDays })),
    );
    // 183 days from 1 March to 31 August: the middle is 91 days on, 31 May (in BST by then).
    expect(iso(w.pulse?.opensAt)).toBe(iso(local('2027-05-31T00:00')));
    expect(w.pulse?.opensAt.offset).toBe(60);
    expect(iso(w.final?.opensAt)).toBe(iso(local('2027-08-31T00:00')));
  });

  test('a pair made after the start opens its baseline when it is made', () => {
    const made = '2027-03-10T14:30:00Z';
    const w = surveyWindows(plan, cohort, {
      state: 'introduced',
      createdAt: made,
      updatedAt: made,
    });
    expect(w.baseline?.opensAt.toMillis()).toBe(Date.parse(made));
  });

  test('a proposed pair has not started: nothing is open to it', () => {
    const at = '2027-02-20T10:00:00Z';
    expect(
      surveyWindows(plan, cohort, { state: 'proposed', createdAt: at, updatedAt: at }),
    ).toEqual({});
  });

  test('a pair that completes early gets the final then; one that stopped before the middle gets no pulse', () => {
    const made = '2027-02-20T10:00:00Z';
    const late = surveyWindows(plan, cohort, {
      state: 'completed',
      createdAt: made,
      updatedAt: '2027-07-01T09:00:00Z',
    });
    expect(late.final?.opensAt.toMillis()).toBe(Date.parse('2027-07-01T09:00:00Z'));
    expect(late.pulse).toBeDefined();
    const early = surveyWindows(plan, cohort, {
      state: 'ended_early',
      createdAt: made,
      updatedAt: '2027-04-01T09:00:00Z',
    });
    expect(early.pulse).toBeUndefined();
    expect(early.final?.opensAt.toMillis()).toBe(Date.parse('2027-04-01T09:00:00Z'));
  });

  test('open from its opening instant up to, not at, its closing instant', () => {
    const window = { opensAt: local('2027-03-01T00:00'), closesAt: local('2027-03-15T00:00') };
    expect(windowState(window, window.opensAt.minus({ milliseconds: 1 }))).toBe('upcoming');
    expect(windowState(window, window.opensAt)).toBe('open');
    expect(windowState(window, window.closesAt.minus({ milliseconds: 1 }))).toBe('open');
    expect(windowState(window, window.closesAt)).toBe('closed');
  });

  test('the closing date in words, in the cohort’s zone', () => {
    expect(
      closingWords({ opensAt: local('2027-03-01T00:00'), closesAt: local('2027-03-15T00:00') }),
    ).toBe('the end of Sunday 14 March 2027');
    expect(
      closingWords({ opensAt: local('2027-03-10T14:30'), closesAt: local('2027-03-24T14:30') }),
    ).toBe('Wednesday 24 March 2027 at 14:30');
  });
});

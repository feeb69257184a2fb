import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { ResponseState, SurveyKind } from '../../bot/src/contracts/evaluation';
import { defaultEvaluationPlan } from '../../bot/src/features/evaluation/domain/default-plan';
import {
  type PairFacts,
  askedWindows,
  lastClosing,
  nextSweepAt,
  reminderAt,
  sendDecision,
  surveySendsDue,
} from '../../bot/src/features/evaluation/domain/survey-sends';
import {
  type SurveyWindow,
  surveyWindows,
} from '../../bot/src/features/evaluation/domain/survey-window';

/**
 * Who is due what today (issue 16, "Asking kindly"): the invitation when a window opens, one
 * reminder (three days before closing, never before half-way), nothing once sent or closed,
 * nothing to a pair that stopped before its baseline opened, the final after an early end.
 */

const plan = defaultEvaluationPlan();
const ZONE = 'Europe/London';
const cohort = { startDate: '2027-03-01', endDate: '2027-08-31', timeZone: ZONE };
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

const pair = (over: Partial<PairFacts> = {}): PairFacts => ({
  id: 'p1',
  mentorId: 'mentor-1',
  menteeId: 'mentee-1',
  state: 'active',
  createdAt: '2027-02-20T10:00:00Z',
  updatedAt: '2027-02-20T10:00:00Z',
  ...over,
});

const none = () => ({
  baseline: new Map<string, ResponseState>(),
  pulse: new Map<string, ResponseState>(),
  final: new Map<string, ResponseState>(),
});

function due(
  now: DateTime,
  pairs: PairFacts[] = [pair()],
  responses: Record<SurveyKind, Map<string, ResponseState>> = none(),
) {
  return surveySendsDue({
    cohortId: 'c1',
    plan,
    cohort,
    pairs,
    responses,
    now,
    until: nextSweepAt(now),
  });
}

const ids = (list: { id: string }[]) => list.map((d) => d.id).sort();

describe('the one reminder', () => {
  test('a 14-day survey is reminded three days before it closes; a short one half-way', () => {
    const opensAt = local('2027-03-01T00:00');
    const long: SurveyWindow = { opensAt, closesAt: opensAt.plus({ days: 14 }) };
    expect(reminderAt(long).toISO()).toBe(local('2027-03-12T00:00').toISO());
    const short: SurveyWindow = { opensAt, closesAt: opensAt.plus({ days: 4 }) };
    expect(reminderAt(short).toISO()).toBe(local('2027-03-03T00:00').toISO());
  });

  test('property: the reminder falls inside the window, at or after half-way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        fc.integer({ min: 3, max: 60 }),
        (minutes, days) => {
          const opensAt = local('2027-01-01T00:00').plus({ minutes });
          const window = { opensAt, closesAt: opensAt.plus({ days }) };
          const at = reminderAt(window).toMillis();
          const half = (opensAt.toMillis() + window.closesAt.toMillis()) / 2;
          expect(at).toBeGreaterThanOrEqual(Math.floor(half));
          expect(at).toBeLessThan(window.closesAt.toMillis());
        },
      ),
    );
  });
});

describe('who is due what today', () => {
  test('at the start both partners are invited to the baseline, due at once; no reminder yet', () => {
    const now = local('2027-03-01T00:05');
    const found = due(now);
    expect(ids(found)).toEqual([
      'survey-invite:c1:baseline:mentee-1',
      'survey-invite:c1:baseline:mentor-1',
    ]);
    expect(found.every((d) => d.dueAt.toMillis() === now.toMillis())).toBe(true);
  });

  test('the sweep of the reminder’s day schedules it (the day before, it is not yet due)', () => {
    expect(due(local('2027-03-11T00:00')).filter((d) => d.send === 'reminder')).toEqual([]);
    const now = local('2027-03-12T00:00');
    const reminders = due(now).filter((d) => d.send === 'reminder');
    expect(ids(reminders)).toEqual([
      'survey-reminder:c1:baseline:mentee-1',
      'survey-reminder:c1:baseline:mentor-1',
    ]);
    expect(reminders[0]!.dueAt.toISO()).toBe(local('2027-03-12T00:00').toISO());
  });

  test('someone who sent the survey is asked nothing more; a partial answer is still reminded', () => {
    const responses = none();
    responses.baseline.set('mentor-1', 'submitted');
    responses.baseline.set('mentee-1', 'partial');
    const found = due(local('2027-03-12T10:00'), [pair()], responses);
    expect(ids(found)).toEqual([
      'survey-invite:c1:baseline:mentee-1',
      'survey-reminder:c1:baseline:mentee-1',
    ]);
  });

  test('nothing after closing, nothing before the pulse opens; the pulse at the middle', () => {
    expect(due(local('2027-03-15T00:00'))).toEqual([]);
    expect(due(local('2027-05-29T12:00'))).toEqual([]);
    const eve = due(local('2027-05-31T00:00'));
    expect(ids(eve)).toEqual([
      'survey-invite:c1:pulse:mentee-1',
      'survey-invite:c1:pulse:mentor-1',
    ]);
    expect(eve[0]!.dueAt.toISO()).toBe(local('2027-05-31T00:00').toISO());
  });

  test('a pair ended early before its baseline opened is asked nothing at all', () => {
    const ended = pair({ state: 'ended_early', updatedAt: '2027-02-25T12:00:00Z' });
    expect(askedWindows(plan, cohort, ended)).toEqual({});
    for (const day of ['2027-02-25T13:00', '2027-03-01T00:05', '2027-08-31T00:05']) {
      expect(due(local(day), [ended])).toEqual([]);
    }
  });

  test('a pair ended early after its baseline: the final is still asked then, the pulse is not', () => {
    const ended = pair({ state: 'ended_early', updatedAt: '2027-04-10T09:00:00Z' });
    const asked = askedWindows(plan, cohort, ended);
    expect(Object.keys(asked).sort()).toEqual(['baseline', 'final']);
    const found = due(DateTime.fromISO('2027-04-10T09:00:00Z').setZone(ZONE), [ended]);
    expect(ids(found)).toEqual([
      'survey-invite:c1:final:mentee-1',
      'survey-invite:c1:final:mentor-1',
    ]);
  });

  test('a send decided at its moment: wait before, send in the window, none once closed or sent', () => {
    const w = surveyWindows(plan, cohort, pair()).baseline!;
    expect(sendDecision('invite', w, undefined, w.opensAt.minus({ minutes: 1 })).kind).toBe('wait');
    expect(sendDecision('invite', w, 'partial', w.opensAt).kind).toBe('send');
    expect(sendDecision('reminder', w, undefined, w.opensAt).kind).toBe('wait');
    expect(sendDecision('reminder', w, 'submitted', reminderAt(w)).kind).toBe('none');
    expect(sendDecision('invite', w, undefined, w.closesAt).kind).toBe('none');
  });

  test('property: sweeping every day of a cohort, each person gets each survey at most once and one reminder, always inside its window and never once sent', () => {
    const stopStates = fc.constantFrom(
      'active',
      'completed',
      'ended_early',
      'paused',
    ) as fc.Arbitrary<PairFacts['state']>;
    fc.assert(
      fc.property(
        stopStates,
        fc.integer({ min: -20, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom<SurveyKind>('baseline', 'pulse', 'final'),
        (state, madeDay, stopAfter, sentDay, sentSurvey) => {
          const made = local('2027-03-01T11:00').plus({ days: madeDay });
          const stopped = made.plus({ days: stopAfter });
          const p = pair({
            state,
            createdAt: made.toUTC().toISO()!,
            updatedAt: stopped.toUTC().toISO()!,
          });
          const windows = askedWindows(plan, cohort, p);
          const end = lastClosing(plan, cohort, [p]);
          const seen = new Map<string, number>();
          let now: DateTime = local('2027-02-15T00:05');
          while (now < end) {
            const responses = none();
            if (now >= local('2027-03-01T00:00').plus({ days: sentDay })) {
              responses[sentSurvey].set('mentor-1', 'submitted');
            }
            for (const d of due(now, [p], responses)) {
              const window = windows[d.survey]!;
              expect(window).toBeDefined();
              expect(d.dueAt >= now && d.dueAt < nextSweepAt(now)).toBe(true);
              expect(d.dueAt >= window.opensAt && d.dueAt < window.closesAt).toBe(true);
              expect(responses[d.survey].get(d.participantId)).not.toBe('submitted');
              if (!seen.has(d.id)) seen.set(d.id, d.dueAt.toMillis());
            }
            now = nextSweepAt(now);
          }
          // Deterministic ids: one invitation and one reminder per person and survey at most.
          const kinds = [...seen.keys()].map((id) => id.split(':').slice(0, 1).join());
          expect(kinds.every((k) => k === 'survey-invite' || k === 'survey-reminder')).toBe(true);
          for (const [id, at] of seen) {
            if (!id.startsWith('survey-reminder')) continue;
            const invite = seen.get(id.replace('survey-reminder', 'survey-invite'));
            expect(invite).toBeDefined();
            expect(at).toBeGreaterThan(invite!);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

import {
  defaultEvaluationPlan,
  evaluationResults,
  type Invited,
  type ScaleAnswers,
} from '../../bot/src/features/evaluation';
import type { RespondentRole } from '../../bot/src/contracts/evaluation';

const plan = defaultEvaluationPlan();

/** A person's answers: every scale item of their side at `baseline` then `final` points. */
function person(
  id: string,
  role: RespondentRole,
  baseline: number,
  final: number,
  finalState: 'submitted' | 'partial' = 'submitted',
): ScaleAnswers[] {
  const valuesAt = (survey: 'baseline' | 'final', point: number) => {
    const values: Record<string, number> = {};
    for (const item of plan.surveys[survey].items) {
      if (item.kind === 'scale' && (item.audience === role || item.audience === 'both')) {
        values[item.id] = point;
      }
    }
    return values;
  };
  return [
    {
      person: id,
      role,
      survey: 'baseline',
      state: 'submitted',
      values: valuesAt('baseline', baseline),
    },
    { person: id, role, survey: 'final', state: finalState, values: valuesAt('final', final) },
  ];
}

const invited: Invited = {
  baseline: { mentor: 10, mentee: 10 },
  pulse: { mentor: 10, mentee: 10 },
  final: { mentor: 10, mentee: 10 },
};

describe('evaluation results', () => {
  it('pairs each person’s submitted baseline and final, and shows figures over enough people', () => {
    const answers = [
      ...person('m1', 'mentor', 2, 4),
      ...person('m2', 'mentor', 3, 4),
      ...person('m3', 'mentor', 2, 3),
      ...person('m4', 'mentor', 3, 3),
      ...person('m5', 'mentor', 1, 3),
      ...person('m6', 'mentor', 2, 2, 'partial'), // a partial final does not count
      ...person('e1', 'mentee', 3, 4),
      ...person('e2', 'mentee', 4, 4),
      ...person('e3', 'mentee', 3, 5),
      ...person('e4', 'mentee', 2, 3),
      ...person('e5', 'mentee', 4, 3),
    ];
    const results = evaluationResults(plan, invited, answers);
    const feedback = results.items.find((r) => r.itemId === 'conf.feedback.mentor');
    expect(feedback).toMatchObject({
      group: 'mentor',
      change: {
        shown: true,
        n: 5,
        medianBefore: 2,
        medianAfter: 3,
        medianDifference: 1,
        method: 'exact_conditional',
      },
    });
    const total = results.domains.find((r) => r.domain === 'total' && r.group === 'mentor');
    // Seven items each: totals 14→28, 21→28, 14→21, 21→21, 7→21.
    expect(total?.change).toMatchObject({ shown: true, n: 5, medianBefore: 14, medianAfter: 21 });
    const all = results.domains.find((r) => r.domain === 'feedback' && r.group === 'all');
    expect(all?.change).toMatchObject({ shown: true, n: 10 });
    const finalRate = results.responseRates.find((r) => r.survey === 'final' && r.group === 'all');
    expect(finalRate?.figure).toEqual({ shown: true, invited: 20, responded: 10, rate: 0.5 });
    const pulse = results.responseRates.find((r) => r.survey === 'pulse' && r.group === 'all');
    expect(pulse?.figure).toEqual({ shown: false });
  });

  it('hides the mentors too when only four mentees answered, so all − mentors gives nothing', () => {
    const answers = [
      ...['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].flatMap((id) => person(id, 'mentor', 2, 4)),
      ...['e1', 'e2', 'e3', 'e4'].flatMap((id) => person(id, 'mentee', 3, 4)),
    ];
    const results = evaluationResults(plan, invited, answers);
    const byGroup = (domain: string) =>
      Object.fromEntries(
        results.domains.filter((r) => r.domain === domain).map((r) => [r.group, r.change.shown]),
      );
    expect(byGroup('total')).toEqual({ mentor: false, mentee: false, all: true });
    const baselineRates = Object.fromEntries(
      results.responseRates
        .filter((r) => r.survey === 'baseline')
        .map((r) => [r.group, r.figure.shown]),
    );
    expect(baselineRates).toEqual({ mentor: false, mentee: false, all: true });
    // Nor may a mentors-only item show its six: all (10) − 6 would give the four mentees.
    const mentorItem = results.items.find((r) => r.itemId === 'conf.feedback.mentor');
    expect(mentorItem?.change).toEqual({ shown: false });
    expect(results.items.find((r) => r.itemId === 'conf.feedback.mentee')?.change.shown).toBe(
      false,
    );
  });

  it('counts only complete answers, so every figure of a side covers the same people', () => {
    const skipper = person('m7', 'mentor', 2, 4);
    const { ['conf.feedback.mentor']: _skipped, ...rest } = skipper[1]!.values;
    skipper[1] = { ...skipper[1]!, values: rest };
    const answers = [
      ...['m1', 'm2', 'm3', 'm4', 'm5'].flatMap((id) => person(id, 'mentor', 2, 4)),
      ...skipper,
      ...['e1', 'e2', 'e3', 'e4', 'e5'].flatMap((id) => person(id, 'mentee', 3, 4)),
    ];
    const results = evaluationResults(plan, invited, answers);
    const ns = new Set(
      [...results.items, ...results.domains]
        .filter((r) => r.group === 'mentor')
        .map((r) => (r.change.shown ? r.change.n : 0)),
    );
    expect([...ns]).toEqual([5]);
  });

  it('shows one side alone when the other side has nobody to protect', () => {
    const answers = ['m1', 'm2', 'm3', 'm4', 'm5'].flatMap((id) => person(id, 'mentor', 2, 4));
    const results = evaluationResults(plan, invited, answers);
    const total = results.domains.filter((r) => r.domain === 'total');
    expect(Object.fromEntries(total.map((r) => [r.group, r.change.shown]))).toEqual({
      mentor: true,
      mentee: false,
      all: true,
    });
  });
});

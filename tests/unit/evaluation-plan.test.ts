import { DateTime } from 'luxon';
import {
  CONFIDENCE_DOMAINS,
  EVALUATION_LIMITS,
  evaluationPlanSchema,
  surveyResponseSchema,
  type EvaluationPlan,
  type SurveyResponse,
} from '../../bot/src/contracts/evaluation';
import {
  defaultEvaluationPlan,
  itemsFor,
  mayBeQuoted,
  planEditable,
  responseProblems,
  validatePlan,
} from '../../bot/src/features/evaluation';

function problemsFor(plan: unknown): { field: string; message: string }[] {
  const result = validatePlan(plan);
  return 'problems' in result ? result.problems : [];
}

describe('the default evaluation plan', () => {
  const plan = defaultEvaluationPlan();

  it('is a valid plan by the contract, version 1, suppressing below five', () => {
    expect(evaluationPlanSchema.safeParse(plan).success).toBe(true);
    expect(plan.version).toBe(1);
    expect(plan.minGroupSize).toBe(5);
  });

  it('asks each side seven confidence items on 1–5, one per domain: a total out of 35', () => {
    for (const role of ['mentor', 'mentee'] as const) {
      const items = itemsFor(plan.surveys.baseline, role).filter((i) => i.kind === 'scale');
      expect(items.map((i) => (i.kind === 'scale' ? i.domain : undefined)).sort()).toEqual(
        [...CONFIDENCE_DOMAINS].sort(),
      );
      const top = items.reduce((sum, i) => sum + (i.kind === 'scale' ? i.scale.max : 0), 0);
      expect(top).toBe(35);
    }
  });

  it('words the items differently for mentors and mentees', () => {
    const mentor = itemsFor(plan.surveys.baseline, 'mentor').map((i) => i.text);
    const mentee = itemsFor(plan.surveys.baseline, 'mentee').map((i) => i.text);
    expect(mentor.filter((t) => mentee.includes(t))).toEqual([
      'What do you hope will be different for you by the end of the programme?',
    ]);
  });

  it('has a relationship pulse and a final "what changed" text that asks to quote', () => {
    expect(plan.surveys.pulse.items.some((i) => i.id.startsWith('rel.'))).toBe(true);
    const changed = plan.surveys.final.items.find((i) => i.id === 'what_changed');
    expect(changed).toMatchObject({ kind: 'text', asksQuoteConsent: true, audience: 'both' });
  });
});

describe('plan rules', () => {
  const edited = (change: (plan: EvaluationPlan) => void): EvaluationPlan => {
    const plan = structuredClone(defaultEvaluationPlan());
    change(plan);
    return plan;
  };

  it('refuses a final that leaves out a baseline scale item, naming the field and the item', () => {
    const plan = edited((p) => {
      p.surveys.final.items = p.surveys.final.items.filter((i) => i.id !== 'conf.feedback.mentee');
    });
    expect(problemsFor(plan)).toEqual([
      {
        field: 'surveys.final.items',
        message: 'must repeat the baseline item "conf.feedback.mentee" so answers pair up',
      },
    ]);
  });

  it('refuses a final whose repeated item changed its scale, naming that item’s field', () => {
    const plan = edited((p) => {
      const item = p.surveys.final.items[2]!;
      if (item.kind === 'scale') item.scale = { ...item.scale, max: 7 };
    });
    expect(problemsFor(plan)).toEqual([
      {
        field: 'surveys.final.items.2.scale',
        message: 'must run 1–5, as in the baseline item "conf.speaking_up.mentor"',
      },
    ]);
  });

  it('refuses duplicate ids, scales that do not rise, long texts and too many items', () => {
    const plan = edited((p) => {
      p.surveys.pulse.items[1]!.id = p.surveys.pulse.items[0]!.id;
      const first = p.surveys.pulse.items[0]!;
      if (first.kind === 'scale') first.scale = { ...first.scale, min: 5, max: 5 };
      p.surveys.pulse.items[2]!.text = 'x'.repeat(EVALUATION_LIMITS.itemText + 1);
    });
    const fields = problemsFor(plan).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'surveys.pulse.items.1.id',
        'surveys.pulse.items.0.scale.max',
        'surveys.pulse.items.2.text',
      ]),
    );
    const crowded = edited((p) => {
      const extra = p.surveys.pulse.items[0]!;
      p.surveys.pulse.items = Array.from(
        { length: EVALUATION_LIMITS.itemsPerSurvey + 1 },
        (_, i) => ({
          ...extra,
          id: `extra.${i}`,
        }),
      );
    });
    expect(problemsFor(crowded).map((p) => p.field)).toEqual(['surveys.pulse.items']);
  });

  it('refuses a suppression threshold below three', () => {
    expect(problemsFor(edited((p) => (p.minGroupSize = 2)))).toEqual([
      { field: 'minGroupSize', message: 'must be at least 3' },
    ]);
    expect(problemsFor(edited((p) => (p.minGroupSize = 3)))).toEqual([]);
  });

  it('is editable before the cohort starts, and never after the first answer', () => {
    const start = DateTime.fromISO('2027-01-04T00:00:00', { zone: 'Europe/London' });
    const before = start.minus({ minutes: 1 });
    expect(planEditable({ now: before, cohortStartsAt: start, answersRecorded: 0 })).toEqual({
      editable: true,
    });
    expect(planEditable({ now: start, cohortStartsAt: start, answersRecorded: 0 })).toEqual({
      editable: false,
      lockedBy: 'cohort_started',
    });
    expect(planEditable({ now: before, cohortStartsAt: start, answersRecorded: 1 })).toEqual({
      editable: false,
      lockedBy: 'answers_recorded',
    });
  });
});

describe('answers', () => {
  const plan = defaultEvaluationPlan();
  const response = (body: unknown): SurveyResponse => surveyResponseSchema.parse(body);

  it('accepts a partial mentor baseline and a submitted final with a quotable text', () => {
    const partial = response({
      survey: 'baseline',
      planVersion: 1,
      state: 'partial',
      answers: [{ itemId: 'conf.feedback.mentor', kind: 'scale', value: 2 }],
    });
    expect(responseProblems(plan, 'mentor', partial)).toEqual([]);
    const final = response({
      survey: 'final',
      planVersion: 1,
      state: 'submitted',
      answers: [{ itemId: 'what_changed', kind: 'text', text: 'I speak up now.', mayQuote: true }],
    });
    expect(responseProblems(plan, 'mentee', final)).toEqual([]);
    const item = plan.surveys.final.items.find((i) => i.id === 'what_changed')!;
    expect(mayBeQuoted(item, final.answers[0]!)).toBe(true);
    expect(mayBeQuoted(item, { ...final.answers[0]!, mayQuote: false } as never)).toBe(false);
  });

  it('names each wrong answer: another side’s item, off the scale, twice, quote not asked', () => {
    const body = response({
      survey: 'pulse',
      planVersion: 1,
      state: 'submitted',
      answers: [
        { itemId: 'conf.feedback.mentee', kind: 'scale', value: 3 },
        { itemId: 'rel.safe', kind: 'scale', value: 6 },
        { itemId: 'rel.heard', kind: 'scale', value: 4 },
        { itemId: 'rel.heard', kind: 'scale', value: 5 },
        { itemId: 'rel.help', kind: 'text', text: 'More time', mayQuote: true },
      ],
    });
    expect(responseProblems(plan, 'mentor', body)).toEqual([
      { field: 'answers.0.itemId', message: 'is not a question you were asked' },
      { field: 'answers.1.value', message: 'must be from 1 to 5' },
      { field: 'answers.3.itemId', message: 'is answered twice' },
      { field: 'answers.4.mayQuote', message: 'this question’s answers are never quoted' },
    ]);
  });

  it('refuses an empty submission and an answer to an older plan version', () => {
    const empty = response({ survey: 'final', planVersion: 1, state: 'submitted', answers: [] });
    expect(responseProblems(plan, 'mentor', empty)).toEqual([
      { field: 'answers', message: 'answer at least one question before sending' },
    ]);
    const old = response({ survey: 'final', planVersion: 2, state: 'partial', answers: [] });
    expect(responseProblems(plan, 'mentor', old).map((p) => p.field)).toEqual(['planVersion']);
  });

  it('keeps quote consent off unless ticked', () => {
    const body = response({
      survey: 'final',
      planVersion: 1,
      state: 'partial',
      answers: [{ itemId: 'what_changed', kind: 'text', text: 'Words' }],
    });
    expect(body.answers[0]).toMatchObject({ mayQuote: false });
  });
});

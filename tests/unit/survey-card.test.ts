import type { OpenSurvey } from '../../bot/src/contracts/evaluation-api';
import {
  buildSurveyCard,
  buildSurveyClosedCard,
  buildSurveySentCard,
  buildSurveysNoneCard,
  buildSurveysPersonalOnlyCard,
  savedValues,
} from '../../bot/src/features/evaluation/cards/survey-card';
import { defaultEvaluationPlan, itemsFor } from '../../bot/src/features/evaluation/index';
import { sdkProblems } from '../support/adaptivecards-sdk';

/**
 * The survey cards in chat (issue 16): SDK-clean at 1.5, the items of one side as choice sets
 * and text with the quote toggle, saved answers and typed values filled in, each problem right
 * below its input, and no answer on the thank-you card.
 */

const plan = defaultEvaluationPlan();
const survey: OpenSurvey = {
  cohortId: 'c1',
  cohortName: 'Spring cohort',
  survey: 'baseline',
  role: 'mentor',
  planVersion: plan.version,
  items: itemsFor(plan.surveys.baseline, 'mentor'),
  opensAt: '2027-03-01T00:00:00.000+00:00',
  closesAt: '2027-03-15T00:00:00.000+00:00',
  closesOn: 'the end of Sunday 14 March 2027',
  response: null,
};

function elements(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Record<string, unknown>);
    Object.values(node).forEach((v) => elements(v, out));
  }
  return out;
}

describe('survey cards', () => {
  it('asks the items of one side: scales as choice sets, free text with the quote toggle', () => {
    const card = buildSurveyCard({ survey, values: {} });
    expect(sdkProblems(card)).toEqual([]);
    const inputs = elements(card).filter((e) => String(e.type).startsWith('Input.'));
    const scale = inputs.find((e) => e.id === 'answer.conf.feedback.mentor');
    expect(scale).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect((scale!.choices as { title: string }[]).map((c) => c.title)).toEqual([
      '1 – Not at all confident',
      '2',
      '3',
      '4',
      '5 – Completely confident',
    ]);
    expect(inputs.some((e) => String(e.id).endsWith('.mentee'))).toBe(false);
    expect(inputs.find((e) => e.id === 'quote.hopes')).toMatchObject({
      type: 'Input.Toggle',
      value: 'false',
    });
    expect(JSON.stringify(card)).toContain('Open until the end of Sunday 14 March 2027');
  });

  it('fills in saved answers, then what was typed, with each problem right below its input', () => {
    const values = {
      ...savedValues([
        { itemId: 'conf.feedback.mentor', kind: 'scale', value: 2 },
        { itemId: 'hopes', kind: 'text', text: 'Saved hope', mayQuote: true },
      ]),
      'answer.conf.speaking_up.mentor': '9',
    };
    const card = buildSurveyCard({
      survey,
      etag: 'W/"1"',
      values,
      errors: { 'answer.conf.speaking_up.mentor': 'must be from 1 to 5' },
    });
    expect(sdkProblems(card)).toEqual([]);
    const all = elements(card);
    const at = (id: string) => all.findIndex((e) => e.id === id);
    expect(all[at('answer.conf.feedback.mentor')]).toMatchObject({ value: '2' });
    expect(all[at('answer.hopes')]).toMatchObject({ value: 'Saved hope' });
    expect(all[at('quote.hopes')]).toMatchObject({ value: 'true' });
    const body = (card as unknown as { body: { id?: string; text?: string }[] }).body;
    const input = body.findIndex((e) => e.id === 'answer.conf.speaking_up.mentor');
    expect(body[input + 1]).toMatchObject({
      id: 'answer.conf.speaking_up.mentor-error',
      text: '⚠ must be from 1 to 5',
    });
    const save = all.find((e) => e.type === 'Action.Execute' && e.verb === 'survey.save');
    expect(save?.data).toMatchObject({ cohortId: 'c1', survey: 'baseline', etag: 'W/"1"' });
  });

  it('thanks without showing any answer; the other cards are SDK-clean too', () => {
    const sent = buildSurveySentCard(survey);
    expect(elements(sent).some((e) => String(e.type).startsWith('Input.'))).toBe(false);
    expect(JSON.stringify(sent)).not.toContain('Saved hope');
    for (const card of [
      sent,
      buildSurveyClosedCard({ survey: 'baseline' }, 'This survey closed'),
      buildSurveysNoneCard(),
      buildSurveysPersonalOnlyCard(),
    ]) {
      expect(sdkProblems(card)).toEqual([]);
    }
  });
});

import { defaultEvaluationPlan } from '../../bot/src/features/evaluation/domain/default-plan';
import { type QuotableResponse, quotesOf } from '../../bot/src/features/evaluation/domain/quotes';
import type { EvaluationPlan } from '../../bot/src/contracts/evaluation';

/** Quotes from free text (issue 16): only what the author allowed, never from a handful. */

const plan: EvaluationPlan = defaultEvaluationPlan();
const textItem = plan.surveys.final.items.find((i) => i.kind === 'text')!;

function sent(
  role: 'mentor' | 'mentee',
  text: string,
  mayQuote: boolean,
  state: 'partial' | 'submitted' = 'submitted',
): QuotableResponse {
  return {
    survey: 'final',
    role,
    state,
    answers: [{ kind: 'scale' }, { kind: 'text', itemId: textItem.id, text, mayQuote }],
  };
}

const finalOf = (quotes: ReturnType<typeof quotesOf>) =>
  quotes.surveys.find((s) => s.survey === 'final')!;

describe('quotesOf', () => {
  it('gives only sent words the author allowed, naming the side when it has enough people', () => {
    const responses = [
      ...Array.from({ length: 5 }, (_, i) => sent('mentor', `mentor says ${i}`, i !== 0)),
      sent('mentee', 'mentee one', true),
      sent('mentee', 'a draft', true, 'partial'),
      sent('mentee', '   ', true),
    ];
    const final = finalOf(quotesOf(plan, responses));
    expect(final.withheld).toBe(false);
    const item = final.items.find((i) => i.itemId === textItem.id)!;
    expect(item.prompt).toBe(textItem.text);
    const texts = item.quotes.map((q) => q.text).sort();
    // Mentor 0 did not tick "may be quoted"; the draft was never sent; blank words are nothing.
    expect(texts).toEqual([
      'mentee one',
      'mentor says 1',
      'mentor says 2',
      'mentor says 3',
      'mentor says 4',
    ]);
    // Five mentors may be named as mentors; two mentees sent, too few to say which side.
    expect(item.quotes.find((q) => q.text === 'mentor says 1')!.side).toBe('mentor');
    expect(item.quotes.find((q) => q.text === 'mentee one')!.side).toBeNull();
  });

  it('withholds every quote of a survey sent by fewer than minGroupSize people', () => {
    const responses = Array.from({ length: 4 }, (_, i) => sent('mentor', `only four ${i}`, true));
    const final = finalOf(quotesOf(plan, responses));
    expect(final.withheld).toBe(true);
    expect(final.items.every((i) => i.quotes.length === 0)).toBe(true);
    expect(JSON.stringify(quotesOf(plan, responses))).not.toContain('only four');
  });

  it('orders quotes by nothing about who wrote them or when', () => {
    const responses = Array.from({ length: 6 }, (_, i) => sent('mentor', `words ${i}`, true));
    const forwards = finalOf(quotesOf(plan, responses)).items[0]!.quotes;
    const backwards = finalOf(quotesOf(plan, [...responses].reverse())).items[0]!.quotes;
    expect(backwards).toEqual(forwards);
  });
});

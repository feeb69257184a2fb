import { createHash } from 'node:crypto';
import {
  RESPONDENT_ROLES,
  SURVEY_KINDS,
  type EvaluationPlan,
  type RespondentRole,
  type SurveyKind,
} from '../../../contracts/evaluation';
import type { EvaluationQuotes, Quote } from '../../../contracts/evaluation-quotes';
import { checkMinGroupSize } from './suppression';

/** A sent response as the quotes need it: its side and its free-text answers. */
export interface QuotableResponse {
  survey: SurveyKind;
  role: RespondentRole;
  state: 'partial' | 'submitted';
  answers: readonly (
    { kind: 'scale' } | { kind: 'text'; itemId: string; text: string; mayQuote: boolean }
  )[];
}

/** An order that says nothing about who answered first or last: by a hash of the words. */
function scrambled(quotes: Quote[]): Quote[] {
  const key = (q: Quote) => createHash('sha256').update(q.text).digest('hex');
  return quotes
    .map((q) => ({ q, k: key(q) }))
    .sort((a, b) => a.k.localeCompare(b.k))
    .map(({ q }) => q);
}

/**
 * The quotable free text of a cohort's surveys, pure: only sent answers whose author ticked
 * "may be quoted anonymously", only from a survey with at least `minGroupSize` respondents
 * (else withheld whole), the side named only when that side alone reaches the threshold, and
 * in an order unrelated to when or by whom they were written.
 */
export function quotesOf(
  plan: EvaluationPlan,
  responses: readonly QuotableResponse[],
): EvaluationQuotes {
  const k = plan.minGroupSize;
  checkMinGroupSize(k);
  const surveys = SURVEY_KINDS.map((survey) => {
    const sent = responses.filter((r) => r.survey === survey && r.state === 'submitted');
    const withheld = sent.length < k;
    const sideShown = Object.fromEntries(
      RESPONDENT_ROLES.map((role) => [role, sent.filter((r) => r.role === role).length >= k]),
    ) as Record<RespondentRole, boolean>;
    const items = plan.surveys[survey].items
      .filter((item) => item.kind === 'text')
      .map((item) => {
        const quotes: Quote[] = [];
        if (!withheld) {
          for (const response of sent) {
            for (const answer of response.answers) {
              if (answer.kind !== 'text' || answer.itemId !== item.id || !answer.mayQuote) continue;
              const text = answer.text.trim();
              if (text === '') continue;
              quotes.push({ text, side: sideShown[response.role] ? response.role : null });
            }
          }
        }
        return { itemId: item.id, prompt: item.text, quotes: scrambled(quotes) };
      });
    return { survey, withheld, items };
  });
  return { minGroupSize: k, surveys };
}

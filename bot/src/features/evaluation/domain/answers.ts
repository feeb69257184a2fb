import type {
  Answer,
  EvaluationPlan,
  RespondentRole,
  SurveyItem,
  SurveyResponse,
} from '../../../contracts/evaluation';
import type { FieldProblem } from '../../../contracts/field-problem';
import { itemsFor } from './plan-rules';

/**
 * What a person may answer, pure: a response (already parsed with `surveyResponseSchema`) is
 * checked against the plan and the person's side of the pair. A partial response may leave
 * items out; a submitted one needs at least one answer. Each problem names its field.
 */
export function responseProblems(
  plan: EvaluationPlan,
  role: RespondentRole,
  response: SurveyResponse,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (response.planVersion !== plan.version) {
    problems.push({
      field: 'planVersion',
      message: 'the survey has changed since it was opened; open it again',
    });
    return problems;
  }
  const asked = new Map(itemsFor(plan.surveys[response.survey], role).map((i) => [i.id, i]));
  const seen = new Set<string>();
  response.answers.forEach((answer, index) => {
    const at = (name: string) => `answers.${index}.${name}`;
    const item = asked.get(answer.itemId);
    if (!item) {
      problems.push({ field: at('itemId'), message: 'is not a question you were asked' });
      return;
    }
    if (seen.has(answer.itemId)) {
      problems.push({ field: at('itemId'), message: 'is answered twice' });
      return;
    }
    seen.add(answer.itemId);
    const problem = answerProblem(item, answer);
    if (problem) problems.push({ field: at(problem.field), message: problem.message });
  });
  if (response.state === 'submitted' && response.answers.length === 0) {
    problems.push({ field: 'answers', message: 'answer at least one question before sending' });
  }
  return problems;
}

function answerProblem(
  item: SurveyItem,
  answer: Answer,
): { field: string; message: string } | undefined {
  if (item.kind !== answer.kind) {
    return { field: 'kind', message: `must be ${item.kind}, as the question is` };
  }
  if (item.kind === 'scale' && answer.kind === 'scale') {
    const { min, max } = item.scale;
    if (answer.value < min || answer.value > max) {
      return { field: 'value', message: `must be from ${min} to ${max}` };
    }
  }
  if (item.kind === 'text' && answer.kind === 'text' && answer.mayQuote && !item.asksQuoteConsent) {
    return { field: 'mayQuote', message: 'this question’s answers are never quoted' };
  }
  return undefined;
}

/**
 * Whether a free-text answer may be shown to the programme team, anonymously: only when the
 * question asked and the author ticked "may be quoted anonymously", and there are words.
 */
export function mayBeQuoted(item: SurveyItem, answer: Answer): boolean {
  return (
    item.kind === 'text' &&
    item.asksQuoteConsent &&
    answer.kind === 'text' &&
    answer.mayQuote &&
    answer.text.trim() !== ''
  );
}

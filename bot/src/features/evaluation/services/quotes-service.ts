import { SURVEY_KINDS } from '../../../contracts/evaluation';
import type { EvaluationQuotes } from '../../../contracts/evaluation-quotes';
import { AppError } from '../../../platform/errors';
import { defaultEvaluationPlan } from '../domain/default-plan';
import { quotesOf } from '../domain/quotes';
import type { EvaluationDeps } from '../ports';

/**
 * The quotable free text of a cohort's surveys for the programme team (the route says who):
 * each survey's answers read once, then `quotesOf` keeps only what the authors allowed and
 * what cannot point to one of them. No name, id or time leaves this service.
 */
export class QuotesService {
  constructor(private readonly deps: Pick<EvaluationDeps, 'cohorts' | 'store'>) {}

  async quotes(cohortId: string): Promise<EvaluationQuotes> {
    const [cohort, stored, ...responses] = await Promise.all([
      this.deps.cohorts.get(cohortId),
      this.deps.store.plan(cohortId),
      ...SURVEY_KINDS.map((survey) => this.deps.store.surveyResponses(cohortId, survey)),
    ]);
    if (!cohort) throw AppError.notFound('No cohort has that id');
    return quotesOf(stored?.value ?? defaultEvaluationPlan(), responses.flat());
  }
}

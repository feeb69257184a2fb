import type { EvaluationResults } from '../../../contracts/evaluation-results';
import { breakdownColumn, equalityBreakdowns } from '../domain/breakdowns';
import type { EvaluationDeps } from '../ports';
import type { ResultsService } from './results-service';

/**
 * The results with the breakdowns by special-category data added to the report: the cohort's
 * pairs counted by the mentor's answer (through the applications' counts, never a person's
 * value) and where the pair is, each table shown whole or withheld whole (domain/breakdowns).
 */
export class BreakdownService implements Pick<ResultsService, 'results' | 'report'> {
  constructor(
    private readonly deps: Pick<EvaluationDeps, 'pairs' | 'equality'>,
    private readonly inner: Pick<ResultsService, 'results' | 'report'>,
  ) {}

  results(cohortId: string): Promise<EvaluationResults> {
    return this.inner.results(cohortId);
  }

  async report(cohortId: string): Promise<EvaluationResults> {
    const source = this.deps.equality;
    if (!source) return this.inner.report(cohortId);
    const [results, pairs] = await Promise.all([
      this.inner.report(cohortId),
      this.deps.pairs.listByCohort(cohortId),
    ]);
    const people = pairs.flatMap((pair) => {
      const group = breakdownColumn(pair.state);
      return group ? [{ participantId: pair.mentorId, group }] : [];
    });
    const counts = await source.countsByGroup(cohortId, people);
    return { ...results, breakdowns: equalityBreakdowns(counts, results.minGroupSize) };
  }
}

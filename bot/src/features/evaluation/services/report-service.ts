import { DEFAULT_COHORT_TIME_ZONE } from '../../../contracts/cohort-settings';
import type { EvaluationDeps } from '../ports';
import { reportCsv } from '../report/report-csv';
import { type ReportInput, reportFileStem } from '../report/report-input';
import { reportPdf } from '../report/report-pdf';
import type { ResultsService } from './results-service';

/** A report file: its name (safe for Content-Disposition) and its contents. */
export interface ReportFile<T> {
  filename: string;
  content: T;
}

/**
 * The sponsor's report of a cohort's evaluation (PDF and CSV): the suppressed results and
 * participation measures from the results service, with the plan and the cohort's name and dates. Who may ask is the route's
 * question (those who run the cohort and its sponsors).
 */
export class ReportService {
  constructor(
    private readonly deps: Pick<EvaluationDeps, 'now'>,
    private readonly results: Pick<ResultsService, 'reportWith'>,
  ) {}

  async input(cohortId: string): Promise<ReportInput> {
    // The cohort and plan as the results were read with: no second read of either.
    const { results, cohort, plan } = await this.results.reportWith(cohortId);
    const { name, startDate, endDate, timeZone } = cohort;
    return {
      cohort: { name, startDate, endDate, timeZone: timeZone ?? DEFAULT_COHORT_TIME_ZONE },
      plan,
      results,
      madeAt: this.deps.now().toISOString(),
    };
  }

  async csv(cohortId: string): Promise<ReportFile<string>> {
    const input = await this.input(cohortId);
    return { filename: `${reportFileStem(input.cohort.name)}.csv`, content: reportCsv(input) };
  }

  async pdf(cohortId: string): Promise<ReportFile<Uint8Array>> {
    const input = await this.input(cohortId);
    return {
      filename: `${reportFileStem(input.cohort.name)}.pdf`,
      content: await reportPdf(input),
    };
  }
}

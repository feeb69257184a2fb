import type { TableStore } from '../../platform/storage/table-store';
import type { EvaluationDeps } from './ports';
import { BreakdownService } from './services/breakdown-service';
import { PlanService } from './services/plan-service';
import { QuotesService } from './services/quotes-service';
import { ReportService } from './services/report-service';
import { ResultsService } from './services/results-service';
import { SurveyService } from './services/survey-service';
import { EvaluationRepository } from './store/evaluation-repository';

/** The evaluation feature's services over one store (app/ wires the rest). */
export function createEvaluation(
  store: TableStore,
  deps: Omit<EvaluationDeps, 'store'>,
): {
  plans: PlanService;
  surveys: SurveyService;
  results: BreakdownService;
  reports: ReportService;
  quotes: QuotesService;
} {
  const all: EvaluationDeps = { ...deps, store: new EvaluationRepository(store) };
  const results = new BreakdownService(all, new ResultsService(all));
  return {
    plans: new PlanService(all),
    surveys: new SurveyService(all),
    results,
    reports: new ReportService(all, results),
    quotes: new QuotesService(all),
  };
}

import type { TableStore } from '../../platform/storage/table-store';
import { SurveyJobHandler } from './jobs/survey-job-handler';
import type { EvaluationDeps, SurveySendingPorts } from './ports';
import { SurveySending } from './services/survey-sending';
import { PlanService } from './services/plan-service';
import { QuotesService } from './services/quotes-service';
import { ReportService } from './services/report-service';
import { ResultsService } from './services/results-service';
import { SurveyService } from './services/survey-service';
import { EvaluationRepository } from './store/evaluation-repository';
import { SummaryRepository } from './store/summary-repository';

/** The evaluation feature's services over one store (app/ wires the rest). */
export function createEvaluation(
  store: TableStore,
  deps: Omit<EvaluationDeps, 'store'>,
): {
  plans: PlanService;
  surveys: SurveyService;
  results: ResultsService;
  reports: ReportService;
  quotes: QuotesService;
} {
  const all: EvaluationDeps = { ...deps, store: new EvaluationRepository(store) };
  const results = new ResultsService(all, new SummaryRepository(store));
  return {
    plans: new PlanService(all),
    surveys: new SurveyService(all),
    results,
    reports: new ReportService(all, results),
    quotes: new QuotesService(all),
  };
}

/**
 * The scheduled sending of surveys over the same store: the sweeps to start and the handler of
 * the evaluation's jobs (app/ routes them to it and schedules the sweeps).
 */
export function createSurveySending(
  store: TableStore,
  deps: Omit<EvaluationDeps, 'store'>,
  ports: SurveySendingPorts,
): { sending: SurveySending; jobs: SurveyJobHandler } {
  const all: EvaluationDeps = { ...deps, store: new EvaluationRepository(store) };
  const sending = new SurveySending(all, new SurveyService(all), ports);
  const jobs = new SurveyJobHandler({ sending, delivery: ports, now: deps.now, log: ports.log });
  return { sending, jobs };
}

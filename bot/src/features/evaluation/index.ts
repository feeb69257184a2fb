/**
 * Evaluation: a cohort's evaluation plan (baseline, mid-point pulse, final), the answers people
 * give, the paired pre/post statistics and the small-number suppression every published figure
 * goes through. This slice is the pure domain; survey delivery, storage, routes, charts and the
 * sponsor's report build on it (docs/evaluation.md). The wire shapes are in
 * `contracts/evaluation.ts` and `contracts/evaluation-results.ts`.
 */

export { defaultEvaluationPlan, CONFIDENCE_SCALE, AGREEMENT_SCALE } from './domain/default-plan';
export {
  planEditable,
  validatePlan,
  itemsFor,
  type PlanEditability,
  type PlanLock,
} from './domain/plan-rules';
export { responseProblems, mayBeQuoted } from './domain/answers';
export {
  pairedChange,
  median,
  EXACT_MAX,
  type PairedChange,
  type PValueMethod,
} from './domain/paired-change';
export { exactSignedRankP, midranks } from './domain/signed-rank-exact';
export {
  suppressGrid,
  withTotals,
  checkMinGroupSize,
  specialCategoryBreakdownAllowed,
} from './domain/suppression';
export { publishTable, publishBreakdown, type CountTable } from './domain/published-table';
export {
  evaluationResults,
  responseRates,
  groupsShown,
  type ScaleAnswers,
  type Invited,
} from './domain/results';
export {
  participationResults,
  meetingsHeld,
  meetingBand,
  sessionAttendance,
  earlyEndings,
  continueOrFinish,
  actionCounts,
  type ParticipationInput,
} from './domain/participation';
export { earlyEndGroup } from './domain/participation-reasons';
export {
  surveyWindows,
  windowState,
  closingWords,
  type SurveyWindow,
} from './domain/survey-window';
export {
  SURVEY_JOB_KINDS,
  type SurveyJobKind,
  isSurveyJobKind,
  surveySendsDue,
  reminderAt,
} from './domain/survey-sends';
export { createEvaluation, createSurveySending } from './evaluation-feature';
export type {
  EvaluationDeps,
  EqualityFacts,
  ParticipationFacts,
  SurveyRecipient,
  SurveySendingPorts,
} from './ports';
export { SurveySending } from './services/survey-sending';
export { SurveyJobHandler, isSurveyJob } from './jobs/survey-job-handler';
export {
  equalityBreakdowns,
  breakdownColumn,
  breakdownGroupSize,
  type BreakdownCounts,
} from './domain/breakdowns';
export { PlanService } from './services/plan-service';
export { SurveyService } from './services/survey-service';
export { ResultsService } from './services/results-service';
export { registerEvaluationRoutes, type EvaluationRouteDeps } from './http/evaluation-routes';
export {
  SURVEY_VERBS,
  type SurveyCardDeps,
  type SurveyVerb,
  surveyCardVerbs,
  surveyCommands,
} from './teams/survey-verbs';
export { reportCsv, reportCsvRows, REPORT_CSV_HEADER } from './report/report-csv';
export { reportPdf, REPORT_TITLE } from './report/report-pdf';
export { type ReportInput, reportFileStem } from './report/report-input';
export { ReportService } from './services/report-service';
export { registerReportRoutes, type ReportRouteDeps } from './http/report-routes';

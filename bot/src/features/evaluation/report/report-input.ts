import type { EvaluationPlan } from '../../../contracts/evaluation';
import type { EvaluationResults } from '../../../contracts/evaluation-results';

/**
 * What the sponsor's report is made from: the suppressed results, the plan they were computed
 * with, and the cohort's public facts (its name and dates, never anyone in it).
 */
export interface ReportInput {
  cohort: { name: string; startDate: string; endDate: string; timeZone: string };
  plan: EvaluationPlan;
  results: EvaluationResults;
  /** When the report was made (ISO instant); written in the cohort's time zone. */
  madeAt: string;
}

/** A safe file name stem from the cohort's name: letters, digits and dashes only. */
export function reportFileStem(cohortName: string): string {
  const stem = cohortName
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `evaluation-report-${stem || 'cohort'}`;
}

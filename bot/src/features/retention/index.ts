/**
 * Retention (issue 17): the daily run that deletes personal data whose period has passed
 * (special-category answers, never-matched applications, a closed cohort's personal rows after
 * its retention period), counts only in what it reports.
 */
export type { RetentionDeps } from './ports';
export {
  type ApplicationFacts,
  type CohortClosure,
  closedAt,
  comingRunAt,
  nextRunAt,
  retentionDue,
  retentionJobId,
  wasMatched,
} from './domain/retention-rules';
export { RetentionService } from './services/retention-service';
export { COHORT_ROWS, type CohortRowsFate, CohortRows } from './store/cohort-rows';
export { isRetentionJob, retentionJobHandler } from './jobs/retention-job';

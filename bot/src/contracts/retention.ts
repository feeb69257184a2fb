/**
 * Retention (issue 17): how long personal data outlives its cohort, and what a retention run
 * reports. Counts only: a run never names whose data it removed.
 */

/** Months after a cohort closes that its special-category answers are kept (default). */
export const DEFAULT_RETENTION_SENSITIVE_MONTHS = 6;
/** Months after a cohort closes that applications of people never matched are kept (default). */
export const DEFAULT_RETENTION_UNMATCHED_MONTHS = 12;
/**
 * Months after a cohort closes that its personal rows are kept (default); then only its
 * suppressed summary stays. Never shorter than the special-category period.
 */
export const DEFAULT_RETENTION_COHORT_MONTHS = 12;
/** The longest any retention period may be set to (ten years). */
export const MAX_RETENTION_MONTHS = 120;

export interface RetentionPeriods {
  /** RETENTION_SENSITIVE_MONTHS. */
  sensitiveMonths: number;
  /** RETENTION_UNMATCHED_MONTHS. */
  unmatchedMonths: number;
  /** RETENTION_COHORT_MONTHS: the cohort's personal rows (>= sensitiveMonths). */
  cohortMonths: number;
}

/** What one retention run removed, in counts only (logged and in the audit entry). */
export interface RetentionCounts {
  /** Cohorts whose special-category answers or unmatched applications were due. */
  cohorts: number;
  /** People's special-category answers deleted. */
  sensitiveAnswers: number;
  /** Applications of people never matched, deleted. */
  unmatchedApplications: number;
  /** Closed cohorts whose personal rows were deleted (their suppressed summary kept). */
  cohortsRetained: number;
  /** Rows of those cohorts deleted, in every table that held them. */
  rowsRemoved: number;
}

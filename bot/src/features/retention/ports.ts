import type { AuditLog } from '../../contracts/audit';
import type { RetentionPeriods } from '../../contracts/retention';
import type { Logger } from '../../platform/logger';
import type { Job } from '../../platform/storage/jobs/job';
import type { ApplicationFacts, CohortClosure } from './domain/retention-rules';

/**
 * What retention needs of other features, wired by the composition root (app/compose-retention):
 * it reads and deletes through each owning feature's surface, never its tables.
 */
export interface RetentionDeps {
  periods: RetentionPeriods;
  cohorts: {
    list(): Promise<(CohortClosure & { id: string })[]>;
    /** Marks the cohort retained (its row stays: name, dates), ETag-guarded. */
    markRetained(cohortId: string, at: string): Promise<void>;
  };
  /** The cohort's suppressed results, kept before its rows go (a summary kept stays as it was). */
  summaries: {
    keep(cohortId: string): Promise<void>;
    /** The breakdowns by special-category data, kept before those answers go. */
    keepBreakdowns(cohortId: string): Promise<void>;
  };
  /** Deletes the cohort's personal rows in every table; answers how many it deleted. */
  cohortRows: { remove(cohortId: string): Promise<number> };
  /** Object ids (lower-case) of the people on a cohort's roster. */
  roster: { userIds(cohortId: string): Promise<ReadonlySet<string>> };
  sensitive: {
    /** Object ids of the people whose special-category answers the cohort holds. */
    holders(cohortId: string): Promise<string[]>;
    remove(cohortId: string, userId: string): Promise<void>;
  };
  applications: {
    list(cohortId: string): Promise<ApplicationFacts[]>;
    /** Deletes one application; false when it was gone already. */
    remove(cohortId: string, applicantId: string): Promise<boolean>;
  };
  jobs: { schedule(jobs: Job[]): Promise<unknown> };
  audit: AuditLog;
  now: () => Date;
  log: Logger;
}

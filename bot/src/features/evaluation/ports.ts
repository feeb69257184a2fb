import type { AuditLog } from '../../contracts/audit';
import type { Cohort, Membership, Pair } from '../cohorts';
import type { EvaluationRepository } from './store/evaluation-repository';

/** What the evaluation services use of the rest of the product (wired in app/). */
export interface EvaluationDeps {
  store: EvaluationRepository;
  cohorts: { get(cohortId: string): Promise<{ value: Cohort } | undefined> };
  pairs: {
    get(cohortId: string, pairId: string): Promise<{ value: Pair } | undefined>;
    /** The cohort's pairs: one query (the results count who each survey was sent to). */
    listByCohort(cohortId: string): Promise<Pair[]>;
  };
  /** The cohorts a signed-in person takes part in, with their role and pair. */
  membershipsOf(userId: string): Promise<Membership[]>;
  audit: AuditLog;
  now: () => Date;
}

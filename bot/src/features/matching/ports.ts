import type { AuditLog } from '../../contracts/audit';
import type { Actor, Cohort } from '../cohorts';
import type { MatchApplicant } from './domain/proposal/applicant';

export type { MatchApplicant };

/**
 * The applications feature's side of matching (wired in app/): everyone accepted for matching
 * in a cohort — including those waitlisted by an earlier publish and anyone whose pair ended —
 * and the outcome recorded back on their application.
 */
export interface MatchApplicants {
  forMatching(cohortId: string): Promise<MatchApplicant[]>;
  markOutcome(
    cohortId: string,
    applicantId: string,
    outcome: 'matched' | 'waitlisted',
  ): Promise<void>;
}

/** A published pair as the cohort now holds it. */
export interface PublishedPair {
  pairId: string;
  mentorParticipantId: string;
  menteeParticipantId: string;
}

/** Someone the cohort already holds, and whether they are in a running pair. */
export interface CohortMember {
  participantId: string;
  email: string;
  inRunningPair: boolean;
}

/**
 * The cohort-admin feature's side (wired in app/ with PeopleService and PairAdminService). Every
 * method is safe to repeat: a retry after a crash finds what was made and makes nothing twice.
 */
export interface PairPublisher {
  /** The cohort's people by email, and their earlier pairs (any state) by email. */
  members(cohortId: string): Promise<{
    members: CohortMember[];
    pairsByEmail: [string, string][];
  }>;
  /**
   * Makes sure both are participants and paired, with the pair's introduction scheduled: an
   * existing participant (same email) and an existing running pair of the two are reused. For a
   * reciprocal pair (`arrangement` 'reciprocal') the first two are the partners A and B.
   */
  publishPair(
    cohort: Cohort,
    mentor: MatchApplicant,
    mentee: MatchApplicant,
    actor: Actor,
    arrangement?: 'reverse' | 'reciprocal',
  ): Promise<PublishedPair>;
  /** Tells someone kindly that they are on the waiting list; false when they cannot be reached. */
  tellWaitlisted(cohort: Cohort, applicant: MatchApplicant): Promise<boolean>;
}

export interface MatchingDeps {
  applicants: MatchApplicants;
  /**
   * The cohort's band gap (the application settings' `minimumBandGap`, or its default): one
   * cohort rule, read at each run.
   */
  bandGap(cohortId: string): Promise<number>;
  publisher: PairPublisher;
  audit: AuditLog;
  now: () => Date;
}

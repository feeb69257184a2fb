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
  /** Records each outcome on its application, all at once (safe to repeat). */
  markOutcomes(cohortId: string, outcomes: readonly ApplicantOutcome[]): Promise<void>;
}

export interface ApplicantOutcome {
  applicantId: string;
  outcome: 'matched' | 'waitlisted';
}

/** A published pair as the cohort now holds it. */
export interface PublishedPair {
  pairId: string;
  mentorParticipantId: string;
  menteeParticipantId: string;
}

/** A pair of a run to publish. */
export interface PairToPublish {
  mentor: MatchApplicant;
  mentee: MatchApplicant;
  arrangement: 'reverse' | 'reciprocal';
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
   * Makes sure everyone is a participant and each pair is made, with its introduction
   * scheduled, reading the cohort once and writing in batches: an existing participant (same
   * email) and an existing running pair of the two are reused. For a reciprocal pair
   * (`arrangement` 'reciprocal') `mentor` and `mentee` are the partners A and B. The answer is
   * in the order asked.
   */
  publishPairs(
    cohort: Cohort,
    pairs: readonly PairToPublish[],
    actor: Actor,
  ): Promise<PublishedPair[]>;
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

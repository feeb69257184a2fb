import type { AuditLog } from '../../../contracts/audit';
import type {
  ApplicationArrangement,
  ApplicationRole,
  ApplicationStatus,
  AvailabilitySlot,
  MeetingMode,
} from '../../../contracts/applications';
import type { EventAudience, EventType } from '../../../contracts/calendar';
import type { DecisionMessage, ReviewDecision } from '../../../contracts/decision-messages';
import type { Logger } from '../../../platform/logger';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Cohort } from '../../cohorts';
import type { ReviewRepository } from '../store/review-repository';

/**
 * What the review reads of an application: the non-sensitive answers only. Special-category
 * answers are stored apart and no port here can read them.
 */
export interface ReviewedApplication {
  id: string;
  cohortId: string;
  /** The applicant's Entra object id (how they are told the decision). */
  userId: string;
  email: string;
  displayName: string;
  status: ApplicationStatus;
  submittedAt: string | null;
  role: ApplicationRole;
  arrangement: ApplicationArrangement;
  band: string;
  organisation: string;
  directorate: string;
  lineManager: { name: string; email: string };
  perspectivesShared: string[];
  perspectivesWanted: string[];
  meetingMode: MeetingMode;
  location: string | null;
  availability: AvailabilitySlot[];
  notes: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

/** The decision written onto the application, guarded by the ETag the coordinator read. */
export interface DecisionWrite {
  status: ApplicationStatus;
  decisionReason: string | null;
  decidedAt: string;
  decidedBy: string;
}

/** The applications feature's records, as the review uses them. */
export interface ReviewApplications {
  /** Every application of the cohort that was sent (no drafts). */
  listSent(cohortId: string): Promise<Versioned<ReviewedApplication>[]>;
  get(cohortId: string, applicationId: string): Promise<Versioned<ReviewedApplication> | undefined>;
  /** Writes the decision if the application is unchanged since `etag`; a ConflictError if not. */
  decide(
    cohortId: string,
    applicationId: string,
    write: DecisionWrite,
    etag: string,
  ): Promise<Versioned<ReviewedApplication>>;
  /** The cohort's application settings the review needs. */
  settings(cohortId: string): Promise<{
    requireTraining: boolean;
    ladder: readonly string[];
    /** The words each applicant is told per decision (the kind defaults until changed). */
    decisionMessages: Record<ReviewDecision, DecisionMessage>;
  }>;
}

export interface ReviewEvent {
  id: string;
  type: EventType;
  audience: EventAudience;
  title: string;
  start: string;
}

export interface ReviewDeps {
  applications: ReviewApplications;
  cohorts: { get(cohortId: string): Promise<{ value: Cohort }> };
  events: { list(cohortId: string): Promise<ReviewEvent[]> };
  records: ReviewRepository;
  audit: AuditLog;
  now: () => Date;
  log: Logger;
}

/** Who did it, for the audit trail. */
export interface ReviewActor {
  userId: string;
  name: string;
}

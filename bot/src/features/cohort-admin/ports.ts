import type { AuditLog } from '../../contracts/audit';
import type { CoordinatorPairService, PairContext } from '../journey';
import type {
  Cohort,
  CohortRepository,
  Pair,
  MembershipRepository,
  PairRepository,
  Participant,
  ParticipantRepository,
} from '../cohorts';
import type { Notice } from './domain/notices';

/** Tells a participant something in their Teams chat; false when they cannot be reached yet. */
export interface ParticipantMessages {
  tell(participant: Participant, notice: Notice): Promise<boolean>;
}

/** The records the programme team's changes read and write (the cohorts feature's repositories). */
export interface AdminStores {
  cohorts: Pick<CohortRepository, 'get' | 'update'>;
  participants: Pick<
    ParticipantRepository,
    'get' | 'listByCohort' | 'create' | 'createMany' | 'update' | 'remove'
  >;
  pairs: Pick<PairRepository, 'get' | 'listByCohort' | 'create' | 'createMany'>;
  memberships: Pick<MembershipRepository, 'put' | 'remove'>;
}

/** The journey's part: the pair lifecycle with the coordinator as actor, and introductions. */
export interface AdminJourney {
  pairs: Pick<CoordinatorPairService, 'loadAt' | 'pause' | 'resume' | 'end' | 'complete'>;
  load(cohortId: string, pairId: string): Promise<PairContext>;
  scheduleIntroductions(cohortId: string, pairIds: string[]): Promise<void>;
  /** The introductions of pairs just made, scheduled at once without reading them back. */
  scheduleIntroductionsOf(cohort: Cohort, pairs: readonly Pair[]): Promise<void>;
}

/** What else follows a cohort's close (retention's daily runs start counting from it). */
export interface CohortClosedListener {
  cohortClosed(cohortId: string): Promise<void>;
}

export interface AdminDeps {
  stores: AdminStores;
  journey: AdminJourney;
  messages: ParticipantMessages;
  audit: AuditLog;
  closes: CohortClosedListener;
  now: () => Date;
}

import type {
  CohortParticipant,
  CohortSummary,
  Partner,
  PairStateView,
} from '../../../contracts/cohorts';
import { type Cohort, settingsOf } from './cohort';
import type { Pair } from './pair';
import type { Participant } from './participant';

/** What the API shows of a cohort to anyone in it. */
export function cohortView(c: Cohort): CohortSummary {
  return {
    id: c.id,
    name: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    isDemo: c.isDemo,
    cadence: c.cadence,
    ...settingsOf(c),
  };
}

/** What a participant sees of their partner: name and work details, never sensitive data. */
export function partnerView(p: Participant): Partner {
  return {
    displayName: p.displayName,
    role: p.role,
    organisation: p.organisation ?? null,
    jobTitle: p.jobTitle ?? null,
  };
}

/** What a coordinator sees of a participant: who they are and their role, nothing private. */
export function participantView(
  p: Participant,
  pairId: string | undefined,
  etag = '',
): CohortParticipant {
  return {
    id: p.id,
    displayName: p.displayName,
    email: p.email,
    role: p.role,
    organisation: p.organisation ?? null,
    jobTitle: p.jobTitle ?? null,
    band: p.band ?? null,
    linked: Boolean(p.userId),
    pairId: pairId ?? null,
    etag,
  };
}

/** What a coordinator sees of a pair: who and its state. */
export function pairStateView(p: Pair, etag = ''): PairStateView {
  return {
    id: p.id,
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    arrangement: p.arrangement,
    state: p.state,
    updatedAt: p.updatedAt,
    etag,
  };
}

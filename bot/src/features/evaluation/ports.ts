import type { AuditLog } from '../../contracts/audit';
import type {
  PairParticipation,
  PartnerChoice,
  SessionRecord,
} from '../../contracts/evaluation-participation';
import type { Logger } from '../../platform/logger';
import type { Job } from '../../platform/storage/jobs/job';
import type { JobStatus } from '../../platform/storage/jobs/job-rows';
import type { HandlerResult } from '../../platform/storage/jobs/scheduler';
import type { CardJson } from '../../platform/teams/cards/render';
import type { Cohort, Membership, Pair } from '../cohorts';
import type { BreakdownColumn } from '../../contracts/evaluation-results';
import type { BreakdownCounts } from './domain/breakdowns';
import type { EvaluationRepository } from './store/evaluation-repository';

/** The journey's and calendar's facts the participation measures count: no names, no text out. */
export interface ParticipationFacts {
  /** The cohort's pairs' facts, and its programme sessions' registers. */
  of(
    cohortId: string,
    pairs: readonly Pair[],
  ): Promise<{
    pairs: PairParticipation[];
    /** One entry per partner of a pair that reached the final review. */
    choices: PartnerChoice[];
    sessions: SessionRecord[];
  }>;
}

/**
 * The applications' special-category answers, as counts only (never a person's value): per
 * category, how many of `people` (cohort participants) gave each answer with consent, by group;
 * "prefer not to say", no answer and no consent in one (`PREFER_NOT_TO_SAY`).
 */
export interface EqualityFacts {
  countsByGroup(
    cohortId: string,
    people: readonly { participantId: string; group: BreakdownColumn }[],
  ): Promise<BreakdownCounts>;
}

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
  /** Where the participation measures' facts come from; without it they are not reported. */
  participation?: ParticipationFacts;
  /** Where the breakdowns by special-category data come from; without it they are not reported. */
  equality?: EqualityFacts;
}

/** Who a scheduled survey card is for: a person in one pair of a cohort. */
export interface SurveyRecipient {
  cohortId: string;
  pairId: string;
  participantId: string;
}

/**
 * What the scheduled sending of surveys uses (wired in app/): the platform's job store, the
 * cohorts to sweep on start, and the journey's kind delivery.
 */
export interface SurveySendingPorts {
  jobs: {
    schedule(jobs: Job[]): Promise<unknown>;
    get(jobId: string): Promise<{ status: JobStatus; completedAt?: string } | undefined>;
  };
  cohorts: { list(): Promise<Cohort[]> };
  /**
   * Sends the cards to the person exactly as the journey's nudges go: in the cohort's working
   * hours in their time zone, at most one message a day shared with the nudges (a day already
   * used answers "next working day"), never the same job twice, held while they paused reminders.
   */
  deliver(to: SurveyRecipient, jobIds: string[], cards: CardJson[]): Promise<HandlerResult>;
  log: Logger;
}

import type { CohortParticipant } from '../../../contracts/cohorts';
import { AppError } from '../../../platform/errors';
import type { Versioned } from '../../../platform/storage/versioned';
import type { Cohort } from '../domain/cohort';
import { type Pair, currentPairs, partnerOf } from '../domain/pair';
import type { Participant } from '../domain/participant';
import { participantView } from '../domain/views';
import type { CohortRepository } from '../store/cohort-repository';
import type { PairRepository } from '../store/pair-repository';
import type { ParticipantRepository } from '../store/participant-repository';

/** The records cohort reads come from. */
export interface CohortStores {
  cohorts: Pick<CohortRepository, 'get' | 'list'>;
  participants: Pick<ParticipantRepository, 'get' | 'listByCohort' | 'listVersioned'>;
  pairs: Pick<PairRepository, 'get' | 'listByCohort' | 'listVersioned'>;
}

/** A person's pair and partner, as their membership points to them. */
export interface PairWithPartner {
  pair: Pair;
  /** Undefined when the partner's record is missing (e.g. removed from the cohort). */
  partner?: Participant;
}

/**
 * Cohorts and the people in them, read: the cohort list, one cohort, its roster and pairs, a
 * person's pair and partner, and which cohort a Teams channel belongs to. What is written
 * (new cohorts, imports) goes through RosterService.
 */
export class CohortService {
  constructor(private readonly repos: CohortStores) {}

  /** Every cohort, latest start first. */
  list(): Promise<Cohort[]> {
    return this.repos.cohorts.list();
  }

  /** The cohort with its ETag, or undefined. */
  find(cohortId: string): Promise<Versioned<Cohort> | undefined> {
    return this.repos.cohorts.get(cohortId);
  }

  /** The cohort with its ETag; a 404 with `message` when there is none. */
  async get(cohortId: string, message = 'No cohort has that id'): Promise<Versioned<Cohort>> {
    const cohort = await this.repos.cohorts.get(cohortId);
    if (!cohort) throw AppError.notFound(message);
    return cohort;
  }

  /**
   * The cohort's roster as a coordinator sees it, each person with their pair's id (a pair that
   * ended early no longer counts: they may be paired again) and the row's ETag.
   */
  async participants(cohortId: string): Promise<CohortParticipant[]> {
    const [people, pairs] = await Promise.all([
      this.repos.participants.listVersioned(cohortId),
      this.repos.pairs.listByCohort(cohortId),
    ]);
    const pairOf = currentPairs(pairs);
    return people
      .map(({ value, etag }) => participantView(value, pairOf.get(value.id), etag))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  pairs(cohortId: string): Promise<Pair[]> {
    return this.repos.pairs.listByCohort(cohortId);
  }

  /** The cohort's pairs with their ETags (for pausing, resuming or ending one). */
  versionedPairs(cohortId: string): Promise<Versioned<Pair>[]> {
    return this.repos.pairs.listVersioned(cohortId);
  }

  /** A participant's pair and their partner, or undefined when there is no such pair. */
  async pairOf(
    cohortId: string,
    pairId: string,
    participantId: string,
  ): Promise<PairWithPartner | undefined> {
    const pair = await this.repos.pairs.get(cohortId, pairId);
    const partnerId = pair ? partnerOf(pair.value, participantId) : undefined;
    if (!pair || !partnerId) return undefined;
    const partner = await this.repos.participants.get(cohortId, partnerId);
    return { pair: pair.value, partner: partner?.value };
  }

  /** The cohort a Teams channel was linked to when the channel tab was added. */
  async forChannel(channelId: string): Promise<Cohort | undefined> {
    const cohorts = await this.repos.cohorts.list();
    return cohorts.find((c) => c.channel?.channelId === channelId);
  }
}

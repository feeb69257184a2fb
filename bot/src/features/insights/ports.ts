import type { AuditLog } from '../../contracts/audit';
import type { CardJson } from '../../platform/teams/cards/render';
import type { Cohort, Membership, Pair, Participant } from '../cohorts';
import type { InsightRepository } from './store/insight-repository';

/** What the insights service uses of the rest of the product (wired in app/). */
export interface InsightDeps {
  store: InsightRepository;
  cohorts: { get(cohortId: string): Promise<{ value: Cohort } | undefined> };
  pairs: { get(cohortId: string, pairId: string): Promise<{ value: Pair } | undefined> };
  participants: {
    get(cohortId: string, participantId: string): Promise<{ value: Participant } | undefined>;
  };
  /** The cohorts a signed-in person takes part in, with their pair. */
  membershipsOf(userId: string): Promise<Membership[]>;
  /** A proactive card to a person's one-to-one chat with the bot; false when there is none. */
  send(userId: string, card: CardJson): Promise<boolean>;
  audit: AuditLog;
  newId(): string;
  now(): Date;
}

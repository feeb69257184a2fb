import type { AuditLog } from '../../../contracts/audit';
import type { Actor } from './role-service';
import type { CohortLinks, LinkEvent } from '../../../contracts/cohorts';
import { AppError } from '../../../platform/errors';
import { ConflictError } from '../../../platform/storage/errors';
import { type LinkRecord, currentLinks, newestFirst } from '../domain/linking';
import { newId } from '../domain/ids';
import type { LinkRepository } from '../store/link-repository';
import { type MembershipRepository, userKey } from '../store/membership-repository';
import type { ParticipantRepository } from '../store/participant-repository';

/** The records the coordinator's view of links reads and the undo writes. */
export interface LinkStores {
  participants: Pick<ParticipantRepository, 'get' | 'listVersioned' | 'update'>;
  memberships: Pick<MembershipRepository, 'remove'>;
  links: Pick<LinkRepository, 'listByCohort' | 'record'>;
}

function eventView({ cohortId: _cohortId, ...event }: LinkRecord): LinkEvent {
  return event;
}

/**
 * Who in a cohort is linked to which Entra object id, how and when (every link and undo is
 * recorded), and the coordinator's undo. Linking itself happens at sign-in (IdentityService) and
 * at import (RosterService).
 */
export class LinkService {
  constructor(
    private readonly repos: LinkStores,
    private readonly now: () => Date,
    private readonly audit?: AuditLog,
  ) {}

  async links(cohortId: string): Promise<CohortLinks> {
    const [people, records] = await Promise.all([
      this.repos.participants.listVersioned(cohortId),
      this.repos.links.listByCohort(cohortId),
    ]);
    const history = newestFirst(records);
    return { links: currentLinks(people, history), history: history.map(eventView) };
  }

  /**
   * Undoes a participant's link: clears their object id (only if the row is unchanged since
   * `etag`, else 412 and nothing changes), removes the index row that found them by it, and
   * records the undo. They are linked again only by the policy: a vouched email the next time
   * they sign in, or an object id in a new import.
   */
  async undo(cohortId: string, participantId: string, etag: string, by: Actor): Promise<LinkEvent> {
    const coordinatorId = by.userId;
    const participant = await this.repos.participants.get(cohortId, participantId);
    if (!participant) throw AppError.notFound('No participant in this cohort has that id');
    // The precondition first: an undo sent from an out-of-date view changes nothing.
    if (participant.etag !== etag) {
      throw new ConflictError(
        `${participant.value.displayName}'s link changed since you read it`,
        participant,
      );
    }
    const userId = participant.value.userId?.toLowerCase();
    if (!userId) {
      throw AppError.coded(
        'conflict',
        'not_linked',
        `${participant.value.displayName} is not linked`,
      );
    }
    const { userId: _cleared, ...unlinked } = participant.value;
    await this.repos.participants.update(unlinked, etag);
    await this.repos.memberships.remove(userKey(userId), cohortId);
    const record: LinkRecord = {
      id: newId(),
      cohortId,
      participantId,
      displayName: participant.value.displayName,
      action: 'unlinked',
      via: 'coordinator',
      userId,
      email: null,
      by: coordinatorId.toLowerCase(),
      at: this.now().toISOString(),
    };
    await this.repos.links.record(record);
    await this.audit?.record({
      action: 'participant.unlinked',
      actorId: by.userId,
      actorName: by.name,
      target: 'participant',
      targetId: participantId,
      targetLabel: participant.value.displayName,
      cohortId,
      changes: [{ field: 'linked account', before: userId, after: null }],
      reason: null,
    });
    return eventView(record);
  }
}

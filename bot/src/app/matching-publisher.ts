import type { BulkPairsService, PersonToPlace } from '../features/cohort-admin/index';
import { normaliseEmail } from '../features/cohorts/index';
import {
  type MatchApplicant,
  type PairPublisher,
  waitlistNotice,
} from '../features/matching/index';
import type { Logger } from '../platform/logger';
import { cardMessage } from '../platform/teams/activity-handler';
import { buildConfirmationCard } from '../platform/teams/cards/confirmation-card';
import type { ProactiveSender } from '../platform/teams/proactive-sender';
import type { Repositories } from './repositories';

/**
 * Matching's publisher, wired over the cohort-admin feature: the run's pairs are placed at once
 * (BulkPairsService: the roster and pairs read once, people and pairs inserted in batches, the
 * introductions scheduled together). Safe to repeat: someone already on the roster (same email)
 * and a pair of the same two people that still holds them are reused, and the pair's
 * introduction is scheduled again (idempotent).
 */
export function matchingPublisher(deps: {
  repos: Pick<Repositories, 'participants' | 'pairs'>;
  bulk: Pick<BulkPairsService, 'placePairs'>;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  log: Logger;
}): PairPublisher {
  const { repos } = deps;
  const holds = (state: string) => state !== 'ended_early';

  return {
    async members(cohortId) {
      const [people, pairs] = await Promise.all([
        repos.participants.listByCohort(cohortId),
        repos.pairs.listByCohort(cohortId),
      ]);
      const emailOf = new Map(people.map((p) => [p.id, p.email]));
      const held = new Set(
        pairs.filter((p) => holds(p.state)).flatMap((p) => [p.mentorId, p.menteeId]),
      );
      return {
        members: people.map((p) => ({
          participantId: p.id,
          email: p.email,
          inRunningPair: held.has(p.id),
        })),
        pairsByEmail: pairs.flatMap((p) => {
          const [a, b] = [emailOf.get(p.mentorId), emailOf.get(p.menteeId)];
          return a && b ? [[a, b] as [string, string]] : [];
        }),
      };
    },

    publishPairs(cohort, pairs, actor) {
      return deps.bulk.placePairs(
        cohort,
        pairs.map(({ mentor, mentee, arrangement }) => ({
          mentor: personOf(mentor, 'mentor', arrangement),
          mentee: personOf(mentee, 'mentee', arrangement),
          arrangement,
        })),
        actor,
      );
    },

    async tellWaitlisted(cohort, applicant) {
      if (!applicant.aadObjectId) return false;
      try {
        const card = buildConfirmationCard(waitlistNotice(cohort.name));
        const sent = await deps.sender.sendToUser(applicant.aadObjectId, cardMessage(card));
        return sent.status === 'sent';
      } catch (error) {
        deps.log.warn(
          { err: error, applicantId: applicant.id },
          'could not tell a waitlisted applicant',
        );
        return false;
      }
    },
  };
}

/**
 * The applicant as someone to add to the roster. A reciprocal pair has no mentor or mentee
 * (no roles are checked for it): partner A takes the first place, and each joins with the role
 * they applied for, "either" as placed. Their object id came from their own verified sign-in
 * when they applied.
 */
function personOf(
  a: MatchApplicant,
  place: 'mentor' | 'mentee',
  arrangement: 'reverse' | 'reciprocal',
): PersonToPlace {
  return {
    displayName: a.displayName,
    email: normaliseEmail(a.email),
    role: arrangement === 'reciprocal' && a.role !== 'either' ? a.role : place,
    organisation: a.organisation,
    verifiedUserId: a.aadObjectId,
  };
}

import type { PairAdminService, PeopleService } from '../features/cohort-admin/index';
import type { Actor, Cohort, Participant } from '../features/cohorts/index';
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
 * Matching's publisher, wired over the cohort-admin feature: each matched applicant becomes a
 * participant (PeopleService), each pair is made with its introduction (PairAdminService). Safe
 * to repeat: someone already on the roster (same email) and a pair of the same two people that
 * still holds them are reused, and the pair's introduction is scheduled again (idempotent).
 */
export function matchingPublisher(deps: {
  repos: Pick<Repositories, 'participants' | 'pairs'>;
  people: Pick<PeopleService, 'add'>;
  pairs: Pick<PairAdminService, 'makePair'>;
  scheduleIntroductions: (cohortId: string, pairIds: string[]) => Promise<void>;
  sender: Pick<ProactiveSender, 'sendToUser'>;
  log: Logger;
}): PairPublisher {
  const { repos } = deps;
  const holds = (state: string) => state !== 'ended_early';

  async function participant(
    cohort: Cohort,
    a: MatchApplicant,
    role: 'mentor' | 'mentee',
    actor: Actor,
  ): Promise<Participant> {
    const email = normaliseEmail(a.email);
    const people = await repos.participants.listByCohort(cohort.id);
    const found = email === '' ? undefined : people.find((p) => p.email === email);
    if (found) return found;
    const input = { displayName: a.displayName, email, role, organisation: a.organisation };
    // The applicant's object id came from their own verified sign-in when they applied.
    return (await deps.people.add(cohort, input, actor, a.aadObjectId)).value;
  }

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

    async publishPair(cohort, mentorApplicant, menteeApplicant, actor, arrangement = 'reverse') {
      // A reciprocal pair has no mentor or mentee (makePair checks no roles for it): partner A
      // takes the first place; each joins with the role they applied for, "either" as placed.
      const roleOf = (a: MatchApplicant, place: 'mentor' | 'mentee') =>
        arrangement === 'reciprocal' && a.role !== 'either' ? a.role : place;
      const mentor = await participant(
        cohort,
        mentorApplicant,
        roleOf(mentorApplicant, 'mentor'),
        actor,
      );
      const mentee = await participant(
        cohort,
        menteeApplicant,
        roleOf(menteeApplicant, 'mentee'),
        actor,
      );
      const existing = (await repos.pairs.listByCohort(cohort.id)).find(
        (p) =>
          p.mentorId === mentor.id &&
          p.menteeId === mentee.id &&
          (p.arrangement ?? 'reverse') === arrangement &&
          holds(p.state),
      );
      let pairId = existing?.id;
      if (pairId) await deps.scheduleIntroductions(cohort.id, [pairId]);
      else {
        pairId = (
          await deps.pairs.makePair(
            cohort,
            { mentorId: mentor.id, menteeId: mentee.id, arrangement },
            actor,
          )
        ).pairId;
      }
      return { pairId, mentorParticipantId: mentor.id, menteeParticipantId: mentee.id };
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

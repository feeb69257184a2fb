import type { Logger } from '../../../platform/logger';
import { cardMessage } from '../../../platform/teams/activity-handler';
import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import type { ProactiveSender } from '../../../platform/teams/proactive-sender';
import type { Participant } from '../../cohorts';
import type { Notice } from '../domain/notices';
import type { ParticipantMessages } from '../ports';

/**
 * Tells a participant something in their personal chat with the bot. Someone who has not
 * installed the app (or not signed in yet) cannot be told: the answer says so, and a failed
 * send never undoes the change that was made.
 */
export function teamsMessages(
  sender: Pick<ProactiveSender, 'sendToUser'>,
  log: Logger,
): ParticipantMessages {
  return {
    async tell(participant: Participant, notice: Notice): Promise<boolean> {
      if (!participant.userId) return false;
      try {
        const sent = await sender.sendToUser(
          participant.userId,
          cardMessage(buildConfirmationCard(notice)),
        );
        return sent.status === 'sent';
      } catch (error) {
        log.warn({ err: error, participantId: participant.id }, 'could not tell a participant');
        return false;
      }
    },
  };
}

import { AppError } from '../../../platform/errors';
import { MESSAGES } from '../../../platform/teams/messages';
import type { CardJson } from '../../../platform/teams/cards/render';
import type { CommandRoute } from '../../../platform/teams/turn-routes';
import type { AnnouncementService } from '../services/announcement-service';
import type { AnnouncementActions } from './announcement-actions';

/** What "announce" uses. */
export interface AnnounceCommandDeps {
  announcements: Pick<AnnouncementService, 'requireCoordinator'>;
  actions: Pick<AnnouncementActions, 'composer'>;
  /** Sends a card to the person's own chat with the bot; false when there is none yet. */
  sendToOwnChat(userId: string, card: CardJson): Promise<boolean>;
}

/**
 * "announce": a coordinator's composer (the same check as the announcement routes,
 * `AnnouncementService.requireCoordinator`); anyone else is told who sends announcements.
 * Typed in a team or group chat, the composer goes to the coordinator's own chat (a draft is
 * nobody else's business). Not listed in help: it is for the programme team only.
 */
export function announceCommand(deps: AnnounceCommandDeps): CommandRoute {
  return {
    command: 'announce',
    description: 'Write an announcement to a cohort (programme team only)',
    hidden: true,
    async run({ actor, scope }) {
      try {
        await deps.announcements.requireCoordinator(actor.userId);
      } catch (error) {
        if (error instanceof AppError && error.reason === 'forbidden') {
          return { text: MESSAGES.coordinatorsOnly };
        }
        throw error;
      }
      const card = await deps.actions.composer(actor);
      if (scope === 'personal') return { cards: [card] };
      const sent = await deps.sendToOwnChat(actor.userId, card);
      return { text: sent ? MESSAGES.composerInChat : MESSAGES.openChatFirst };
    },
  };
}

import { buildConfirmationCard } from '../../../platform/teams/cards/confirmation-card';
import type { ActionResult, CardData } from '../../../platform/teams/turn-routes';

/** A string the card sent, or '' (every value a card sends is untrusted). */
export const str = (data: CardData, key: string): string =>
  typeof data[key] === 'string' ? data[key] : '';

/** A card that only says something: the answer to an action that cannot go ahead. */
export const note = (title: string, ...lines: string[]): ActionResult => ({
  card: buildConfirmationCard({ title, lines }),
  notices: [],
});

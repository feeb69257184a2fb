import { type Activity, MessageFactory } from 'botbuilder';
import { type CardJson, asAttachment } from '../../../platform/teams/cards/render';

/**
 * A card as the Teams message that carries it: the one place this feature builds activities,
 * so the services and the fan-out only ever hand cards to the delivery.
 */
export function cardActivity(card: CardJson, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(asAttachment(card));
  return summary === undefined ? activity : { ...activity, summary };
}

import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/** Teams renders Adaptive Cards up to schema 1.5. */
export const CARD_VERSION = '1.5';

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** Expands a card template with its data (adaptivecards-templating) into plain card JSON. */
export function expandCard(template: object, data: object): CardJson {
  const expanded = new ACData.Template(template).expand({ $root: data }) as CardJson;
  return expanded;
}

export function asAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}

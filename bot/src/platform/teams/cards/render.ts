import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { safeCardLinks } from './card-links';

/** Teams renders Adaptive Cards up to schema 1.5. */
export const CARD_VERSION = '1.5';

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** A card template: the Adaptive Card envelope around the given body and actions. */
export function cardTemplate(body: object[], actions?: object[]): object {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions ? { actions } : {}),
  };
}

/** A card's title: a heading for screen readers, not just large text. */
export function heading(text: string): object {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', style: 'heading', wrap: true };
}

/**
 * Expands a card template with its data (adaptivecards-templating) into plain card JSON, with
 * only safe links left in it (card-links.ts).
 */
export function expandCard(template: object, data: object): CardJson {
  const expanded = new ACData.Template(template).expand({ $root: data }) as CardJson;
  safeCardLinks(expanded);
  return expanded;
}

export function asAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}

/**
 * Makes Teams ask the bot for the current version of a card whenever one of `userIds` views it
 * (Universal Actions refresh; at most 60 users), so both partners see the latest state.
 */
export function withRefresh(
  card: CardJson,
  verb: string,
  data: object,
  userIds: string[],
): CardJson {
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', verb, data },
      userIds: userIds.slice(0, 60),
    },
  };
}

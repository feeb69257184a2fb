import type { InsightKind } from '../../../contracts/insights';
import { finishCard, text } from '../../../platform/teams/cards/card-kit';
import { CARD_VERSION, type CardJson, heading } from '../../../platform/teams/cards/render';

/**
 * Tells the other author of a pair's insight that it was withdrawn and deleted: its title only,
 * never who withdrew it. Built as plain JSON (nothing anyone typed is expanded as a template).
 */
export function insightWithdrawnCard(data: { kind: InsightKind; title: string }): CardJson {
  const what = data.kind === 'insight' ? 'An insight you were writing together' : 'A testimonial';
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      heading(`${what} was withdrawn`),
      text(data.title, { weight: 'Bolder' }),
      text(
        'An author withdrew their consent, so it has been deleted: it is no longer in the programme team’s queue or on the board. Nothing more is needed from you.',
      ),
    ],
  } as CardJson;
  finishCard(card);
  return card;
}

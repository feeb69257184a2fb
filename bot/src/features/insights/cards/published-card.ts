import {
  INSIGHT_THEME_WORDS,
  type InsightKind,
  type InsightTheme,
} from '../../../contracts/insights';
import { finishCard, text } from '../../../platform/teams/cards/card-kit';
import { CARD_VERSION, type CardJson, heading } from '../../../platform/teams/cards/render';

/**
 * Tells an author their insight or testimonial is on the board: its title and theme, and who
 * reads it. Built as plain JSON (nothing anyone typed is expanded as a template).
 */
export function insightPublishedCard(data: {
  kind: InsightKind;
  title: string;
  theme: InsightTheme;
}): CardJson {
  const what = data.kind === 'insight' ? 'Your pair’s insight' : 'Your testimonial';
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      heading(`${what} is on the board`),
      text(data.title, { weight: 'Bolder' }),
      text(`Theme: ${INSIGHT_THEME_WORDS[data.theme]}.`),
      text(
        'The programme’s sponsors and those who run it can now read it, without your names: only your broad role is shown. Thank you for sharing it.',
      ),
    ],
  } as CardJson;
  finishCard(card);
  return card;
}
